import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

export interface StoredChange {
  id: string;
  batchId: string;
  key: string;
  oldJson: string | null;
  newJson: string;
  source: string;
  changedAt: string;
}

/** Key/value settings of one township, with every change kept as a history row. */
export class SettingsRepository {
  // Prepared once per repository: preparing per call tripled the cost of a bulk write (bench/write-path).
  private readonly upsert: Statement;
  private readonly insertChange: Statement;

  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO setting (township_id, key, value_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (township_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    );
    this.insertChange = db.prepare(
      `INSERT INTO setting_change (id, township_id, batch_id, key, old_json, new_json, source, changed_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** All stored values, parsed from JSON. */
  readAll(): Map<string, unknown> {
    const rows = this.db
      .prepare('SELECT key, value_json FROM setting WHERE township_id = ?')
      .all(this.townshipId) as { key: string; value_json: string }[];
    return new Map(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]));
  }

  /**
   * Write one value and its history row (old → new, in one save's batch). The caller wraps a
   * save's writes in one transaction.
   */
  write(change: { key: string; oldValue: unknown; newValue: unknown; batchId: string; source: string; at: string }): void {
    const newJson = JSON.stringify(change.newValue);
    this.upsert.run(this.townshipId, change.key, newJson, change.at, change.at);
    this.insertChange.run(
        randomUUID(),
        this.townshipId,
        change.batchId,
        change.key,
        change.oldValue === undefined ? null : JSON.stringify(change.oldValue),
        newJson,
        change.source,
        change.at,
        change.at,
        change.at,
      );
  }

  /** Newest changes first (insertion order breaks ties within the same millisecond). */
  history(limit: number): StoredChange[] {
    return this.db
      .prepare(
        `SELECT id, batch_id AS batchId, key, old_json AS oldJson, new_json AS newJson, source, changed_at AS changedAt
         FROM setting_change WHERE township_id = ? ORDER BY rowid DESC LIMIT ?`,
      )
      .all(this.townshipId, limit) as StoredChange[];
  }

  /** Every change of the most recent save. */
  lastBatch(): StoredChange[] {
    const newest = this.history(1)[0];
    if (!newest) return [];
    return this.db
      .prepare(
        `SELECT id, batch_id AS batchId, key, old_json AS oldJson, new_json AS newJson, source, changed_at AS changedAt
         FROM setting_change WHERE township_id = ? AND batch_id = ? ORDER BY rowid`,
      )
      .all(this.townshipId, newest.batchId) as StoredChange[];
  }
}
