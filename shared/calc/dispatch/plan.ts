/**
 * planDispatch: candidates → greedy plan → the MIP (when a solver is given, warm-started with the
 * greedy plan) → each team's jobs routed in order, with a reason for every assignment.
 */
import { buildCandidates, type CandidateSet } from './candidates';
import { greedyAssign, releasedBy } from './greedy';
import { leftOutOf } from './leftOut';
import { buildAssignmentModel, decodeChosen, startVector, type AssignmentModel } from './model';
import { reasonFor } from './reasons';
import { orderStops } from './route';
import { roadKm, travelHours } from './travel';
import type { DispatchPlan, DispatchProblem, PlannedJob, SolverOutcome, TeamPlan } from './types';

/** A MIP solver: solves the model from a start vector; never throws (failures are an outcome). */
export interface MipSolver {
  name: string;
  /** The solver's own infinity for unbounded rows. */
  infinity: number;
  solve(model: AssignmentModel, start: Float64Array): SolverOutcome;
}

const clock = () => performance.now();

/** The plan for a problem; without a solver (or when it fails) the greedy plan is the plan. */
export function planDispatch(problem: DispatchProblem, solver?: MipSolver): DispatchPlan {
  const set = buildCandidates(problem);
  const { candidates } = set;
  const g0 = clock();
  const greedy = greedyAssign(candidates, problem.teams);
  const greedyMs = clock() - g0;
  const greedyM3 = releasedBy(candidates, greedy);

  let chosen = greedy;
  let producedBy: DispatchPlan['producedBy'] = 'greedy';
  const solverInfo: DispatchPlan['solver'] = { name: solver?.name ?? 'none', status: 'not_run', detail: '', ms: 0, releasedM3: null };
  if (solver && candidates.length > 0) {
    const s0 = clock();
    const model = buildAssignmentModel(candidates, problem.teams, problem.jobs.length, solver.infinity);
    const outcome = solver.solve(model, startVector(candidates.length, greedy));
    solverInfo.ms = clock() - s0;
    solverInfo.status = outcome.status;
    solverInfo.detail = outcome.detail;
    const decoded = outcome.values ? decodeChosen(outcome.values, candidates, problem.teams) : null;
    if (decoded) {
      solverInfo.releasedM3 = releasedBy(candidates, decoded);
      // The solver's plan when it is proven optimal or releases more water than the greedy one;
      // a search stopped by its time limit with nothing better leaves the greedy plan in place.
      const better = solverInfo.releasedM3 > greedyM3 + 1e-9 * Math.max(1, greedyM3);
      const asGood = solverInfo.releasedM3 >= greedyM3 - 1e-9 * Math.max(1, greedyM3);
      if (better || (asGood && outcome.status === 'optimal')) {
        chosen = decoded;
        producedBy = 'solver';
      }
    } else if (outcome.status !== 'failed') {
      solverInfo.status = 'failed';
      solverInfo.detail = outcome.detail || 'no feasible solution returned';
    }
  }

  const teams = routeTeams(problem, set, chosen);
  const chosenJobs = new Set(chosen.map((i) => candidates[i]!.job));
  return {
    producedBy,
    solver: solverInfo,
    greedy: { ms: greedyMs, releasedM3: greedyM3 },
    candidates: candidates.length,
    releasedM3: releasedBy(candidates, chosen),
    hoursUsed: teams.reduce((s, t) => s + t.hoursUsed, 0),
    teams,
    leftOut: leftOutOf(problem, set, chosenJobs),
  };
}

/** Every team with work, its jobs in route order with legs, times and reasons. */
function routeTeams(problem: DispatchProblem, set: CandidateSet, chosen: readonly number[]): TeamPlan[] {
  const { teams, jobs, travel } = problem;
  const byTeam = new Map<number, number[]>();
  for (const i of chosen) {
    const c = set.candidates[i]!;
    byTeam.set(c.team, [...(byTeam.get(c.team) ?? []), c.job]);
  }
  const km = (a: [number, number], b: [number, number]) => roadKm(a, b, travel);
  const plans: TeamPlan[] = [];
  teams.forEach((team, t) => {
    const mine = byTeam.get(t);
    if (!mine) return;
    const order = orderStops(team.position, mine.map((j) => jobs[j]!.position), km);
    let here = team.position;
    let hours = 0;
    const planned: PlannedJob[] = order.map((o, n) => {
      const j = mine[o]!;
      const job = jobs[j]!;
      const legKm = km(here, job.position);
      const legH = travelHours(legKm, travel);
      hours += legH + job.hours;
      here = job.position;
      const capable = set.capable[j]!;
      return {
        blockageId: job.id,
        name: job.name,
        village: job.village,
        position: job.position,
        cause: job.cause,
        needs: job.needs,
        jobHours: job.hours,
        impactM3: job.impactM3,
        order: n + 1,
        legKm,
        legMinutes: legH * 60,
        doneAfterHours: hours,
        capableTeamIds: capable.map((x) => teams[x]!.id),
        reason: reasonFor({ needs: job.needs, nearnessRank: capable.indexOf(t) + 1, impactM3: job.impactM3, legKm, legMinutes: legH * 60, order: n + 1 }),
      };
    });
    plans.push({
      teamId: team.id,
      name: team.name,
      machines: team.machines,
      position: team.position,
      positionFrom: team.positionFrom,
      hoursLeft: team.hoursLeft,
      hoursUsed: hours,
      releasedM3: planned.reduce((s, p) => s + p.impactM3, 0),
      jobs: planned,
    });
  });
  return plans.sort((a, b) => b.releasedM3 - a.releasedM3 || a.name.localeCompare(b.name));
}
