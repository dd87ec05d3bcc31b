/**
 * The drainage topology of a ditch network (see network.ts for the model): which segments can be
 * used, junctions, outlets, flow directions, the post-dominator tree's preorder (each ditch's
 * cut-off set is one range of it), gaps, loops and stuck segments. It depends only on each
 * segment's id, kind, line and length, never on its storage, conveyance or catchment, so an edit
 * of a ditch's section or condition reuses it (electron/core/services/capacity/networkState.ts).
 */
import type { Bilingual } from '../contract/errors';
import { drainageLayout } from './drainageLayout';
import { ExactSum } from './exactSum';
import type { EndpointGrid } from './endpointGrid';
import { lineLengthM } from './lineLength';
import { localProjection, projectLine, type LocalProjection } from './localMetres';
import { buildPieceIndex, type PieceIndex } from './networkGrid';
import { invalidSegmentReasons, networkMessages } from './networkMessages';
import type { NetworkAnalysis, NetworkProblem, NetworkSegment } from './networkTypes';
import { placeLayout } from './topologyLayout';

const KINDS: ReadonlySet<string> = new Set(['field', 'branch', 'main', 'river']);
/** Grid cell for the line-piece indexes, m: a few pieces per cell in a dense ditch network. */
export const PIECE_CELL_M = 100;

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
  /** 1 where ditch k flows against its coordinate order. */
  reversed: Uint8Array;
  /** Duplicate and invalid segments, gaps, loops and stuck segments, in that order. */
  problems: NetworkProblem[];
  reversedSegmentIds: string[];
  cutOffOrder: string[];
  stats: NetworkAnalysis['stats'];
  /** What topologyPatch.ts needs to lay out part of the network again. */
  parts: TopologyParts;
}

/** Per ditch and per endpoint, what a layout found (drainageLayout.ts), in the township's numbering. */
export interface TopologyParts {
  /** The reference latitude of the projection (degrees), rounded so that a move rarely changes it. */
  refLat: number;
  /** The exact sum of the usable lines' first latitudes, and each segment's first latitude (0 when unusable). */
  latSum: ExactSum;
  firstLat: Float64Array;
  ids: string[];
  /** Endpoint 2k is ditch k's start, 2k+1 its end, projected. */
  endX: Float64Array;
  endY: Float64Array;
  nearRiver: Uint8Array;
  /** Per endpoint: 1 when it heads (is the first endpoint of) a junction, 2 when that junction is an outlet. */
  head: Uint8Array;
  junctionCount: number;
  outletCount: number;
  componentNext: Int32Array;
  gapLabel: Int32Array;
  loopLabel: Int32Array;
  stuck: Uint8Array;
  /** The preorder's blocks by key (drainageLayout.ts). */
  blockKey: Int32Array;
  blockStart: Int32Array;
  blockLength: Int32Array;
  /** Duplicate and invalid segments (a move keeps them). */
  segmentProblems: NetworkProblem[];
  /** Whether `problems` and `reversedSegmentIds` were listed from the labels yet. */
  listed: boolean;
  ditchPieces: PieceIndex | null;
  endpoints: EndpointGrid | null;
  /** Scratch marks over ditch numbers, all 0 between patches. */
  mark: Uint8Array;
}

/**
 * The latitude the projection is centred on: the mean of the usable lines' first points (`latSum`
 * of `count`), to 0.1° (11 km; the east–west scale then errs by under 0.2% at 45°, a few
 * millimetres on a snap tolerance), so that moving a ditch keeps every other projected point where
 * it was (topologyPatch.ts). The sum is exact, so a patched one rounds as a fresh one does.
 */
export function referenceLatitude(latSum: ExactSum, count: number): number {
  return count > 0 ? Math.round((latSum.value() / count) * 10) / 10 : 0;
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
  segments.forEach((segment, i) => {
    if (usable[i] === 1) (segment.kind === 'river' ? rivers : ditches).push(i);
  });
  const ditchCount = ditches.length;
  const ditchOf = new Int32Array(segments.length).fill(-1);
  ditches.forEach((i, k) => (ditchOf[i] = k));
  const seg = (k: number): NetworkSegment => segments[ditches[k]!]!;

  // --- Projected lines (only for matching; lengths are geodesic).
  const latSum = new ExactSum();
  const firstLat = new Float64Array(segments.length);
  segments.forEach((segment, i) => {
    if (usable[i] !== 1) return;
    firstLat[i] = segment.coords[0]![1];
    latSum.add(firstLat[i]!);
  });
  const refLat = referenceLatitude(latSum, ditches.length + rivers.length);
  const projection = localProjection(refLat);
  const empty = new Float64Array(0);
  const lines: Float64Array[] = segments.map((segment, i) => (usable[i] === 1 ? projectLine(segment.coords, projection) : empty));

  // --- Endpoints, and which touch a river (anywhere along it).
  const riverIndex = buildPieceIndex(lines, rivers, tolerance, PIECE_CELL_M);
  const endX = new Float64Array(2 * ditchCount);
  const endY = new Float64Array(2 * ditchCount);
  const nearRiver = new Uint8Array(2 * ditchCount);
  const lengthM = new Float64Array(ditchCount);
  for (let k = 0; k < ditchCount; k++) placeDitch(lines[ditches[k]!]!, seg(k), k, endX, endY, nearRiver, lengthM, riverIndex);

  const parts: TopologyParts = {
    refLat,
    latSum,
    firstLat,
    ids: ditches.map((i) => segments[i]!.id),
    endX,
    endY,
    nearRiver,
    head: new Uint8Array(2 * ditchCount),
    junctionCount: 0,
    outletCount: 0,
    componentNext: new Int32Array(ditchCount),
    gapLabel: new Int32Array(ditchCount).fill(-1),
    loopLabel: new Int32Array(ditchCount).fill(-1),
    stuck: new Uint8Array(ditchCount),
    blockKey: new Int32Array(0),
    blockStart: new Int32Array(0),
    blockLength: new Int32Array(0),
    segmentProblems: problems,
    listed: false,
    ditchPieces: null,
    endpoints: null,
    mark: new Uint8Array(ditchCount),
  };
  const topology: DrainageTopology = {
    tolerance,
    segmentCount: segments.length,
    indexById,
    usable,
    ditches,
    ditchOf,
    projection,
    lines,
    riverIndex,
    ditchIndex: () => (parts.ditchPieces ??= buildPieceIndex(lines, ditches, tolerance, PIECE_CELL_M)),
    lengthM,
    order: new Int32Array(ditchCount),
    rangeStart: new Int32Array(ditchCount).fill(-1),
    rangeEnd: new Int32Array(ditchCount).fill(-1),
    drainingCount: 0,
    reversed: new Uint8Array(ditchCount),
    problems: [],
    reversedSegmentIds: [],
    cutOffOrder: [],
    stats: { segments: segments.length, ditchSegments: ditchCount, riverSegments: rivers.length, junctions: 0, outletJunctions: 0, drainingSegments: 0 },
    parts,
  };
  const all = new Int32Array(ditchCount);
  for (let k = 0; k < ditchCount; k++) all[k] = k;
  placeLayout(topology, all, drainageLayout(endX, endY, nearRiver, lengthM, tolerance), new Uint8Array(ditchCount).fill(1));
  return topology;
}

/** Ditch k's ends, whether each touches a river, and its length (the given one, else geodesic). */
export function placeDitch(line: Float64Array, segment: NetworkSegment, k: number, endX: Float64Array, endY: Float64Array, nearRiver: Uint8Array, lengthM: Float64Array, riverIndex: PieceIndex): void {
  endX[2 * k] = line[0]!;
  endY[2 * k] = line[1]!;
  endX[2 * k + 1] = line[line.length - 2]!;
  endY[2 * k + 1] = line[line.length - 1]!;
  for (const p of [2 * k, 2 * k + 1]) {
    let near = 0;
    riverIndex.near(endX[p]!, endY[p]!, () => (near = 1));
    nearRiver[p] = near;
  }
  const given = segment.lengthM;
  lengthM[k] = given === undefined || given === null ? lineLengthM(segment.coords) : given;
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
