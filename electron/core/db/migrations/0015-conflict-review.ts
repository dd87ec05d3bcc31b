import { randomUUID } from 'node:crypto';
import type { Migration } from './types';

/**
 * A conflict's review travels with sync. Until now a reviewer's decision (keep the current
 * version, or make the losing one again) stayed in sync_conflict on the desk that made it, so the
 * township's other desks kept listing the conflict as open, beside a "current version" that may
 * no longer be current. sync_conflict_review holds one row per decision and is an ordinary office
 * table: it enters the change feed, the county server keeps it and every desk pulls it.
 *
 * - One row per review with its own id, never changed (a trigger refuses updates): two desks that
 *   decide the same conflict while apart both keep their row, and both decisions are shown.
 * - reviewed_by is the deciding desk's installation id (its feed origin), so a desk can say
 *   本机 or 另一台电脑.
 * - Reviews made before this version are copied from sync_conflict (reviewed_at, resolution) with
 *   this desk as reviewer. Those columns are no longer written; they stay as they were.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'conflict-review',
  up(db) {
    db.exec(`
      CREATE TABLE sync_conflict_review (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        conflict_id TEXT NOT NULL,
        resolution TEXT NOT NULL CHECK (resolution IN ('kept_winner','reapplied_loser')),
        reviewed_at TEXT NOT NULL,
        reviewed_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_conflict_review_conflict ON sync_conflict_review(township_id, conflict_id, reviewed_at);
      CREATE TRIGGER sync_conflict_review_append_only
        BEFORE UPDATE ON sync_conflict_review
      BEGIN
        SELECT RAISE(ABORT, 'conflict reviews are append-only');
      END;

    `);
    const reviewed = db.prepare('SELECT id, township_id, resolution, reviewed_at FROM sync_conflict WHERE reviewed_at IS NOT NULL ORDER BY rowid').all() as { id: string; township_id: string; resolution: string; reviewed_at: string }[];
    if (reviewed.length === 0) return;
    const own = db.prepare('SELECT installation_id AS id FROM feed_state WHERE id = 1').get() as { id: string } | undefined;
    const insert = db.prepare(
      `INSERT INTO sync_conflict_review (id, township_id, conflict_id, resolution, reviewed_at, reviewed_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of reviewed) insert.run(randomUUID(), c.township_id, c.id, c.resolution, c.reviewed_at, own?.id ?? 'this-desk', c.reviewed_at, c.reviewed_at);
  },
};
