/**
 * What the ranking adds per blockage from the database's side (ranking.ts): for each cut-off range,
 * the catchment of its ditches by the area they drain (so the runoff held back is each area's own
 * runoff for the rain, without walking the ditches again), the ditches in no area and those
 * without a section. Kept with the network state; a section edit patches the ranges holding it.
 */
import { ExactSum, type CutOffIndex, type DrainageTopology, type KeptSums } from '../../../../shared/calc';
import type { Membership } from './membership';
import type { EvaluatedDitch } from './sections';

export interface RangeRunoffSums {
  /** Ditches without a section. */
  noSection: number;
  /** Ditches in no area (their runoff is unknown). */
  noArea: number;
  /** Catchment and ditch count by finest area. */
  byArea: Map<number, { catchmentM2: ExactSum; ditches: number }>;
}

/** The sums of every range of `index` (those `kept` from before as they are). O(positions covered + areas per range). */
export function rankingSums(index: CutOffIndex, topology: DrainageTopology, ditches: readonly EvaluatedDitch[], membership: Membership, kept?: KeptSums<RangeRunoffSums>): RangeRunoffSums[] {
  const { order } = topology;
  return index.ranges.totals<RangeRunoffSums>(
    () => ({ noSection: 0, noArea: 0, byArea: new Map() }),
    (s, p) => {
      // Segments are the ditch list in order, so a topology's segment index is the ditch's.
      const i = topology.ditches[order[p]!]!;
      if (ditches[i]!.figures === null) s.noSection++;
      const a = membership.finestArea[i]!;
      const catchment = membership.catchmentM2[i];
      if (a === -1 || catchment === null || catchment === undefined) {
        s.noArea++;
        return;
      }
      let at = s.byArea.get(a);
      if (!at) s.byArea.set(a, (at = { catchmentM2: new ExactSum(), ditches: 0 }));
      at.catchmentM2.add(catchment);
      at.ditches++;
    },
    (into, from) => {
      into.noSection += from.noSection;
      into.noArea += from.noArea;
      for (const [a, v] of from.byArea) {
        let at = into.byArea.get(a);
        if (!at) into.byArea.set(a, (at = { catchmentM2: new ExactSum(), ditches: 0 }));
        at.catchmentM2.addSum(v.catchmentM2);
        at.ditches += v.ditches;
      }
    },
    kept && ((r) => kept(index.ranges.starts[r]!, index.ranges.ends[r]!)),
  );
}

/** Ditch i's section changed from `before` to `after` on the same topology and areas: the ranges holding it again. */
export function patchRankingSums(sums: RangeRunoffSums[], index: CutOffIndex, topology: DrainageTopology, i: number, before: EvaluatedDitch, after: EvaluatedDitch): void {
  const delta = (after.figures === null ? 1 : 0) - (before.figures === null ? 1 : 0);
  const k = topology.ditchOf[i]!;
  const p = k === -1 ? -1 : topology.rangeStart[k]!;
  if (delta === 0 || p === -1) return;
  for (let r = index.ranges.innermost(p); r !== -1; r = index.ranges.parent[r]!) sums[r]!.noSection += delta;
}
