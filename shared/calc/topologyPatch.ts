/**
 * The topology after some ditches moved, reshaped or changed length (issue 15), laid out again
 * only where the change can reach: the junction components the ditches were in, and those their
 * new ends snap to. Snapping, outlets, shortest paths, dominators, bridges, gaps and stuck ditches
 * never cross from one junction component to another (drainageLayout.ts), and placeLayout puts
 * the part back where a full build would put it, so the result equals buildTopology on the new
 * segments. O(ditches in those components · log) plus a few passes over typed arrays.
 */
import { drainageLayout } from './drainageLayout';
import { EndpointGrid } from './endpointGrid';
import { projectLine } from './localMetres';
import { placeDitch, referenceLatitude, segmentFault, type DrainageTopology } from './networkTopology';
import type { NetworkSegment } from './networkTypes';
import { firstAtOrAbove, lastAtOrBelow } from './sortedSearch';
import { placeLayout } from './topologyLayout';

/** What a patch changed: see patchTopology. */
export interface TopologyChange {
  /** Ditch numbers laid out again (whole components). */
  laid: Int32Array;
  /** Laid ditches whose flow direction turned. */
  flipped: number[];
  /** For a ditch not laid again (its cut-off set unchanged): how far its range moved in the preorder. */
  shift(k: number): number;
}

/**
 * Patches `t`, built from the segments before, for `segments` where only those at `changed`
 * (segment indexes) differ — same ids, each a usable non-river ditch before and after. Returns
 * what changed, or null, leaving `t` as it was, when that does not hold or the projection's
 * centre moved: build again. Allocates O(ditches reached), not O(network): a move at the desk
 * should not feed the garbage collector a network's worth of arrays.
 */
export function patchTopology(t: DrainageTopology, segments: readonly NetworkSegment[], changed: readonly number[]): TopologyChange | null {
  if (segments.length !== t.segmentCount) return null;
  const parts = t.parts;
  for (const i of changed) {
    const k = t.ditchOf[i]!;
    const s = segments[i]!;
    // A river moved changes outlets anywhere along it; a ditch turned river or unusable changes the numbering.
    if (k === -1 || s.kind === 'river' || s.id !== parts.ids[k] || segmentFault(s) !== null) return null;
  }
  const latSum = parts.latSum.clone();
  for (const i of changed) {
    latSum.add(-parts.firstLat[i]!);
    latSum.add(segments[i]!.coords[0]![1]);
  }
  if (referenceLatitude(latSum, t.stats.ditchSegments + t.stats.riverSegments) !== parts.refLat) return null;
  parts.latSum = latSum;
  for (const i of changed) parts.firstLat[i] = segments[i]!.coords[0]![1];

  // --- The changed ditches' lines, ends and lengths, and the indexes that hold them.
  const oldX: number[] = [];
  const oldY: number[] = [];
  for (const i of changed) {
    const k = t.ditchOf[i]!;
    oldX.push(parts.endX[2 * k]!, parts.endX[2 * k + 1]!);
    oldY.push(parts.endY[2 * k]!, parts.endY[2 * k + 1]!);
    t.lines[i] = projectLine(segments[i]!.coords, t.projection);
    placeDitch(t.lines[i]!, segments[i]!, k, parts.endX, parts.endY, parts.nearRiver, t.lengthM, t.riverIndex);
    parts.ditchPieces?.replace(i);
  }
  if (parts.endpoints === null) {
    parts.endpoints = new EndpointGrid(parts.endX, parts.endY, t.tolerance);
  } else {
    changed.forEach((i, c) => {
      const k = t.ditchOf[i]!;
      for (const e of [0, 1]) {
        parts.endpoints!.remove(2 * k + e, oldX[2 * c + e]!, oldY[2 * c + e]!);
        parts.endpoints!.add(2 * k + e);
      }
    });
  }

  // --- The components reached: the changed ditches' own (as they were), and those their new ends touch.
  // One mark array kept with the topology, cleared after use.
  if (parts.mark.length < t.ditches.length) parts.mark = new Uint8Array(t.ditches.length);
  const reached = parts.mark;
  const laid: number[] = [];
  const reach = (k: number) => {
    if (reached[k] === 1) return;
    for (let d = k; reached[d] === 0; d = parts.componentNext[d]!) {
      reached[d] = 1;
      laid.push(d);
    }
  };
  for (const i of changed) {
    const k = t.ditchOf[i]!;
    reach(k);
    for (const p of [2 * k, 2 * k + 1]) parts.endpoints.near(parts.endX[p]!, parts.endY[p]!, (q) => reach(q >> 1));
  }
  const ks = Int32Array.from(laid).sort();

  // --- Those components laid out on their own, and put back.
  const n = ks.length;
  const endX = new Float64Array(2 * n);
  const endY = new Float64Array(2 * n);
  const nearRiver = new Uint8Array(2 * n);
  const lengthM = new Float64Array(n);
  ks.forEach((k, local) => {
    for (const e of [0, 1]) {
      endX[2 * local + e] = parts.endX[2 * k + e]!;
      endY[2 * local + e] = parts.endY[2 * k + e]!;
      nearRiver[2 * local + e] = parts.nearRiver[2 * k + e]!;
    }
    lengthM[local] = t.lengthM[k]!;
  });
  const before = { key: parts.blockKey, start: parts.blockStart };
  const flipped = placeLayout(t, ks, drainageLayout(endX, endY, nearRiver, lengthM, t.tolerance), reached);
  for (const k of ks) reached[k] = 0;
  return { laid: ks, flipped, shift: (k) => blockShift(t, before.key, before.start, t.rangeStart[k]!) };
}

/** How far the block holding preorder position p moved: its start now less its start before (same key). */
function blockShift(t: DrainageTopology, keysBefore: Int32Array, startsBefore: Int32Array, p: number): number {
  const { blockKey, blockStart } = t.parts;
  const b = lastAtOrBelow(blockStart, p);
  const key = blockKey[b]!;
  return blockStart[b]! - startsBefore[firstAtOrAbove(keysBefore, key)]!;
}

