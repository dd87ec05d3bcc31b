import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export interface StoredChange {
  id: string;
  key: string;
  oldJson: string | null;
  newJson: string;
  source: string;
  changedAt: string;
}

/** Key/value settings of one township, with every change kept as a history row. */
export class SettingsRepository {
  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {}

  /** All stored values, parsed from JSON. */
  readAll(): Map<string, unknown> {
    const rows = this.db
      .prepare('SELECT key, value_json FROM setting WHERE township_id = ?')
      .all(this.townshipId) as { key: string; value_json: string }[];
    return new Map(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]));
  }

  /** Write one value and its history row. The caller wraps several in one transaction. */
  write(key: string, value: unknown, source: string, at: string): void {
    const old = this.db
      .prepare('SELECT value_json FROM setting WHERE township_id = ? AND key = ?')
      .get(this.townshipId, key) as { value_json: string } | undefined;
    const newJson = JSON.stringify(value);
    if (old?.value_json === newJson) return;
    this.db
      .prepare(
        `INSERT INTO setting (township_id, key, value_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (township_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      )
      .run(this.townshipId, key, newJson, at, at);
    this.recordChange(key, old?.value_json ?? null, newJson, source, at);
  }

  /** Append one history row. */
  recordChange(key: string, oldJson: string | null, newJson: string, source: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO setting_change (id, township_id, key, old_json, new_json, source, changed_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(randomUUID(), this.townshipId, key, oldJson, newJson, source, at, at, at);
  }

  /** Newest changes first. */
  history(limit: number): StoredChange[] {
    return this.db
      .prepare(
        `SELECT id, key, old_json AS oldJson, new_json AS newJson, source, changed_at AS changedAt
         FROM setting_change WHERE township_id = ? ORDER BY changed_at DESC, rowid DESC LIMIT ?`,
      )
      .all(this.townshipId, limit) as StoredChange[];
  }
}
