import type { Database } from 'better-sqlite3';
import { ChangeFeed, type FeedRow, type FeedScope } from '../feed/changeFeed';
import { settingValueOf } from './settingsRepository';

/** One change as an area's history shows it: the record before and after (null for "did not exist"). */
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

/** A kind of record an area's history names (`entity`), and the table (and settings keys) it lives in. */
export interface AreaEntity {
  entity: string;
  table: string;
  rowIds?: readonly string[];
}

/**
 * The history of one area (deployments, rainfall) read from the change feed: every create, update
 * and delete of the area's tables and option keys, grouped by the save that made it. Options are
 * shown as their values, records as their rows.
 */
export class ChangeLog {
  private readonly feed: ChangeFeed;
  private readonly scopes: FeedScope[];

  constructor(
    db: Database,
    townshipId: string,
    private readonly entities: readonly AreaEntity[],
  ) {
    this.feed = new ChangeFeed(db, townshipId);
    this.scopes = entities.map((e) => ({ table: e.table, ...(e.rowIds ? { rowIds: e.rowIds } : {}) }));
  }

  private entityOf(r: FeedRow): AreaEntity | undefined {
    return this.entities.find((e) => e.table === r.table_name && (!e.rowIds || e.rowIds.includes(r.row_id)));
  }

  private toChange(r: FeedRow, e: AreaEntity): StoredChangeRow {
    const option = e.table === 'setting';
    const value = (json: string | null) => {
      // A soft-deleted row did not exist, as far as the area's history and undo are concerned.
      if (!option) return json !== null && (JSON.parse(json) as { deleted_at?: unknown }).deleted_at ? null : json;
      const v = settingValueOf(json);
      return v === undefined ? null : JSON.stringify(v);
    };
    return {
      id: r.change_id,
      batchId: r.batch_id,
      entity: e.entity,
      entityId: r.row_id,
      action: r.action,
      beforeJson: value(r.before_json),
      afterJson: r.op === 'delete' ? null : value(r.row_json),
      source: r.source,
      at: r.at,
    };
  }

  private mapped(rows: FeedRow[]): StoredChangeRow[] {
    return rows.flatMap((r) => {
      const e = this.entityOf(r);
      return e ? [this.toChange(r, e)] : [];
    });
  }

  /** Newest first. With `date`, only changes to records of that day. */
  recent(limit: number, date?: string): StoredChangeRow[] {
    return this.mapped(this.feed.recent({ scopes: this.scopes, ...(date ? { date } : {}) }, limit));
  }

  /**
   * Every change of the most recent batch the desk may undo, in the order made. Batches written by
   * the demo seed are not offered: an undo button must not wipe a whole demonstration season.
   */
  lastUndoableBatch(): StoredChangeRow[] {
    return this.mapped(this.feed.newestBatch({ scopes: this.scopes, excludeSources: ['demo'] }));
  }
}
