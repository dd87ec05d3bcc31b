import type { Database } from 'better-sqlite3';

/** One reviewer's decision on a conflict (sync_conflict_review: synced, one row per decision). */
export interface StoredReview {
  resolution: 'kept_winner' | 'reapplied_loser';
  reviewedAt: string;
  /** The deciding desk's installation id. */
  reviewedBy: string;
}

export interface StoredConflict {
  id: string;
  tableName: string;
  rowId: string;
  conflictJson: string;
  detectedAt: string;
  /** Every decision on it, from any desk of the township, oldest first. */
  reviews: StoredReview[];
}

const COLUMNS = `c.id, c.table_name AS tableName, c.row_id AS rowId, c.conflict_json AS conflictJson, c.detected_at AS detectedAt,
  (SELECT json_group_array(json_object('resolution', r.resolution, 'reviewedAt', r.reviewed_at, 'reviewedBy', r.reviewed_by))
     FROM (SELECT resolution, reviewed_at, reviewed_by FROM sync_conflict_review
           WHERE township_id = c.township_id AND conflict_id = c.id ORDER BY reviewed_at, id) r) AS reviewsJson`;
const UNREVIEWED = 'NOT EXISTS (SELECT 1 FROM sync_conflict_review r WHERE r.township_id = c.township_id AND r.conflict_id = c.id)';

type Row = Omit<StoredConflict, 'reviews'> & { reviewsJson: string };
const stored = ({ reviewsJson, ...rest }: Row): StoredConflict => ({ ...rest, reviews: JSON.parse(reviewsJson) as StoredReview[] });

/**
 * The 冲突 the server reported for this township, kept until (and after) a person reviews them.
 * A conflict is open while no desk of the township has reviewed it; reviews are written through
 * the change feed (services/sync/conflicts.ts), so they reach the other desks.
 */
export class SyncConflictRepository {
  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {}

  /** Record a conflict the server sent; one pulled again is ignored. Answers whether it was new. */
  record(c: { id: string; tableName: string; rowId: string; conflictJson: string; at: string }): boolean {
    const info = this.db
      .prepare(
        `INSERT INTO sync_conflict (id, township_id, table_name, row_id, conflict_json, detected_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(c.id, this.townshipId, c.tableName, c.rowId, c.conflictJson, c.at, c.at, c.at);
    return info.changes > 0;
  }

  /** Newest first; reviewed ones only when asked. */
  list(includeReviewed: boolean): StoredConflict[] {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM sync_conflict c WHERE c.township_id = ? ${includeReviewed ? '' : `AND ${UNREVIEWED}`} ORDER BY c.detected_at DESC, c.id`)
      .all(this.townshipId) as Row[];
    return rows.map(stored);
  }

  get(id: string): StoredConflict | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM sync_conflict c WHERE c.township_id = ? AND c.id = ?`).get(this.townshipId, id) as Row | undefined;
    return row ? stored(row) : null;
  }

  openCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM sync_conflict c WHERE c.township_id = ? AND ${UNREVIEWED}`).get(this.townshipId) as { n: number }).n;
  }
}
