/** Seeded random dispatch problems for the tests and the bench. */
import { seededRandom } from '../../electron/core/demo/random';
import { BLOCKAGE_CAUSES } from '../../shared/domain/blockageCause';
import { DEFAULT_DISPATCH_SETTINGS } from '../../shared/contract/dispatchSettings';
import type { DispatchProblem, PlanJob, PlanTeam } from '../../shared/calc/dispatch';

/** The demo's seeded generator, so every instance can be reproduced from its seed. */
export const rng = seededRandom;

/** A township-sized random instance: teams and blockages over about 14 km × 9 km. */
export function randomProblem(seed: number, teamCount: number, jobCount: number, opts: { hours?: number } = {}): DispatchProblem {
  const r = rng(seed);
  const at = (): [number, number] => [124.12 + r() * 0.17, 43.36 + r() * 0.08];
  const int = (n: number) => Math.floor(r() * n);
  const teams: PlanTeam[] = Array.from({ length: teamCount }, (_x, i) => ({
    id: `t${i}`,
    name: `队${i + 1}`,
    machines: { excavators: int(4), longArmExcavators: r() < 0.4 ? 1 : 0, dumpTrucks: int(3), pumps: r() < 0.5 ? 4 + int(20) : int(3) },
    hoursLeft: opts.hours ?? 4 + r() * 8,
    position: at(),
    positionFrom: 'village',
  }));
  const jobs: PlanJob[] = Array.from({ length: jobCount }, (_x, j) => {
    const cause = BLOCKAGE_CAUSES[int(BLOCKAGE_CAUSES.length)]!;
    const d = DEFAULT_DISPATCH_SETTINGS.causes[cause];
    return {
      id: `b${j}`,
      name: `堵点${j + 1}`,
      village: '',
      position: at(),
      impactM3: Math.round(500 + r() * 30_000),
      cause,
      needs: d.needs,
      hours: Math.max(0.5, d.hours * (0.5 + r())),
    };
  });
  return { teams, jobs, travel: { detourFactor: DEFAULT_DISPATCH_SETTINGS.detourFactor, speedKmh: DEFAULT_DISPATCH_SETTINGS.speedKmh } };
}
