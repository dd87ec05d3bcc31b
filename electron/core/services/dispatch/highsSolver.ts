/**
 * The assignment MIP solved with HiGHS (the `highs` package: HiGHS compiled to WebAssembly, no
 * native add-on), warm-started with the greedy plan and stopped at a time limit; whatever it
 * returns is checked by the planner, which falls back to the greedy plan.
 */
import loadHighs, { type Highs } from 'highs';
import type { MipSolver } from '../../../../shared/calc/dispatch';

/** How long the solver may search before the best plan found so far is taken. */
export const DEFAULT_SOLVER_SECONDS = 1.5;
/** The least search time worth starting a solve for. */
const MIN_SECONDS = 0.1;

/** Load the solver (tens of ms; the Wasm code gets fast only after its first solves, so keep it). */
export async function loadSolver(): Promise<Highs> {
  return loadHighs();
}

/**
 * A MipSolver over a loaded HiGHS. The limit is seconds of search, or a deadline (performance.now()
 * ms) by which the whole plan must be done: the search gets what is left of it.
 */
export function highsSolver(highs: Highs, limit: number | { deadlineMs: number } = DEFAULT_SOLVER_SECONDS): MipSolver {
  const status = highs.constants.modelStatus;
  return {
    name: 'HiGHS',
    infinity: highs.infinity,
    solve(model, start) {
      // Leave a tenth of a second for routing the plan after the search.
      const timeLimitSeconds = typeof limit === 'number' ? limit : Math.max(MIN_SECONDS, (limit.deadlineMs - performance.now()) / 1000 - 0.1);
      try {
        return highs.withModel(
          {
            numCols: model.numCols,
            numRows: model.numRows,
            sense: highs.constants.objectiveSense.maximize,
            colCost: model.colCost,
            colLower: model.colLower,
            colUpper: model.colUpper,
            rowLower: model.rowLower,
            rowUpper: model.rowUpper,
            matrix: model.matrix,
            integrality: model.integrality,
          },
          (m) => {
            m.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 1e-7, random_seed: 1 });
            m.setSolution({ colValue: start });
            const run = m.run();
            const found = m.info.get('primal_solution_status') === 2;
            const values = found ? m.getSolution().colValue : null;
            if (run.modelStatus === status.optimal) return { status: 'optimal' as const, values, detail: 'optimal' };
            if (run.modelStatus === status.timeLimit) return { status: 'time_limit' as const, values, detail: `time limit ${timeLimitSeconds.toFixed(2)} s` };
            return { status: 'failed' as const, values: null, detail: `model status ${run.modelStatus}` };
          },
        );
      } catch (e) {
        return { status: 'failed', values: null, detail: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
