// Suggested dispatch (issue 13): 500 open blockages × 30 teams planned with the HiGHS MIP (time
// limit, warm-started with the greedy plan), against the greedy plan alone in the same run. Target:
// the whole plan under 2 s, releasing at least as much water as the greedy plan.
import { performance } from 'node:perf_hooks';
import { planDispatch } from '../shared/calc/dispatch';
import { highsSolver, loadSolver } from '../electron/core/services/dispatch/highsSolver';
import { PLAN_BUDGET_MS } from '../electron/core/services/dispatch/planService';
import { randomProblem } from '../tests/helpers/dispatchInstances';
import { report } from './lib';

const TEAMS = 30;
const BLOCKAGES = 500;
const SEEDS = [1, 2, 3];
const TARGET_MS = 2000;

export async function benchDispatch(): Promise<void> {
  const l0 = performance.now();
  const highs = await loadSolver();
  const loadMs = performance.now() - l0;
  // The desk keeps its solver loaded; one small plan first lets the Wasm code tier up, as the
  // first plan of a session does.
  const c0 = performance.now();
  planDispatch(randomProblem(99, 5, 40), highsSolver(highs));
  console.log(`dispatch: solver load ${loadMs.toFixed(0)} ms, first (cold) small plan ${(performance.now() - c0).toFixed(0)} ms`);
  for (const seed of SEEDS) {
    const problem = randomProblem(seed, TEAMS, BLOCKAGES);
    const g0 = performance.now();
    const greedy = planDispatch(problem);
    const greedyMs = performance.now() - g0;
    const s0 = performance.now();
    const plan = planDispatch(problem, highsSolver(highs, { deadlineMs: s0 + PLAN_BUDGET_MS }));
    const ms = performance.now() - s0;
    report(`dispatch ${BLOCKAGES}×${TEAMS} seed ${seed} (MIP vs greedy)`, ms, greedyMs);
    const more = plan.releasedM3 / greedy.releasedM3;
    console.log(
      `  plan by ${plan.producedBy} (${plan.solver.name} ${plan.solver.status}, ${plan.solver.releasedM3 === null ? 'no solution' : `${Math.round(plan.solver.releasedM3)} m³`}, ${plan.candidates} candidate pairs): ${Math.round(plan.releasedM3)} m³ in ${ms.toFixed(0)} ms ${ms <= TARGET_MS ? `✓ under ${TARGET_MS} ms` : `✗ over ${TARGET_MS} ms`}; ` +
        `greedy ${Math.round(greedy.releasedM3)} m³ in ${greedyMs.toFixed(1)} ms; released ${more.toFixed(4)}× greedy ${more >= 1 - 1e-9 ? '✓' : '✗ less than greedy'}`,
    );
  }
}
