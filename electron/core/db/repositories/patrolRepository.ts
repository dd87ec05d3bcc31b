import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { TrackPoint } from '../../../../shared/calc/patrol/track';

export interface PatrolTrackRow {
  id: string;
  team_id: string;
  actor: string;
  started_at: string;
  last_point_at: string;
  ended: number;
}

export interface PatrolChunkInput {
  patrolId: string;
  seq: number;
  points: TrackPoint[];
  dropped: Record<string, number>;
  final: boolean;
}

/** Patrol walks and their chunks, of one township. */
export class PatrolRepository {
  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {}

  track(id: string): PatrolTrackRow | undefined {
    return this.db
      .prepare('SELECT id, team_id, actor, started_at, last_point_at, ended FROM patrol_track WHERE id = ? AND township_id = ?')
      .get(id, this.townshipId) as PatrolTrackRow | undefined;
  }

  hasChunk(patrolId: string, seq: number): boolean {
    return this.db.prepare('SELECT 1 FROM patrol_chunk WHERE patrol_id = ? AND seq = ?').get(patrolId, seq) !== undefined;
  }

  /** Store one chunk, creating its walk on the first; the caller holds the transaction. */
  addChunk(teamId: string, actor: string, chunk: PatrolChunkInput, at: string): void {
    const first = chunk.points[0]!.at;
    const last = chunk.points[chunk.points.length - 1]!.at;
    this.db
      .prepare(
        `INSERT INTO patrol_track (id, township_id, team_id, actor, started_at, last_point_at, ended, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET
           started_at = min(started_at, excluded.started_at), last_point_at = max(last_point_at, excluded.last_point_at),
           ended = max(ended, excluded.ended), updated_at = excluded.updated_at`,
      )
      .run(chunk.patrolId, this.townshipId, teamId, actor, first, last, chunk.final ? 1 : 0, at, at);
    this.db
      .prepare(
        `INSERT INTO patrol_chunk (id, township_id, patrol_id, seq, points_json, dropped_json, first_at, last_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(randomUUID(), this.townshipId, chunk.patrolId, chunk.seq, JSON.stringify(chunk.points), JSON.stringify(chunk.dropped), first, last, at, at);
  }

  /** Walks with a point in [from, to), each with its points in chunk order. */
  tracksBetween(from: string, to: string): (PatrolTrackRow & { points: TrackPoint[] })[] {
    const tracks = this.db
      .prepare(
        `SELECT id, team_id, actor, started_at, last_point_at, ended FROM patrol_track
         WHERE township_id = ? AND last_point_at >= ? AND started_at < ? ORDER BY started_at`,
      )
      .all(this.townshipId, from, to) as PatrolTrackRow[];
    const chunks = this.db.prepare('SELECT points_json FROM patrol_chunk WHERE patrol_id = ? ORDER BY seq');
    return tracks.map((t) => ({
      ...t,
      points: (chunks.all(t.id) as { points_json: string }[]).flatMap((c) => JSON.parse(c.points_json) as TrackPoint[]).filter((p) => p.at >= from && p.at < to),
    }));
  }
}
