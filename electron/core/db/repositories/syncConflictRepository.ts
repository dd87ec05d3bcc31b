import type { Database } from 'better-sqlite3';

export interface StoredConflict {
  id: string;
  tableName: string;
  rowId: string;
  conflictJson: string;
  detectedAt: string;
  reviewedAt: string | null;
  resolution: 'kept_winner' | 'reapplied_loser' | null;
}

const COLUMNS = `id, table_name AS tableName, row_id AS rowId, conflict_json AS conflictJson, detected_at AS detectedAt,
  reviewed_at AS reviewedAt, resolution`;

/** The 冲突 the server reported for this township, kept until (and after) a person reviews them. */
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
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM sync_conflict WHERE township_id = ? ${includeReviewed ? '' : 'AND reviewed_at IS NULL'}
         ORDER BY detected_at DESC, id`,
      )
      .all(this.townshipId) as StoredConflict[];
  }

  get(id: string): StoredConflict | null {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM sync_conflict WHERE township_id = ? AND id = ?`).get(this.townshipId, id) as StoredConflict | undefined) ?? null;
  }

  openCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM sync_conflict WHERE township_id = ? AND reviewed_at IS NULL').get(this.townshipId) as { n: number }).n;
  }

  /** Mark reviewed, once: a second review of the same conflict changes nothing and answers false. */
  markReviewed(id: string, resolution: 'kept_winner' | 'reapplied_loser', at: string): boolean {
    const info = this.db
      .prepare('UPDATE sync_conflict SET reviewed_at = ?, resolution = ?, updated_at = ? WHERE township_id = ? AND id = ? AND reviewed_at IS NULL')
      .run(at, resolution, at, this.townshipId, id);
    return info.changes > 0;
  }
}
