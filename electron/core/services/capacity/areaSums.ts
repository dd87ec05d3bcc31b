/**
 * Each area's ditches summed for its drain-down (issue 6): how many, their length, the storage of
 * those with a section and how many have none. Exact running sums (shared/calc/exactSum.ts), so an
 * edited ditch's section patches only the areas it lies in and still equals a sum from scratch.
 */
import { ExactSum } from '../../../../shared/calc';
import type { Membership } from './membership';
import type { EvaluatedDitch } from './sections';

export interface AreaSums {
  lengthM: ExactSum;
  storageM3: ExactSum;
  excluded: number;
}

function add(s: AreaSums, d: EvaluatedDitch, sign: 1 | -1, withLength: boolean): void {
  if (withLength) s.lengthM.add(sign * d.row.length_m);
  if (d.figures) s.storageM3.add(sign * d.figures.storageM3);
  else s.excluded += sign;
}

/** The sums of one area's member ditches. */
export function areaSumOf(members: readonly number[], ditches: readonly EvaluatedDitch[]): AreaSums {
  const s: AreaSums = { lengthM: new ExactSum(), storageM3: new ExactSum(), excluded: 0 };
  for (const i of members) add(s, ditches[i]!, 1, true);
  return s;
}

/** The sums of every area's member ditches. O(memberships). */
export function areaSums(membership: Membership, ditches: readonly EvaluatedDitch[]): AreaSums[] {
  return membership.ditchesOfArea.map((members) => areaSumOf(members, ditches));
}

/** Ditch i's section changed from `before` to `after` (same line and length): the areas it lies in again. */
export function patchAreaSums(sums: AreaSums[], membership: Membership, i: number, before: EvaluatedDitch, after: EvaluatedDitch): void {
  for (const a of membership.areasOfDitch[i]!) {
    add(sums[a]!, before, -1, false);
    add(sums[a]!, after, 1, false);
  }
}
