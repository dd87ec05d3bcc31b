/** dispatch.plan: the suggested plan for the day after the sheet day, nothing written. */
import type { Database } from 'better-sqlite3';
import type { Highs } from 'highs';
import { planDispatch, type MipSolver } from '../../../../shared/calc/dispatch';
import type { DispatchPlanOutput } from '../../../../shared/contract/dispatch';
import { addDays } from '../../../../shared/domain/dates';
import type { CoreContext } from '../../context';
import { getSettings } from '../settings/settingsService';
import { highsSolver, loadSolver } from './highsSolver';
import { loadProblem } from './problem';

/** Whole-plan budget: the solver's search gets what the loading and the greedy plan leave of it. */
export const PLAN_BUDGET_MS = 1800;

/**
 * One loaded HiGHS per database connection, like the capacity report's network state: the Wasm
 * code is compiled and tiered up once, not on every plan.
 */
const solvers = new WeakMap<Database, Promise<Highs>>();

function solverFor(ctx: CoreContext): Promise<Highs> {
  let s = solvers.get(ctx.db);
  if (!s) {
    s = loadSolver();
    solvers.set(ctx.db, s);
    s.catch(() => solvers.delete(ctx.db));
  }
  return s;
}

/** A solver that always reports why it could not run (the plan is then the greedy one). */
function unavailable(detail: string): MipSolver {
  return { name: 'HiGHS', infinity: Infinity, solve: () => ({ status: 'failed', values: null, detail }) };
}

/** The plan for the sheet day `date` (default: the capacity report's day). */
export async function planForDay(ctx: CoreContext, input: { date?: string | undefined }): Promise<DispatchPlanOutput> {
  const t0 = performance.now();
  const settings = getSettings(ctx).dispatch;
  const loaded = loadProblem(ctx, input.date, settings);
  const { problem } = loaded;
  let solver: MipSolver | undefined;
  if (problem.teams.length > 0 && problem.jobs.length > 0) {
    solver = await solverFor(ctx).then(
      (h) => highsSolver(h, { deadlineMs: t0 + PLAN_BUDGET_MS }),
      (e: unknown) => unavailable(`HiGHS could not load: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  const plan = planDispatch(problem, solver);
  return {
    ...plan,
    date: loaded.date,
    workDate: addDays(loaded.date, 1),
    impactBasis: loaded.impactBasis,
    ms: performance.now() - t0,
    settings: { detourFactor: settings.detourFactor, speedKmh: settings.speedKmh, workdayHours: settings.workdayHours },
    teams: plan.teams.map((t) => ({ ...t, jobs: t.jobs.map((j) => ({ ...j, causeSet: loaded.causeSet.get(j.blockageId) ?? false })) })),
    allTeams: problem.teams.map((t) => ({ id: t.id, name: t.name, machines: t.machines, hoursLeft: t.hoursLeft })),
  };
}
