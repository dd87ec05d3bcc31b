/**
 * The drainage topology of a ditch network (see network.ts for the model): which segments can be
 * used, junctions, outlets, flow directions, the post-dominator tree's preorder (each ditch's
 * cut-off set is one range of it), gaps, loops and stuck segments. It depends only on each
 * segment's id, kind, line and length, never on its storage, conveyance or catchment, so an edit
 * of a ditch's section or condition reuses it (electron/core/services/capacity/networkState.ts).
 */
import type { Bilingual } from '../contract/errors';
import { findBridges } from './graph/bridges';
import { buildCsr } from './graph/csr';
import { immediateDominators } from './graph/dominators';
import { distancesFromSources } from './graph/shortestPaths';
import { UnionFind } from './graph/unionFind';
import { lineLengthM } from './lineLength';
import { localProjection, projectLine, type LocalProjection } from './localMetres';
import { buildPieceIndex, snapPoints, type PieceIndex } from './networkGrid';
import { invalidSegmentReasons, networkMessages } from './networkMessages';
import type { NetworkAnalysis, NetworkProblem, NetworkSegment } from './networkTypes';

const KINDS: ReadonlySet<string> = new Set(['field', 'branch', 'main', 'river']);
/** Grid cell for the line-piece indexes, m: a few pieces per cell in a dense ditch network. */
const PIECE_CELL_M = 100;

const isNonNegative = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isAbsentOrNonNegative = (v: unknown): boolean => v === undefined || v === null || isNonNegative(v);

/** Why a segment cannot be used, or null when it can. */
export function segmentFault(segment: NetworkSegment): Bilingual | null {
  if (!KINDS.has(segment.kind)) return invalidSegmentReasons.kind;
  if (!Array.isArray(segment.coords) || segment.coords.length < 2) return invalidSegmentReasons.coords;
  for (const c of segment.coords) {
    const lon = c[0];
    const lat = c[1];
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      return invalidSegmentReasons.coords;
    }
  }
  if (
    !isNonNegative(segment.storageM3) ||
    !isNonNegative(segment.conveyanceM3s) ||
    !isAbsentOrNonNegative(segment.catchmentM2) ||
    !isAbsentOrNonNegative(segment.lengthM)
  ) {
    return invalidSegmentReasons.numbers;
  }
  return null;
}

/** What the ranking needs of the network's shape, computed once per shape. */
export interface DrainageTopology {
  tolerance: number;
  segmentCount: number;
  indexById: Map<string, number>;
  /** 1 where the segment can be used (valid and not a duplicate id). */
  usable: Uint8Array;
  /** Ditch number k → segment index (rivers apart). */
  ditches: number[];
  /** Segment index → ditch number, or −1. */
  ditchOf: Int32Array;
  projection: LocalProjection;
  lines: Float64Array[];
  riverIndex: PieceIndex;
  /** The ditches' line pieces, built on first use (only position-only blockages need it). */
  ditchIndex(): PieceIndex;
  /** Geodesic length of each ditch k, m. */
  lengthM: Float64Array;
  /** Dominator-tree preorder: ditch k's cut-off set is order[rangeStart[k] .. rangeEnd[k]), −1 when it reaches no river. */
  order: Int32Array;
  rangeStart: Int32Array;
  rangeEnd: Int32Array;
  drainingCount: number;
  /** Duplicate and invalid segments, gaps, loops and stuck segments, in that order. */
  problems: NetworkProblem[];
  reversedSegmentIds: string[];
  cutOffOrder: string[];
  stats: NetworkAnalysis['stats'];
}

/** Builds the topology of `segments`; `tolerance` (m, ≥ 0, checked by the caller) joins ends and finds outlets. */
export function buildTopology(segments: readonly NetworkSegment[], tolerance: number): DrainageTopology {
  const problems: NetworkProblem[] = [];

  // --- Which segments can be used.
  const indexById = new Map<string, number>();
  const usable = new Uint8Array(segments.length);
  segments.forEach((segment, i) => {
    if (indexById.has(segment.id)) {
      problems.push({ code: 'duplicate_segment', segmentId: segment.id, message: networkMessages.duplicateSegment(segment.id) });
      return;
    }
    indexById.set(segment.id, i);
    const fault = segmentFault(segment);
    if (fault !== null) {
      problems.push({ code: 'invalid_segment', segmentId: segment.id, message: networkMessages.invalidSegment(segment.id, fault) });
      return;
    }
    usable[i] = 1;
  });
  const ditches: number[] = []; // ditch number k → segment index
  const rivers: number[] = [];
  let latSum = 0;
  segments.forEach((segment, i) => {
    if (usable[i] !== 1) return;
    (segment.kind === 'river' ? rivers : ditches).push(i);
    latSum += segment.coords[0]![1];
  });
  const ditchCount = ditches.length;
  const ditchOf = new Int32Array(segments.length).fill(-1);
  ditches.forEach((i, k) => (ditchOf[i] = k));
  const seg = (k: number): NetworkSegment => segments[ditches[k]!]!;

  // --- Projected lines (only for matching; lengths are geodesic).
  const projection = localProjection(ditches.length + rivers.length > 0 ? latSum / (ditches.length + rivers.length) : 0);
  const empty = new Float64Array(0);
  const lines: Float64Array[] = segments.map((segment, i) => (usable[i] === 1 ? projectLine(segment.coords, projection) : empty));

  // --- Junctions: endpoint 2k is ditch k's start, 2k+1 its end.
  const endX = new Float64Array(2 * ditchCount);
  const endY = new Float64Array(2 * ditchCount);
  for (let k = 0; k < ditchCount; k++) {
    const line = lines[ditches[k]!]!;
    endX[2 * k] = line[0]!;
    endY[2 * k] = line[1]!;
    endX[2 * k + 1] = line[line.length - 2]!;
    endY[2 * k + 1] = line[line.length - 1]!;
  }
  const endpointSets = snapPoints(endX, endY, tolerance);
  const junctionOfRoot = new Int32Array(2 * ditchCount).fill(-1);
  const junctionOf = new Int32Array(2 * ditchCount);
  let junctionCount = 0;
  for (let p = 0; p < 2 * ditchCount; p++) {
    const root = endpointSets.find(p);
    if (junctionOfRoot[root] === -1) junctionOfRoot[root] = junctionCount++;
    junctionOf[p] = junctionOfRoot[root]!;
  }
  const startJ = new Int32Array(ditchCount);
  const endJ = new Int32Array(ditchCount);
  for (let k = 0; k < ditchCount; k++) {
    startJ[k] = junctionOf[2 * k]!;
    endJ[k] = junctionOf[2 * k + 1]!;
  }

  // --- Outlets: junctions touching a river anywhere along it.
  const riverIndex = buildPieceIndex(lines, rivers, tolerance, PIECE_CELL_M);
  const isOutlet = new Uint8Array(junctionCount);
  const outlets: number[] = [];
  for (let p = 0; p < 2 * ditchCount; p++) {
    const j = junctionOf[p]!;
    if (isOutlet[j] === 1) continue;
    riverIndex.near(endX[p]!, endY[p]!, () => {
      if (isOutlet[j] === 0) {
        isOutlet[j] = 1;
        outlets.push(j);
      }
    });
  }

  // --- Distance of each junction to the nearest outlet, m, and each ditch's direction.
  const lengthM = new Float64Array(ditchCount);
  for (let k = 0; k < ditchCount; k++) {
    const given = seg(k).lengthM;
    lengthM[k] = given === undefined || given === null ? lineLengthM(seg(k).coords) : given;
  }
  const undirected = buildCsr(
    junctionCount,
    [...startJ, ...endJ],
    [...endJ, ...startJ],
    [...ditches.keys(), ...ditches.keys()],
  );
  const distance = distancesFromSources(undirected, lengthM, outlets);
  const upJ = new Int32Array(ditchCount);
  const downJ = new Int32Array(ditchCount);
  const reversedSegmentIds: string[] = [];
  for (let k = 0; k < ditchCount; k++) {
    const s = startJ[k]!;
    const e = endJ[k]!;
    if (distance[s]! < distance[e]!) {
      upJ[k] = e;
      downJ[k] = s;
      reversedSegmentIds.push(seg(k).id);
    } else {
      upJ[k] = s;
      downJ[k] = e;
    }
  }

  // --- Reversed flow graph: 0 = sink, 1 + j = junction j, 1 + J + k = ditch k.
  const ditchNode = (k: number): number => 1 + junctionCount + k;
  const nodeCount = 1 + junctionCount + ditchCount;
  const edgeCount = outlets.length + 2 * ditchCount;
  const from = new Int32Array(edgeCount);
  const to = new Int32Array(edgeCount);
  let edge = 0;
  for (const j of outlets) {
    from[edge] = 0;
    to[edge++] = 1 + j;
  }
  for (let k = 0; k < ditchCount; k++) {
    // Water goes up-junction → ditch → down-junction; reversed: down → ditch → up.
    from[edge] = 1 + downJ[k]!;
    to[edge++] = ditchNode(k);
    from[edge] = ditchNode(k);
    to[edge++] = 1 + upJ[k]!;
  }
  const idom = immediateDominators(0, buildCsr(nodeCount, from, to), buildCsr(nodeCount, to, from));

  // --- Dominator-tree preorder: each ditch's subtree is the range [rangeStart, rangeEnd) of `order`.
  const childFrom: number[] = [];
  const childTo: number[] = [];
  for (let v = 1; v < nodeCount; v++) {
    if (idom[v] !== -1) {
      childFrom.push(idom[v]!);
      childTo.push(v);
    }
  }
  const children = buildCsr(nodeCount, childFrom, childTo);
  const rangeStart = new Int32Array(ditchCount).fill(-1);
  const rangeEnd = new Int32Array(ditchCount).fill(-1);
  const order = new Int32Array(ditchCount);
  let position = 0;
  {
    const stackNode = new Int32Array(nodeCount);
    const stackCursor = new Int32Array(nodeCount);
    let sp = 0;
    stackNode[sp] = 0;
    stackCursor[sp++] = children.offsets[0]!;
    while (sp > 0) {
      const v = stackNode[sp - 1]!;
      const c = stackCursor[sp - 1]!;
      if (c < children.offsets[v + 1]!) {
        stackCursor[sp - 1] = c + 1;
        const w = children.targets[c]!;
        const k = w - 1 - junctionCount;
        if (k >= 0) {
          rangeStart[k] = position;
          order[position++] = k;
        }
        stackNode[sp] = w;
        stackCursor[sp++] = children.offsets[w]!;
      } else {
        sp--;
        const k = v - 1 - junctionCount;
        if (k >= 0) rangeEnd[k] = position;
      }
    }
  }
  const drainingCount = position;

  // --- Gaps (components without an outlet) and stuck segments (an outlet, but no way to it).
  const components = new UnionFind(junctionCount);
  for (let k = 0; k < ditchCount; k++) components.union(startJ[k]!, endJ[k]!);
  const componentHasOutlet = new Uint8Array(junctionCount);
  for (const j of outlets) componentHasOutlet[components.find(j)] = 1;
  const gaps = new Map<number, string[]>();
  const stuck: string[] = [];
  const inGap = new Uint8Array(ditchCount);
  for (let k = 0; k < ditchCount; k++) {
    if (rangeStart[k] !== -1) continue;
    const root = components.find(startJ[k]!);
    if (componentHasOutlet[root] === 1) {
      stuck.push(seg(k).id);
    } else {
      inGap[k] = 1;
      const list = gaps.get(root);
      if (list === undefined) gaps.set(root, [seg(k).id]);
      else list.push(seg(k).id);
    }
  }
  for (const ids of gaps.values()) problems.push({ code: 'gap', segmentIds: ids, message: networkMessages.gap(ids.length) });

  // --- Loops: segments on a cycle of the ditch network (not bridges), grouped by connected area.
  const cycleFrom: number[] = [];
  const cycleTo: number[] = [];
  const cycleLabel: number[] = [];
  for (let k = 0; k < ditchCount; k++) {
    if (startJ[k] === endJ[k]) continue; // a closed ring: a loop by itself, handled below
    cycleFrom.push(startJ[k]!, endJ[k]!);
    cycleTo.push(endJ[k]!, startJ[k]!);
    cycleLabel.push(k, k);
  }
  const isBridge = findBridges(buildCsr(junctionCount, cycleFrom, cycleTo, cycleLabel), ditchCount);
  const loopAreas = new UnionFind(junctionCount);
  const onLoop = new Uint8Array(ditchCount);
  for (let k = 0; k < ditchCount; k++) {
    if (startJ[k] === endJ[k] || isBridge[k] === 0) {
      onLoop[k] = 1;
      loopAreas.union(startJ[k]!, endJ[k]!);
    }
  }
  const loops = new Map<number, string[]>();
  for (let k = 0; k < ditchCount; k++) {
    if (onLoop[k] !== 1) continue;
    const root = loopAreas.find(startJ[k]!);
    const list = loops.get(root);
    if (list === undefined) loops.set(root, [seg(k).id]);
    else list.push(seg(k).id);
  }
  for (const ids of loops.values()) problems.push({ code: 'loop', segmentIds: ids, message: networkMessages.loop(ids.length) });
  if (stuck.length > 0) problems.push({ code: 'stuck', segmentIds: stuck, message: networkMessages.stuck(stuck.length) });

  let ditchIndex: PieceIndex | null = null;
  const cutOffOrder: string[] = new Array<string>(drainingCount);
  for (let i = 0; i < drainingCount; i++) cutOffOrder[i] = seg(order[i]!).id;
  return {
    tolerance,
    segmentCount: segments.length,
    indexById,
    usable,
    ditches,
    ditchOf,
    projection,
    lines,
    riverIndex,
    ditchIndex: () => (ditchIndex ??= buildPieceIndex(lines, ditches, tolerance, PIECE_CELL_M)),
    lengthM,
    order,
    rangeStart,
    rangeEnd,
    drainingCount,
    problems,
    reversedSegmentIds,
    cutOffOrder,
    stats: {
      segments: segments.length,
      ditchSegments: ditchCount,
      riverSegments: rivers.length,
      junctions: junctionCount,
      outletJunctions: outlets.length,
      drainingSegments: drainingCount,
    },
  };
}

/**
 * Whether `topology` (built with `before` at this place) still holds with `after` there: the same
 * id, kind, line and length, and usable alike. Storage, conveyance and catchment may differ.
 */
export function sameShape(before: NetworkSegment, after: NetworkSegment): boolean {
  if (before.id !== after.id || before.kind !== after.kind || (before.lengthM ?? null) !== (after.lengthM ?? null)) return false;
  if ((segmentFault(before) === null) !== (segmentFault(after) === null)) return false;
  const a = before.coords;
  const b = after.coords;
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  return true;
}
