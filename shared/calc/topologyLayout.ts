/**
 * Puts a layout of some of the ditches (drainageLayout.ts) into a topology: the full build with
 * every ditch, a patch with the junction components a move reached (topologyPatch.ts). The same
 * code does both, so a patched topology is laid out exactly as a full build would lay it out:
 * the preorder is the blocks sorted by key (kept blocks moved, new ones put in), the problem lists
 * are read from per-ditch labels in ditch order, the counts are per junction head.
 */
import type { DrainageLayout } from './drainageLayout';
import { networkMessages } from './networkMessages';
import type { DrainageTopology } from './networkTopology';
import type { NetworkProblem } from './networkTypes';

/** Lays `layout`, made for ditches `laid` (ascending ditch numbers, whole components), into `t`. */
export function placeLayout(t: DrainageTopology, laid: Int32Array, layout: DrainageLayout): void {
  const parts = t.parts;
  const ditchCount = t.ditches.length;
  const inLaid = new Uint8Array(ditchCount);
  for (const k of laid) inLaid[k] = 1;
  const global = (local: number) => laid[local]!;
  const globalEndpoint = (p: number) => 2 * laid[p >> 1]! + (p & 1);

  // --- Junction and outlet counts: the laid ditches' old heads out, the new ones in.
  for (const k of laid) {
    for (const p of [2 * k, 2 * k + 1]) {
      if (parts.head[p] === 0) continue;
      parts.junctionCount--;
      if (parts.head[p] === 2) parts.outletCount--;
      parts.head[p] = 0;
    }
  }
  layout.junctionHead.forEach((p, j) => (parts.head[globalEndpoint(p)] = layout.junctionIsOutlet[j] === 1 ? 2 : 1));
  parts.junctionCount += layout.junctionCount;
  parts.outletCount += layout.outletCount;

  // --- Per-ditch labels.
  laid.forEach((k, local) => {
    t.reversed[k] = layout.reversed[local]!;
    parts.componentNext[k] = global(layout.componentNext[local]!);
    parts.gapLabel[k] = layout.gapLabel[local] === -1 ? -1 : global(layout.gapLabel[local]!);
    parts.loopLabel[k] = layout.loopLabel[local] === -1 ? -1 : global(layout.loopLabel[local]!);
    parts.stuck[k] = layout.stuck[local]!;
    t.rangeStart[k] = -1;
    t.rangeEnd[k] = -1;
  });

  // --- The preorder: kept blocks (those of other components) and the new ones, merged by key.
  const blockCount = parts.blockKey.length + layout.blockKey.length;
  const blockKey = new Int32Array(blockCount);
  const blockStart = new Int32Array(blockCount);
  const blockLength = new Int32Array(blockCount);
  const order = new Int32Array(ditchCount);
  let blocks = 0;
  let position = 0;
  let kept = 0;
  let fresh = 0;
  const keptCount = parts.blockKey.length;
  while (kept < keptCount || fresh < layout.blockKey.length) {
    if (kept < keptCount && inLaid[parts.blockKey[kept]! >> 1] === 1) {
      kept++; // a block of a component laid again
      continue;
    }
    const freshKey = fresh < layout.blockKey.length ? globalEndpoint(layout.blockKey[fresh]!) : Infinity;
    const takeKept = kept < keptCount && parts.blockKey[kept]! < freshKey;
    const length = takeKept ? parts.blockLength[kept]! : layout.blockLength[fresh]!;
    blockKey[blocks] = takeKept ? parts.blockKey[kept]! : freshKey;
    blockStart[blocks] = position;
    blockLength[blocks++] = length;
    if (takeKept) {
      const from = parts.blockStart[kept++]!;
      const shift = position - from;
      for (let q = from; q < from + length; q++) {
        const k = t.order[q]!;
        order[position++] = k;
        if (shift !== 0) {
          t.rangeStart[k] = t.rangeStart[k]! + shift;
          t.rangeEnd[k] = t.rangeEnd[k]! + shift;
        }
      }
    } else {
      const from = layout.blockStart[fresh++]!;
      const shift = position - from;
      for (let q = from; q < from + length; q++) {
        const local = layout.order[q]!;
        const k = global(local);
        order[position++] = k;
        t.rangeStart[k] = layout.rangeStart[local]! + shift;
        t.rangeEnd[k] = layout.rangeEnd[local]! + shift;
      }
    }
  }
  parts.blockKey = blockKey.slice(0, blocks);
  parts.blockStart = blockStart.slice(0, blocks);
  parts.blockLength = blockLength.slice(0, blocks);
  t.order = order;
  t.drainingCount = position;
  const cutOffOrder = new Array<string>(position);
  for (let q = 0; q < position; q++) cutOffOrder[q] = parts.ids[order[q]!]!;
  t.cutOffOrder = cutOffOrder;

  // --- Lists in ditch order, as one pass over the whole network would find them.
  const reversedIds: string[] = [];
  const gaps = new Map<number, string[]>();
  const loops = new Map<number, string[]>();
  const stuck: string[] = [];
  for (let k = 0; k < ditchCount; k++) {
    const id = parts.ids[k]!;
    if (t.reversed[k] === 1) reversedIds.push(id);
    if (parts.gapLabel[k] !== -1) push(gaps, parts.gapLabel[k]!, id);
    if (parts.stuck[k] === 1) stuck.push(id);
  }
  // Loops after the gaps, as the full build lists them.
  for (let k = 0; k < ditchCount; k++) if (parts.loopLabel[k] !== -1) push(loops, parts.loopLabel[k]!, parts.ids[k]!);
  const problems: NetworkProblem[] = [...parts.segmentProblems];
  for (const ids of gaps.values()) problems.push({ code: 'gap', segmentIds: ids, message: networkMessages.gap(ids.length) });
  for (const ids of loops.values()) problems.push({ code: 'loop', segmentIds: ids, message: networkMessages.loop(ids.length) });
  if (stuck.length > 0) problems.push({ code: 'stuck', segmentIds: stuck, message: networkMessages.stuck(stuck.length) });
  t.problems = problems;
  t.reversedSegmentIds = reversedIds;
  t.stats = { ...t.stats, junctions: parts.junctionCount, outletJunctions: parts.outletCount, drainingSegments: position };
}

function push(groups: Map<number, string[]>, label: number, id: string): void {
  const list = groups.get(label);
  if (list === undefined) groups.set(label, [id]);
  else list.push(id);
}
