import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/** The change-log tables of migration 0003; each has the same columns. */
export type ChangeTable = 'deployment_change' | 'rain_change';

export interface StoredChangeRow {
  id: string;
  batchId: string;
  entity: string;
  entityId: string;
  action: string;
  beforeJson: string | null;
  afterJson: string | null;
  source: string;
  at: string;
}

export interface ChangeInput {
  batchId: string;
  entity: string;
  entityId: string;
  action: 'create' | 'update' | 'delete' | 'undo' | 'import' | 'set';
  before: unknown;
  after: unknown;
  source: string;
  at: string;
}

const COLUMNS = `id, batch_id AS batchId, entity, entity_id AS entityId, action, before_json AS beforeJson,
  after_json AS afterJson, source, at`;

/**
 * An append-only history of one area: every create, update and delete is a row with the record
 * before and after (null for "did not exist"), grouped by the save that made it.
 */
export class ChangeLog {
  private readonly insert: Statement;

  constructor(
    private readonly db: Database,
    private readonly table: ChangeTable,
    private readonly townshipId: string,
  ) {
    this.insert = db.prepare(
      `INSERT INTO ${table} (id, township_id, batch_id, entity, entity_id, action, before_json, after_json, source, at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Record one change; the caller wraps a save in one transaction. */
  add(c: ChangeInput): void {
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
    this.insert.run(randomUUID(), this.townshipId, c.batchId, c.entity, c.entityId, c.action, json(c.before), json(c.after), c.source, c.at, c.at, c.at);
  }

  /** Newest first; insertion order breaks ties. With `date`, only changes to records of that day. */
  recent(limit: number, date?: string): StoredChangeRow[] {
    if (date) {
      return this.db
        .prepare(
          `SELECT ${COLUMNS} FROM ${this.table} WHERE township_id = ?
             AND (json_extract(before_json, '$.date') = ? OR json_extract(after_json, '$.date') = ?)
           ORDER BY rowid DESC LIMIT ?`,
        )
        .all(this.townshipId, date, date, limit) as StoredChangeRow[];
    }
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM ${this.table} WHERE township_id = ? ORDER BY rowid DESC LIMIT ?`)
      .all(this.townshipId, limit) as StoredChangeRow[];
  }

  /**
   * Every change of the most recent batch the desk may undo, in the order made. Batches written by
   * the demo seed are not offered: an undo button must not wipe a whole demonstration season.
   */
  lastUndoableBatch(): StoredChangeRow[] {
    const newest = this.db
      .prepare(`SELECT batch_id AS batchId FROM ${this.table} WHERE township_id = ? AND source <> 'demo' ORDER BY rowid DESC LIMIT 1`)
      .get(this.townshipId) as { batchId: string } | undefined;
    if (!newest) return [];
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM ${this.table} WHERE township_id = ? AND batch_id = ? ORDER BY rowid`)
      .all(this.townshipId, newest.batchId) as StoredChangeRow[];
  }
}
