/**
 * Room in a topology for segments appended after the last one (new ditches drawn at the desk: a
 * new row comes last in the ditch list, so no other segment or ditch is numbered again). Each new
 * ditch is made a component of its own with no ends placed yet; patchTopology then lays it out
 * with whatever its ends snap to, as it would a moved ditch.
 */
import { segmentFault, type DrainageTopology } from './networkTopology';
import type { NetworkSegment } from './networkTypes';

const grownInt = (a: Int32Array, n: number, fill: number): Int32Array => {
  const out = new Int32Array(n).fill(fill);
  out.set(a);
  return out;
};
const grownUint = (a: Uint8Array, n: number): Uint8Array => {
  const out = new Uint8Array(n);
  out.set(a);
  return out;
};
const grownFloat = (a: Float64Array, n: number): Float64Array => {
  const out = new Float64Array(n);
  out.set(a);
  return out;
};

/**
 * Makes room in `t` for `segments` past t.segmentCount. False, with `t` to be built again, when a
 * new one is a river (its line would be an outlet to anything near it), unusable, or a repeated id.
 * Returns the new segments' indexes.
 */
export function growTopology(t: DrainageTopology, segments: readonly NetworkSegment[]): number[] | null {
  const added: number[] = [];
  for (let i = t.segmentCount; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.kind === 'river' || segmentFault(s) !== null || t.indexById.has(s.id)) return null;
    added.push(i);
  }
  if (added.length === 0) return added;
  const parts = t.parts;
  const segmentCount = segments.length;
  const ditchCount = t.ditches.length + added.length;
  t.usable = grownUint(t.usable, segmentCount);
  t.ditchOf = grownInt(t.ditchOf, segmentCount, -1);
  parts.firstLat = grownFloat(parts.firstLat, segmentCount);
  t.lengthM = grownFloat(t.lengthM, ditchCount);
  t.order = grownInt(t.order, ditchCount, 0);
  t.rangeStart = grownInt(t.rangeStart, ditchCount, -1);
  t.rangeEnd = grownInt(t.rangeEnd, ditchCount, -1);
  t.reversed = grownUint(t.reversed, ditchCount);
  parts.endX = grownFloat(parts.endX, 2 * ditchCount);
  parts.endY = grownFloat(parts.endY, 2 * ditchCount);
  parts.nearRiver = grownUint(parts.nearRiver, 2 * ditchCount);
  parts.head = grownUint(parts.head, 2 * ditchCount);
  parts.componentNext = grownInt(parts.componentNext, ditchCount, 0);
  parts.gapLabel = grownInt(parts.gapLabel, ditchCount, -1);
  parts.loopLabel = grownInt(parts.loopLabel, ditchCount, -1);
  parts.stuck = grownUint(parts.stuck, ditchCount);
  parts.endpoints?.grown(parts.endX, parts.endY);
  for (const i of added) {
    const s = segments[i]!;
    const k = t.ditches.length;
    t.indexById.set(s.id, i);
    t.usable[i] = 1;
    t.ditches.push(i);
    t.ditchOf[i] = k;
    t.lines.push(new Float64Array(0));
    parts.ids.push(s.id);
    parts.componentNext[k] = k;
    // Counted in the projection's centre now; patchTopology swaps it for the line's own latitude.
    parts.firstLat[i] = s.coords[0]![1];
    parts.latSum.add(parts.firstLat[i]!);
  }
  t.segmentCount = segmentCount;
  t.stats = { ...t.stats, segments: segmentCount, ditchSegments: ditchCount };
  return added;
}
