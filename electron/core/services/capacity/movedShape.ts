/**
 * A moved, reshaped or lengthened ditch patched into the network state in place (issue 15): the
 * topology laid out again only in the junction components the move reaches
 * (shared/calc/topologyPatch.ts), the moved ditches placed in the areas again, and what the
 * analysis may keep — the sums of the cut-off ranges the move did not reach.
 */
import { firstAtOrAbove, growTopology, patchTopology, type CutOffIndex, type DrainageTopology, type KeptSums, type RangeSums, type TopologyChange } from '../../../../shared/calc';
import { flowOf, patchAreaExits } from './areas';
import { areaSumOf } from './areaSums';
import { patchMembership } from './membership';
import type { CapacityNetwork } from './networkState';
import { segmentOf } from './ranking';
import type { RangeRunoffSums } from './rankingSums';

/** What a move patched in place (patchShape) left for the analysis to reuse. */
export interface MovedShape {
  /** What the topology's patch laid out again, and how far the ranges it kept moved. */
  change: TopologyChange;
  /** Ditches (indexes) whose segment changed: those edited, and those whose catchment was shared out again. */
  resegmented: ReadonlySet<number>;
  /** The analysis's cut-off sums and runoff sums from before the move. */
  index: CutOffIndex;
  rankingSums: RangeRunoffSums[];
}

/**
 * The shape after ditches `changed` (indexes; their segments already replaced) moved, were
 * reshaped or changed length, in place: the topology laid out again where the change reaches, the
 * changed ditches placed in the areas again and those areas' land shared out again (the catchments
 * of their ditches), the exits of the ditches that moved or now flow the other way, and those
 * areas' sums. Null, with nothing changed, when the topology cannot be patched (a river, an
 * unusable line, the projection's centre moved): then the shape is made again from the rows.
 */
export function patchShape(state: CapacityNetwork, changed: readonly number[]): MovedShape | null {
  // New ditches at the end first get room (numbers after every other); then they are laid out as moved ones.
  if (growTopology(state.topology, state.segments) === null) return null;
  const change = patchTopology(state.topology, state.segments, changed);
  if (change === null) return null;
  const { areas: touchedAreas, ditches: recomputed } = patchMembership(state.membership, state.rows.ditches, state.rows.areas, changed);
  for (const i of recomputed) state.segments[i] = segmentOf(state.ditches[i]!, state.membership.catchmentM2[i] ?? null);
  const flowChanged = new Set(changed);
  for (const k of change.flipped) flowChanged.add(state.topology.ditches[k]!);
  patchAreaExits(state.exitsOfArea, state.ditches, state.rows.areas, state.membership.grid, flowOf(state.topology), flowChanged);
  for (const a of touchedAreas) state.areaSums[a] = areaSumOf(state.membership.ditchesOfArea[a]!, state.ditches);
  return { change, resegmented: recomputed, index: state.index, rankingSums: state.rankingSums };
}

const at = <T,>(list: readonly T[], r: number): T | undefined => (r === -1 ? undefined : list[r]);

/**
 * For a range [start, end) of the patched topology, the index of the same ditches' range in the
 * state's analysis from before the move, or −1 when its sums must be made again: its ditch was
 * laid out again, or a ditch inside it has a new segment (its catchment was shared out again).
 * A ditch's range is its subtree, which lies in its own junction component, so one not laid out
 * again holds the same ditches as before.
 */
function keptRange(topology: DrainageTopology, moved: MovedShape): (start: number, end: number) => number {
  const laid = new Set(moved.change.laid);
  const dirty: number[] = [];
  for (const i of moved.resegmented) {
    const k = topology.ditchOf[i]!;
    const p = k === -1 ? -1 : topology.rangeStart[k]!;
    if (p !== -1) dirty.push(p);
  }
  dirty.sort((a, b) => a - b);
  const ranges = moved.index.ranges;
  return (start, end) => {
    const k = topology.order[start]!;
    if (laid.has(k)) return -1;
    const lo = firstAtOrAbove(dirty, start);
    if (lo < dirty.length && dirty[lo]! < end) return -1;
    const shift = moved.change.shift(k);
    return ranges.find(start - shift, end - shift);
  };
}


/** The sums a new analysis on the patched topology may take from the one before the move. */
export function keptSums(topology: DrainageTopology, moved: MovedShape): { cutOff: KeptSums<RangeSums>; runoff: KeptSums<RangeRunoffSums> } {
  const before = keptRange(topology, moved);
  return {
    cutOff: (start, end) => at(moved.index.sums, before(start, end)),
    runoff: (start, end) => at(moved.rankingSums, before(start, end)),
  };
}
