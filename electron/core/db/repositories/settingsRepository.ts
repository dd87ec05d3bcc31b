import type { Database, Statement } from 'better-sqlite3';
import { ChangeFeed, type FeedRow, type WriteMeta } from '../feed/changeFeed';

/** A setting's value as a feed entry holds it (the `setting` row's value_json), parsed; undefined when absent. */
export function settingValueOf(json: string | null): unknown {
  if (json === null) return undefined;
  const row = JSON.parse(json) as { value_json?: string };
  return row.value_json === undefined ? undefined : (JSON.parse(row.value_json) as unknown);
}

/**
 * The one settings store of a township: one row per key with its JSON value (typed keys live in
 * services/settings/registry.ts). Every write goes through the change feed, which is its history.
 */
export class SettingsRepository {
  // Prepared once per repository: preparing per call tripled the cost of a bulk write (bench/write-path).
  private readonly upsert: Statement;
  private readonly remove: Statement;
  private readonly all: Statement;
  readonly feed: ChangeFeed;

  constructor(db: Database, private readonly townshipId: string) {
    this.upsert = db.prepare(
      `INSERT INTO setting (township_id, key, value_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (township_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM setting WHERE township_id = ? AND key = ?');
    this.all = db.prepare('SELECT key, value_json FROM setting WHERE township_id = ?');
    this.feed = new ChangeFeed(db, townshipId);
  }

  /** All stored values, parsed from JSON. */
  readAll(): Map<string, unknown> {
    const rows = this.all.all(this.townshipId) as { key: string; value_json: string }[];
    return new Map(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]));
  }

  /**
   * Write one value with its feed entry (undefined removes the key, so it takes its default again).
   * The caller wraps a save's writes in one transaction.
   */
  write(key: string, value: unknown, meta: WriteMeta): void {
    this.feed.write('setting', key, meta, () => {
      if (value === undefined) this.remove.run(this.townshipId, key);
      else this.upsert.run(this.townshipId, key, JSON.stringify(value), meta.at, meta.at);
    });
  }

  /** Changes of these keys, newest first. */
  history(keys: readonly string[], limit: number): FeedRow[] {
    return this.feed.recent({ scopes: [{ table: 'setting', rowIds: keys }] }, limit);
  }

  /** Every change of the newest save that touched these keys. */
  lastBatch(keys: readonly string[]): FeedRow[] {
    return this.feed.newestBatch({ scopes: [{ table: 'setting', rowIds: keys }] }).filter((c) => c.table_name === 'setting' && keys.includes(c.row_id));
  }
}
