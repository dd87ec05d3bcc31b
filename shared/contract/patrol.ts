import { z } from 'zod';
import { id, isoDate, isoTimestamp } from './common';
import { bilingual } from './validation';

/** One GPS fix of a patrol track, as the phone's Geolocation API gives it. */
export const trackPointSchema = z.strictObject({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  at: isoTimestamp,
  accuracyM: z.number().min(0).max(100_000),
});

/** A piece of a patrol walk sent from a phone (its outbox sends them in order, each once). */
export const trackChunkInputSchema = z.strictObject({
  /** The walk's id, made on the phone when 开始巡查 is tapped. */
  patrolId: z.uuid({ error: bilingual('巡查编号应为手机生成的 UUID', 'patrolId must be a UUID made on the phone') }),
  /** The chunk's number within the walk, from 0. */
  seq: z.int().min(0).max(100_000),
  points: z.array(trackPointSchema).max(5000, { error: bilingual('一段轨迹最多 5000 个点', 'at most 5000 points per chunk') }),
  /** True for the last chunk (结束巡查). */
  final: z.boolean(),
});
export type TrackChunkInput = z.infer<typeof trackChunkInputSchema>;

export const trackChunkResultSchema = z.object({
  stored: z.int(),
  dropped: z.object({ duplicate: z.int(), inaccurate: z.int(), jump: z.int(), invalid: z.int() }),
  lengthM: z.number(),
  duplicate: z.boolean(),
});

export const patrolTrackSchema = z.object({
  id,
  teamId: id,
  teamName: z.string(),
  actor: z.string(),
  startedAt: isoTimestamp,
  lastPointAt: isoTimestamp,
  ended: z.boolean(),
  lengthM: z.number(),
  coordinates: z.array(z.tuple([z.number(), z.number()])),
});
export type PatrolTrack = z.infer<typeof patrolTrackSchema>;

const coverageGroupSchema = z.object({ key: z.string(), lengthM: z.number(), coveredM: z.number(), share: z.number() });

export const patrolCoverageSchema = z.object({
  /** The 24 hours the coverage covers. */
  from: isoTimestamp,
  to: isoTimestamp,
  /** Ids of the ditches walked along (within 30 m along most of their length). */
  coveredDitchIds: z.array(id),
  totalM: z.number(),
  coveredM: z.number(),
  share: z.number(),
  byVillage: z.array(coverageGroupSchema),
  byKind: z.array(coverageGroupSchema),
  tracks: z.int(),
});
export type PatrolCoverage = z.infer<typeof patrolCoverageSchema>;

export const patrolProcedures = {
  /** The day's patrol tracks, by team (for the map). */
  'patrol.tracks': { input: z.strictObject({ date: isoDate }), output: z.array(patrolTrackSchema) },
  /** Which ditches were walked in the 24 hours up to the end of `date` (or up to now, for today). */
  'patrol.coverage': { input: z.strictObject({ date: isoDate }), output: patrolCoverageSchema },
};
