import type { Database, Statement } from 'better-sqlite3';

/** Small per-township options of the deployments and rainfall areas (kept apart from settings). */
export class WorkOptionRepository {
  private readonly upsert: Statement;
  private readonly remove: Statement;
  private readonly select: Statement;

  constructor(
    db: Database,
    private readonly townshipId: string,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO work_option (township_id, key, value_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (township_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM work_option WHERE township_id = ? AND key = ?');
    this.select = db.prepare('SELECT value_json AS json FROM work_option WHERE township_id = ? AND key = ?');
  }

  /** The stored value, or undefined when never set. */
  get(key: string): unknown {
    const row = this.select.get(this.townshipId, key) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as unknown) : undefined;
  }

  /** Store a value; undefined removes the key (so an undo can return to "never set"). */
  set(key: string, value: unknown, at: string): void {
    if (value === undefined || value === null) this.remove.run(this.townshipId, key);
    else this.upsert.run(this.townshipId, key, JSON.stringify(value), at, at);
  }
}
