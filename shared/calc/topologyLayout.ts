/**
 * Puts a layout of some of the ditches (drainageLayout.ts) into a topology: the full build with
 * every ditch, a patch with the junction components a move reached (topologyPatch.ts). The same
 * code does both, so a patched topology is laid out exactly as a full build would lay it out:
 * the preorder is the blocks sorted by key (kept blocks moved, new ones put in), the problem lists
 * are read from per-ditch labels in ditch order (again only when a label changed), the counts
 * are per junction head.
 */
import type { DrainageLayout } from './drainageLayout';
import { networkMessages } from './networkMessages';
import type { DrainageTopology } from './networkTopology';
import type { NetworkProblem } from './networkTypes';

/**
 * Lays `layout`, made for ditches `laid` (ascending ditch numbers, whole components, marked 1 in
 * `inLaid`), into `t`. Returns the laid ditches whose flow direction turned.
 */
export function placeLayout(t: DrainageTopology, laid: Int32Array, layout: DrainageLayout, inLaid: Uint8Array): number[] {
  const parts = t.parts;
  const flipped: number[] = [];
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

  // --- Per-ditch labels; whether any list the whole network shows changes with them.
  let listsChanged = !parts.listed;
  laid.forEach((k, local) => {
    const gap = layout.gapLabel[local] === -1 ? -1 : global(layout.gapLabel[local]!);
    const loop = layout.loopLabel[local] === -1 ? -1 : global(layout.loopLabel[local]!);
    if (t.reversed[k] !== layout.reversed[local]) flipped.push(k);
    if (t.reversed[k] !== layout.reversed[local] || parts.gapLabel[k] !== gap || parts.loopLabel[k] !== loop || parts.stuck[k] !== layout.stuck[local]) listsChanged = true;
    t.reversed[k] = layout.reversed[local]!;
    parts.componentNext[k] = global(layout.componentNext[local]!);
    parts.gapLabel[k] = gap;
    parts.loopLabel[k] = loop;
    parts.stuck[k] = layout.stuck[local]!;
    t.rangeStart[k] = -1;
    t.rangeEnd[k] = -1;
  });

  placeBlocks(t, inLaid, laid, layout);
  if (listsChanged) listProblems(t);
  t.stats = { ...t.stats, junctions: parts.junctionCount, outletJunctions: parts.outletCount, drainingSegments: t.drainingCount };
  return flipped;
}

/**
 * The preorder: the blocks of the components not laid again (kept) and the new ones, merged by
 * key. When no kept block moves (a move that leaves its components' sizes as they were), only the
 * new blocks are written, in place; otherwise the whole preorder is written again.
 */
function placeBlocks(t: DrainageTopology, inLaid: Uint8Array, laid: Int32Array, layout: DrainageLayout): void {
  const parts = t.parts;
  const globalEndpoint = (p: number) => 2 * laid[p >> 1]! + (p & 1);
  const keptCount = parts.blockKey.length;
  const blockCount = keptCount + layout.blockKey.length;
  // Merged blocks: source ≥ 0 a kept block, −1 − b the layout's block b.
  const source = new Int32Array(blockCount);
  const blockKey = new Int32Array(blockCount);
  const blockStart = new Int32Array(blockCount);
  const blockLength = new Int32Array(blockCount);
  let blocks = 0;
  let position = 0;
  let kept = 0;
  let fresh = 0;
  let keptMoved = false;
  while (kept < keptCount || fresh < layout.blockKey.length) {
    if (kept < keptCount && inLaid[parts.blockKey[kept]! >> 1] === 1) {
      kept++; // a block of a component laid again
      continue;
    }
    const freshKey = fresh < layout.blockKey.length ? globalEndpoint(layout.blockKey[fresh]!) : Infinity;
    const takeKept = kept < keptCount && parts.blockKey[kept]! < freshKey;
    if (takeKept && parts.blockStart[kept] !== position) keptMoved = true;
    source[blocks] = takeKept ? kept++ : -1 - fresh++;
    blockKey[blocks] = takeKept ? parts.blockKey[source[blocks]!]! : freshKey;
    blockLength[blocks] = takeKept ? parts.blockLength[source[blocks]!]! : layout.blockLength[-1 - source[blocks]!]!;
    blockStart[blocks] = position;
    position += blockLength[blocks++]!;
  }
  const order = keptMoved ? new Int32Array(t.ditches.length) : t.order;
  const cutOffOrder = keptMoved ? new Array<string>(position) : t.cutOffOrder;
  for (let b = 0; b < blocks; b++) {
    const at = blockStart[b]!;
    const length = blockLength[b]!;
    if (source[b]! >= 0) {
      if (!keptMoved) continue;
      const from = parts.blockStart[source[b]!]!;
      const shift = at - from;
      for (let q = 0; q < length; q++) {
        const k = t.order[from + q]!;
        order[at + q] = k;
        cutOffOrder[at + q] = parts.ids[k]!;
        t.rangeStart[k] = t.rangeStart[k]! + shift;
        t.rangeEnd[k] = t.rangeEnd[k]! + shift;
      }
    } else {
      const from = layout.blockStart[-1 - source[b]!]!;
      const shift = at - from;
      for (let q = 0; q < length; q++) {
        const local = layout.order[from + q]!;
        const k = laid[local]!;
        order[at + q] = k;
        cutOffOrder[at + q] = parts.ids[k]!;
        t.rangeStart[k] = layout.rangeStart[local]! + shift;
        t.rangeEnd[k] = layout.rangeEnd[local]! + shift;
      }
    }
  }
  cutOffOrder.length = position;
  parts.blockKey = blockKey.slice(0, blocks);
  parts.blockStart = blockStart.slice(0, blocks);
  parts.blockLength = blockLength.slice(0, blocks);
  t.order = order;
  t.cutOffOrder = cutOffOrder;
  t.drainingCount = position;
}

/** The flow directions and problem lists in ditch order, as one pass over the whole network finds them. */
function listProblems(t: DrainageTopology): void {
  const parts = t.parts;
  const reversedIds: string[] = [];
  const gaps = new Map<number, string[]>();
  const loops = new Map<number, string[]>();
  const stuck: string[] = [];
  for (let k = 0; k < t.ditches.length; k++) {
    const id = parts.ids[k]!;
    if (t.reversed[k] === 1) reversedIds.push(id);
    if (parts.gapLabel[k] !== -1) push(gaps, parts.gapLabel[k]!, id);
    if (parts.stuck[k] === 1) stuck.push(id);
  }
  // Loops after the gaps, as the full build lists them.
  for (let k = 0; k < t.ditches.length; k++) if (parts.loopLabel[k] !== -1) push(loops, parts.loopLabel[k]!, parts.ids[k]!);
  const problems: NetworkProblem[] = [...parts.segmentProblems];
  for (const ids of gaps.values()) problems.push({ code: 'gap', segmentIds: ids, message: networkMessages.gap(ids.length) });
  for (const ids of loops.values()) problems.push({ code: 'loop', segmentIds: ids, message: networkMessages.loop(ids.length) });
  if (stuck.length > 0) problems.push({ code: 'stuck', segmentIds: stuck, message: networkMessages.stuck(stuck.length) });
  t.problems = problems;
  t.reversedSegmentIds = reversedIds;
  parts.listed = true;
}

function push(groups: Map<number, string[]>, label: number, id: string): void {
  const list = groups.get(label);
  if (list === undefined) groups.set(label, [id]);
  else list.push(id);
}
