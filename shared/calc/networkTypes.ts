/** Input and result types of the blockage-impact ranking (network.ts). */
import type { Bilingual } from '../contract/errors';
import type { LonLat } from './lineLength';
import type { DitchCondition } from './sectionTypes';

/** 条田沟 field · 支沟 branch · 干沟 main · 河道 river. */
export type DitchKind = 'field' | 'branch' | 'main' | 'river';

/** One ditch line between two junctions (split lines where ditches meet). */
export interface NetworkSegment {
  id: string;
  /** WGS84 [lon, lat] vertices, at least two. */
  coords: readonly LonLat[];
  kind: DitchKind;
  /** Carried through for display; storage/conveyance should already reflect it (ditchCapacity). */
  condition: DitchCondition;
  /** What the segment holds at full depth, m³. */
  storageM3: number;
  /** What it carries, m³/s. */
  conveyanceM3s: number;
  /** Area that drains into this segment, m²; when missing the segment adds no runoff (counted). */
  catchmentM2?: number | null;
  /** Geodesic length, m; computed from coords when missing. */
  lengthM?: number | null;
}

/** An open blockage point (堵点): on a known ditch, or at a position to be placed on one. */
export interface NetworkBlockage {
  id: string;
  /** The segment it sits on; takes precedence over position. */
  ditchId?: string | null;
  /** WGS84 [lon, lat]; placed on the nearest non-river segment within the snap tolerance. */
  position?: LonLat | null;
}

export interface NetworkOptions {
  /** Endpoints closer than this are one junction; a position this close to a line is on it. m, ≥ 0. */
  snapToleranceM: number;
  /** Rain depth for "runoff held back", mm. */
  rainMm: number;
  /** Runoff coefficient C (0–1) for the catchments. */
  runoffCoefficient: number;
}

/** What a blockage cuts off: the blocked segment itself plus everything upstream that can only drain through it. */
export interface CutOffTotals {
  /** Segments cut off, the blocked one included. */
  segmentCount: number;
  lengthM: number;
  storageM3: number;
  conveyanceM3s: number;
  catchmentM2: number;
  /** Cut-off segments without a catchment area (their runoff is missing from runoffHeldM3). */
  catchmentMissingCount: number;
  /** C · P/1000 · catchment, m³: the runoff waiting behind the blockage. */
  runoffHeldM3: number;
}

export interface BlockageImpact {
  /** 1 = worst. */
  rank: number;
  blockageId: string;
  segmentId: string;
  locatedBy: 'ditch_id' | 'position';
  cutOff: CutOffTotals;
  /** The cut-off segment ids are analysis.cutOffOrder[start .. end) (see cutOffSegmentIds). */
  cutOffRange: { start: number; end: number };
  /** Other open blockages inside this one's cut-off area: clearing this alone does not free them. */
  blockagesInside: string[];
}

export type NetworkProblem =
  | { code: 'gap'; segmentIds: string[]; message: Bilingual }
  | { code: 'loop'; segmentIds: string[]; message: Bilingual }
  | { code: 'stuck'; segmentIds: string[]; message: Bilingual }
  | { code: 'invalid_segment'; segmentId: string; message: Bilingual }
  | { code: 'duplicate_segment'; segmentId: string; message: Bilingual }
  | { code: 'unknown_ditch'; blockageId: string; ditchId: string; message: Bilingual }
  | { code: 'blockage_on_invalid_segment'; blockageId: string; segmentId: string; message: Bilingual }
  | { code: 'blockage_no_location'; blockageId: string; message: Bilingual }
  | { code: 'blockage_off_network'; blockageId: string; message: Bilingual }
  | { code: 'blockage_on_river'; blockageId: string; segmentId: string; message: Bilingual }
  | { code: 'blockage_in_gap'; blockageId: string; segmentId: string; message: Bilingual };

export type NetworkProblemCode = NetworkProblem['code'];

export interface NetworkAnalysis {
  /** Ranked blockages, worst first: runoff held back, then storage cut off, then id. */
  ranking: BlockageImpact[];
  /** Everything that could not be ranked or looks wrong in the network; never guessed around. */
  problems: NetworkProblem[];
  /** Segment ids ordered so that each blockage's cut-off set is one contiguous range. */
  cutOffOrder: string[];
  /** Ditch segments found to flow against their coordinate order; all others flow along it. */
  reversedSegmentIds: string[];
  stats: {
    segments: number;
    ditchSegments: number;
    riverSegments: number;
    junctions: number;
    outletJunctions: number;
    /** Ditch segments that reach a river. */
    drainingSegments: number;
  };
}
