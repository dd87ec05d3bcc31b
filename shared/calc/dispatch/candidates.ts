/**
 * Which team may take which job: its machines cover the job's needs, the job plus travel out and
 * back fits its hours, and it is among the job's k nearest such teams (the pruning that keeps
 * the MIP small: a far team is never better than a near one with the same machines and hours to
 * spare, and when the near ones are full the k-th nearest still is).
 */
import { machinesCover } from '../../domain/blockageCause';
import { roadKm, travelHours } from './travel';
import type { Candidate, DispatchProblem } from './types';

export const DEFAULT_CANDIDATES_PER_JOB = 6;
/**
 * Jobs kept for the MIP: the best by water per hour, until their cheapest hours add up to this
 * many times all the teams' free hours. A job below that line would have to beat this much
 * better-paying work to be chosen; leaving it out keeps 500 × 30 solvable in a second or two.
 */
export const DEFAULT_SHORTLIST_FACTOR = 3;

export interface CandidateSet {
  candidates: Candidate[];
  /** Per job: indices of the teams whose machines cover it, nearest first (hours not considered). */
  capable: number[][];
  /** Per job: whether some capable team could fit it in its hours. */
  fits: boolean[];
  /** Jobs with candidates left off the shortlist (not offered to the MIP or the greedy plan). */
  shortlistedOut: number;
}

/** The candidate (team, job) pairs, ordered by job then distance. */
export function buildCandidates(problem: DispatchProblem): CandidateSet {
  const k = problem.candidatesPerJob ?? DEFAULT_CANDIDATES_PER_JOB;
  const candidates: Candidate[] = [];
  const capable: number[][] = [];
  const fits: boolean[] = [];
  problem.jobs.forEach((job, j) => {
    const options = problem.teams
      .map((team, t) => ({ t, km: roadKm(team.position, job.position, problem.travel) }))
      .filter(({ t }) => machinesCover(problem.teams[t]!.machines, job.needs))
      .sort((a, b) => a.km - b.km || a.t - b.t);
    capable.push(options.map((o) => o.t));
    const fitting = options
      .map((o) => ({ ...o, cost: job.hours + 2 * travelHours(o.km, problem.travel) }))
      .filter((o) => o.cost <= problem.teams[o.t]!.hoursLeft + 1e-9);
    fits.push(fitting.length > 0);
    if (job.impactM3 <= 0) return;
    for (const o of fitting.slice(0, k)) candidates.push({ team: o.t, job: j, travelKm: o.km, costHours: o.cost, value: job.impactM3 });
  });
  const { kept, out } = shortlist(candidates, problem, problem.shortlistFactor ?? DEFAULT_SHORTLIST_FACTOR);
  return { candidates: kept, capable, fits, shortlistedOut: out };
}

/** Keep the candidates of the jobs that pay best per hour, up to `factor` × all teams' free hours. */
function shortlist(candidates: Candidate[], problem: DispatchProblem, factor: number): { kept: Candidate[]; out: number } {
  const hours = problem.teams.reduce((s, t) => s + Math.max(0, t.hoursLeft), 0);
  const cheapest = new Map<number, number>();
  for (const c of candidates) cheapest.set(c.job, Math.min(cheapest.get(c.job) ?? Infinity, c.costHours));
  const total = [...cheapest.values()].reduce((s, h) => s + h, 0);
  if (!Number.isFinite(factor) || total <= factor * hours) return { kept: candidates, out: 0 };
  const ranked = [...cheapest.entries()].sort((a, b) => problem.jobs[b[0]]!.impactM3 / b[1] - problem.jobs[a[0]]!.impactM3 / a[1] || a[0] - b[0]);
  const keep = new Set<number>();
  let sum = 0;
  for (const [job, h] of ranked) {
    if (sum >= factor * hours) break;
    keep.add(job);
    sum += h;
  }
  return { kept: candidates.filter((c) => keep.has(c.job)), out: cheapest.size - keep.size };
}
