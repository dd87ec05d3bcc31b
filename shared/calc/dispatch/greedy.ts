/**
 * The greedy plan: take (team, job) pairs by water released per hour charged, best first, while
 * the job is free and the team has the hours. Fast, and the MIP's warm start and fallback.
 */
import type { Candidate, PlanTeam } from './types';

/** The chosen candidate indices (at most one per job; within every team's hours). */
export function greedyAssign(candidates: readonly Candidate[], teams: readonly PlanTeam[]): number[] {
  const order = candidates.map((_c, i) => i);
  order.sort((a, b) => {
    const ca = candidates[a]!;
    const cb = candidates[b]!;
    return cb.value / cb.costHours - ca.value / ca.costHours || cb.value - ca.value || ca.travelKm - cb.travelKm || a - b;
  });
  const left = teams.map((t) => t.hoursLeft);
  const taken = new Set<number>();
  const chosen: number[] = [];
  for (const i of order) {
    const c = candidates[i]!;
    if (taken.has(c.job) || c.costHours > left[c.team]! + 1e-9) continue;
    taken.add(c.job);
    left[c.team]! -= c.costHours;
    chosen.push(i);
  }
  return chosen;
}

/** Water released by a set of chosen candidates. */
export function releasedBy(candidates: readonly Candidate[], chosen: readonly number[]): number {
  return chosen.reduce((s, i) => s + candidates[i]!.value, 0);
}
