/**
 * What each blockage cuts off — length, storage, conveyance and catchment of its range of the
 * dominator-tree preorder — as exact sums over the ranges (laminarRanges.ts, exactSum.ts), so a
 * ditch's new section patches only the ranges holding it and the totals stay equal, bit for bit,
 * to the same ranges summed from scratch.
 */
import { ExactSum } from './exactSum';
import { LaminarRanges } from './laminarRanges';
import type { DrainageTopology } from './networkTopology';
import type { BlockageImpact, CutOffTotals, NetworkOptions, NetworkSegment } from './networkTypes';
import { runoffVolumeM3 } from './runoff';

/** The sums of one range. */
export interface RangeSums {
  lengthM: ExactSum;
  storageM3: ExactSum;
  conveyanceM3s: ExactSum;
  catchmentM2: ExactSum;
  catchmentMissing: number;
}

/** The ranked blockages' ranges and their sums, kept with an analysis to patch it (network.ts). */
export interface CutOffIndex {
  ranges: LaminarRanges;
  sums: RangeSums[];
  /** The ranked blockages on each range. */
  impacts: BlockageImpact[][];
}

const emptySums = (): RangeSums => ({ lengthM: new ExactSum(), storageM3: new ExactSum(), conveyanceM3s: new ExactSum(), catchmentM2: new ExactSum(), catchmentMissing: 0 });

/** Adds (sign 1) or takes out (sign −1) one segment of length `lengthM`. */
function addSegment(s: RangeSums, segment: NetworkSegment, lengthM: number, sign: 1 | -1): void {
  s.lengthM.add(sign * lengthM);
  s.storageM3.add(sign * segment.storageM3);
  s.conveyanceM3s.add(sign * segment.conveyanceM3s);
  const catchment = segment.catchmentM2;
  if (catchment === undefined || catchment === null) s.catchmentMissing += sign;
  else s.catchmentM2.add(sign * catchment);
}

/**
 * Sums kept from a previous index for a range [start, end) whose ditches and their figures are
 * unchanged (its positions may have shifted), or undefined to sum it again.
 */
export type KeptSums<T> = (start: number, end: number) => T | undefined;

/** The sums of every range of `impacts` (their cutOff not yet filled). O(positions covered and not kept). */
export function cutOffIndex(topology: DrainageTopology, segments: readonly NetworkSegment[], impacts: readonly BlockageImpact[], kept?: KeptSums<RangeSums>): CutOffIndex {
  const { order, ditches, lengthM } = topology;
  const ranges = new LaminarRanges(impacts.map((i) => i.cutOffRange));
  const sums = ranges.totals(
    emptySums,
    (s, p) => {
      const k = order[p]!;
      addSegment(s, segments[ditches[k]!]!, lengthM[k]!, 1);
    },
    (into, from) => {
      into.lengthM.addSum(from.lengthM);
      into.storageM3.addSum(from.storageM3);
      into.conveyanceM3s.addSum(from.conveyanceM3s);
      into.catchmentM2.addSum(from.catchmentM2);
      into.catchmentMissing += from.catchmentMissing;
    },
    kept && ((r) => kept(ranges.starts[r]!, ranges.ends[r]!)),
  );
  const byRange: BlockageImpact[][] = sums.map(() => []);
  for (const impact of impacts) byRange[ranges.find(impact.cutOffRange.start, impact.cutOffRange.end)]!.push(impact);
  return { ranges, sums, impacts: byRange };
}

/** The cut-off totals of range r. */
export function cutOffTotals(index: CutOffIndex, r: number, options: Pick<NetworkOptions, 'rainMm' | 'runoffCoefficient'>): CutOffTotals {
  const s = index.sums[r]!;
  const catchmentM2 = s.catchmentM2.value();
  return {
    segmentCount: index.ranges.ends[r]! - index.ranges.starts[r]!,
    lengthM: s.lengthM.value(),
    storageM3: s.storageM3.value(),
    conveyanceM3s: s.conveyanceM3s.value(),
    catchmentM2,
    catchmentMissingCount: s.catchmentMissing,
    runoffHeldM3: runoffVolumeM3(options.runoffCoefficient, options.rainMm, catchmentM2),
  };
}

/**
 * Ditch k's segment (k −1: a river or unusable) changed from `before` to `after` on the same topology (sameShape): its old
 * figures out of, and its new ones into, every range holding it, and those ranges' blockages'
 * totals read again. Returns whether any blockage's totals changed (then rank again). O(depth + B on those ranges).
 */
export function patchCutOff(index: CutOffIndex, topology: DrainageTopology, k: number, before: NetworkSegment, after: NetworkSegment, options: Pick<NetworkOptions, 'rainMm' | 'runoffCoefficient'>): boolean {
  const p = k === -1 ? -1 : topology.rangeStart[k]!;
  if (p === -1) return false;
  let changed = false;
  for (let r = index.ranges.innermost(p); r !== -1; r = index.ranges.parent[r]!) {
    addSegment(index.sums[r]!, before, topology.lengthM[k]!, -1);
    addSegment(index.sums[r]!, after, topology.lengthM[k]!, 1);
    for (const impact of index.impacts[r]!) {
      impact.cutOff = cutOffTotals(index, r, options);
      changed = true;
    }
  }
  return changed;
}
