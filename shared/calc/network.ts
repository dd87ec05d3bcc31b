/**
 * Blockage impact ranking (issue 6): which open blockages (堵点) hold back the most water.
 *
 * Model. Ditch segments are edges between junctions; junctions are segment endpoints joined when
 * they lie within the snap tolerance (equirectangular metres, transitively). A junction within the
 * tolerance of any river line (anywhere along it) is an outlet. Each ditch flows from its end
 * farther from an outlet to the nearer one, distance being the shortest path in metres along the
 * ditches; on a tie (including both ends unreachable) it flows in its coordinate order.
 * Only endpoints are joined: a ditch that ends on the middle of another must be split there,
 * otherwise it shows up as a gap rather than being guessed into the network.
 *
 * Cut off. A segment is cut off by a blockage on segment b when every downstream path from it to
 * an outlet passes through b (b itself included, since where on b the blockage sits is not known).
 * That is post-dominance: on the reversed flow graph, rooted at a virtual sink joined to all
 * outlets, with each segment a node of its own, b cuts off exactly its subtree in the dominator
 * tree. In a loop, a segment with another way out is therefore not cut off. Each blockage is
 * assessed on its own, as if it were the only one; `blockagesInside` lists the others in its area.
 *
 * Complexity, for V junctions, E segments and B blockages: snapping and outlet matching are
 * O(E · points per grid cell); distances O(E log V) (Dijkstra); dominators O(E log E)
 * (Lengauer–Tarjan); bridges, components and subtree sums O(V + E); each blockage's totals O(1)
 * from prefix sums over the dominator-tree preorder, plus O(B log B + pairs) for blockagesInside.
 * Placing position-only blockages is O(pieces in the point's grid cell). 50,000 segments and 500
 * blockages take about 0.1 s in Node once warm (0.3 s cold); see tests/unit/shared/calc/networkScale.
 */
import type { Bilingual } from '../contract/errors';
import { findBridges } from './graph/bridges';
import { buildCsr } from './graph/csr';
import { immediateDominators } from './graph/dominators';
import { distancesFromSources } from './graph/shortestPaths';
import { UnionFind } from './graph/unionFind';
import { requireNumber } from './guards';
import { lineLengthM } from './lineLength';
import { localProjection, projectLine } from './localMetres';
import { buildPieceIndex, snapPoints, type PieceIndex } from './networkGrid';
import { invalidSegmentReasons, networkMessages } from './networkMessages';
import type {
  BlockageImpact,
  NetworkAnalysis,
  NetworkBlockage,
  NetworkOptions,
  NetworkProblem,
  NetworkSegment,
} from './networkTypes';
import { runoffVolumeM3 } from './runoff';

const KINDS: ReadonlySet<string> = new Set(['field', 'branch', 'main', 'river']);
/** Grid cell for the line-piece indexes, m: a few pieces per cell in a dense ditch network. */
const PIECE_CELL_M = 100;

const isNonNegative = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isAbsentOrNonNegative = (v: unknown): boolean => v === undefined || v === null || isNonNegative(v);

/** Why a segment cannot be used, or null when it can. */
function segmentFault(segment: NetworkSegment): Bilingual | null {
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

/** Ranks open blockages by the water they hold back and reports what in the network is unclear. */
export function analyzeBlockages(
  segments: readonly NetworkSegment[],
  blockages: readonly NetworkBlockage[],
  options: NetworkOptions,
): NetworkAnalysis {
  const tolerance = requireNumber('snapToleranceM', options.snapToleranceM, 0);
  requireNumber('rainMm', options.rainMm, 0);
  requireNumber('runoffCoefficient', options.runoffCoefficient, 0, 1);
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

  // --- Prefix sums over the preorder, so any subtree total is two lookups.
  const sumLength = new Float64Array(drainingCount + 1);
  const sumStorage = new Float64Array(drainingCount + 1);
  const sumConveyance = new Float64Array(drainingCount + 1);
  const sumCatchment = new Float64Array(drainingCount + 1);
  const sumMissing = new Int32Array(drainingCount + 1);
  for (let i = 0; i < drainingCount; i++) {
    const k = order[i]!;
    const s = seg(k);
    sumLength[i + 1] = sumLength[i]! + lengthM[k]!;
    sumStorage[i + 1] = sumStorage[i]! + s.storageM3;
    sumConveyance[i + 1] = sumConveyance[i]! + s.conveyanceM3s;
    const catchment = s.catchmentM2;
    const missing = catchment === undefined || catchment === null;
    sumCatchment[i + 1] = sumCatchment[i]! + (missing ? 0 : catchment);
    sumMissing[i + 1] = sumMissing[i]! + (missing ? 1 : 0);
  }

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

  // --- Place each blockage on a ditch.
  let ditchIndex: PieceIndex | null = null;
  const located: { blockageId: string; k: number; locatedBy: 'ditch_id' | 'position' }[] = [];
  for (const blockage of blockages) {
    const blockageId = blockage.id;
    if (blockage.ditchId !== undefined && blockage.ditchId !== null) {
      const i = indexById.get(blockage.ditchId);
      if (i === undefined) {
        problems.push({ code: 'unknown_ditch', blockageId, ditchId: blockage.ditchId, message: networkMessages.unknownDitch(blockageId, blockage.ditchId) });
      } else if (usable[i] !== 1) {
        problems.push({ code: 'blockage_on_invalid_segment', blockageId, segmentId: blockage.ditchId, message: networkMessages.blockageOnInvalidSegment(blockageId, blockage.ditchId) });
      } else if (segments[i]!.kind === 'river') {
        problems.push({ code: 'blockage_on_river', blockageId, segmentId: blockage.ditchId, message: networkMessages.blockageOnRiver(blockageId, blockage.ditchId) });
      } else {
        located.push({ blockageId, k: ditchOf[i]!, locatedBy: 'ditch_id' });
      }
      continue;
    }
    const at = blockage.position;
    if (at === undefined || at === null || !Number.isFinite(at[0]) || !Number.isFinite(at[1])) {
      problems.push({ code: 'blockage_no_location', blockageId, message: networkMessages.blockageNoLocation(blockageId) });
      continue;
    }
    const x = projection.x(at[0]);
    const y = projection.y(at[1]);
    ditchIndex ??= buildPieceIndex(lines, ditches, tolerance, PIECE_CELL_M);
    let best = -1;
    let bestDistance = Infinity;
    ditchIndex.near(x, y, (i, _vertex, d) => {
      // Nearest wins; on a tie the segment listed first, so the answer does not depend on the grid.
      if (d < bestDistance || (d === bestDistance && i < best)) {
        best = i;
        bestDistance = d;
      }
    });
    if (best !== -1) {
      located.push({ blockageId, k: ditchOf[best]!, locatedBy: 'position' });
      continue;
    }
    let river = -1;
    riverIndex.near(x, y, (i) => {
      if (river === -1 || i < river) river = i;
    });
    if (river !== -1) {
      const riverId = segments[river]!.id;
      problems.push({ code: 'blockage_on_river', blockageId, segmentId: riverId, message: networkMessages.blockageOnRiver(blockageId, riverId) });
    } else {
      problems.push({ code: 'blockage_off_network', blockageId, message: networkMessages.blockageOffNetwork(blockageId, tolerance) });
    }
  }

  // --- Impact of each placed blockage.
  const ranking: BlockageImpact[] = [];
  for (const { blockageId, k, locatedBy } of located) {
    const segmentId = seg(k).id;
    const start = rangeStart[k]!;
    if (start === -1) {
      // In a gap or stuck: there is no outlet to be cut off from.
      problems.push({ code: 'blockage_in_gap', blockageId, segmentId, message: networkMessages.blockageInGap(blockageId, segmentId) });
      continue;
    }
    const end = rangeEnd[k]!;
    const catchmentM2 = sumCatchment[end]! - sumCatchment[start]!;
    ranking.push({
      rank: 0,
      blockageId,
      segmentId,
      locatedBy,
      cutOff: {
        segmentCount: end - start,
        lengthM: sumLength[end]! - sumLength[start]!,
        storageM3: sumStorage[end]! - sumStorage[start]!,
        conveyanceM3s: sumConveyance[end]! - sumConveyance[start]!,
        catchmentM2,
        catchmentMissingCount: sumMissing[end]! - sumMissing[start]!,
        runoffHeldM3: runoffVolumeM3(options.runoffCoefficient, options.rainMm, catchmentM2),
      },
      cutOffRange: { start, end },
      blockagesInside: [],
    });
  }

  // --- Other blockages inside each one's range (same segment included).
  const byPosition = ranking.map((impact) => ({ at: impact.cutOffRange.start, id: impact.blockageId })).sort((a, b) => a.at - b.at);
  for (const impact of ranking) {
    const { start, end } = impact.cutOffRange;
    let lo = 0;
    let hi = byPosition.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byPosition[mid]!.at < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < byPosition.length && byPosition[i]!.at < end; i++) {
      const other = byPosition[i]!;
      if (other.id !== impact.blockageId) impact.blockagesInside.push(other.id);
    }
  }

  ranking.sort(
    (a, b) =>
      b.cutOff.runoffHeldM3 - a.cutOff.runoffHeldM3 ||
      b.cutOff.storageM3 - a.cutOff.storageM3 ||
      (a.blockageId < b.blockageId ? -1 : a.blockageId > b.blockageId ? 1 : 0),
  );
  ranking.forEach((impact, i) => (impact.rank = i + 1));

  const cutOffOrder: string[] = new Array<string>(drainingCount);
  for (let i = 0; i < drainingCount; i++) cutOffOrder[i] = seg(order[i]!).id;

  return {
    ranking,
    problems,
    cutOffOrder,
    reversedSegmentIds,
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

/** The ids of the segments a ranked blockage cuts off (the blocked segment first). */
export function cutOffSegmentIds(analysis: NetworkAnalysis, impact: BlockageImpact): string[] {
  return analysis.cutOffOrder.slice(impact.cutOffRange.start, impact.cutOffRange.end);
}
