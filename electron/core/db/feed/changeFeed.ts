import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { ChangeEntry, ChangeOp } from '../../../../shared/contract/changeFeed';
import { FeedClock } from './clock';
import { applyRemoteEntry, type ApplyResult } from './applyRemote';
import { connectionCache, type ConnectionCache } from './statements';
import { rowKeyColumn, type ShapeCache, type TableShape } from './tables';
import { storedRow } from './bulkShape';
import { insertRows } from './multiRow';
import { byReferenceDateSql, materialiseRows } from './rowsByReference';
import { orderedUuids } from '../orderedIds';
import { timed, type PhaseTimer } from '../../phaseTimer';

/** A stored row: column name → value. */
export type Row = Record<string, unknown>;

/**
 * New rows completed as stored: their values one row after another, each in table column order
 * (one flat array: it crosses from the import worker as one object, not one per row), and how
 * many rows that is. Their feed entries carry them by reference (rowsByReference.ts).
 */
export interface StoredRows {
  values: readonly unknown[];
  count: number;
}

/** What every write says about itself: the save it belongs to, where it came from, when, and the verb history shows. */
export interface WriteMeta {
  batchId: string;
  source: string;
  at: string;
  /** The domain verb shown in history: create, update, delete, import, set, save, undo, … */
  action: string;
  /** For an undo: the batch it takes back. */
  undoesBatch?: string | null;
}

/** One feed row as stored. */
export interface FeedRow {
  seq: number;
  change_id: string;
  township_id: string;
  table_name: string;
  row_id: string;
  op: ChangeOp;
  /** The row after the change; for a by-reference entry NULL as stored and filled in by every read here. */
  row_json: string | null;
  before_json: string | null;
  hlc: string;
  base_hlc: string | null;
  origin: string;
  batch_id: string;
  source: string;
  action: string;
  at: string;
  undoes_batch: string | null;
  undone_by: string | null;
  syncable: number;
  /** 1: a bulk insert's entry whose row is the row in its table until its next entry (migration 0016). */
  row_by_ref: number;
}

/** One row a feed entry changed: enough for a cache to know what to refetch. */
export interface FeedTouch {
  seq: number;
  table: string;
  rowId: string;
  op: ChangeOp;
}

/** A table, or some rows of it (settings keys of one area, say), that a history view covers. */
export interface FeedScope {
  table: string;
  rowIds?: readonly string[];
}

/** Which entries a history view or an undo looks at. */
export interface FeedQuery {
  scopes: readonly FeedScope[];
  /** Leave out entries of these sources (the demo seed is not offered for undo). */
  excludeSources?: readonly string[];
  /** Leave out entries already undone, and undo entries themselves. */
  undoable?: boolean;
  /** Only entries with one of these verbs. */
  actions?: readonly string[];
  /** Only entries whose row, before or after, has this `date` column value (one day's records). */
  date?: string;
}

const HIDDEN = "action <> 'snapshot'";

/**
 * The change feed of one township: the one mutation path every repository writes through, the
 * history and undo every service reads, and the API a sync uses (see the core README, "Change feed").
 *
 * Writing: inside the caller's transaction, `write(table, rowId, meta, fn)` reads the row, runs the
 * repository's own SQL, reads the row back (every column, so columns added later are carried
 * without code here knowing them) and appends one entry: insert / update / delete (a soft delete
 * or a removed row is a tombstone), with the row before kept locally for undo. New rows in bulk
 * (an import): `insertMany(table, rows, meta)`, which builds each row as stored instead of reading it.
 *
 * Sync: `since(seq, limit)`, `pendingCount(afterSeq)`, `latestClock(table, rowId)` and
 * `applyRemote(entry)`.
 */
export class ChangeFeed {
  readonly shapes: ShapeCache;
  readonly clock: FeedClock;
  private readonly cache: ConnectionCache;

  constructor(
    readonly db: Database,
    readonly townshipId: string,
  ) {
    this.cache = connectionCache(db);
    this.shapes = this.cache.shapes;
    this.clock = new FeedClock(this.cache);
  }

  private stmt(key: string, sql: () => string): Statement {
    return this.cache.stmt(`feed:${key}`, sql);
  }

  /** The row as stored now, or null. */
  current(table: string, rowId: string): Row | null {
    const shape = this.shapes.require(table);
    const col = rowKeyColumn(shape);
    if (shape.key.length === 1) return (this.stmt(`get:${table}`, () => `SELECT * FROM ${table} WHERE ${col} = ?`).get(rowId) as Row | undefined) ?? null;
    return (this.stmt(`get2:${table}`, () => `SELECT * FROM ${table} WHERE township_id = ? AND ${col} = ?`).get(this.townshipId, rowId) as Row | undefined) ?? null;
  }

  /**
   * Run one repository write of one row and append its entry. Returns the row after the change
   * (null when it was removed). A write that changed nothing appends nothing.
   */
  write(table: string, rowId: string, meta: WriteMeta, fn: () => void): Row | null {
    const before = this.current(table, rowId);
    fn();
    return this.record(table, rowId, before, meta);
  }

  /** Append the entry for a row the caller has just written (`before`: the row as it was, null if new). */
  record(table: string, rowId: string, before: Row | null, meta: WriteMeta): Row | null {
    const shape = this.shapes.require(table);
    const after = this.current(table, rowId);
    const op = opOf(shape, before, after);
    if (op === null) return after;
    const clock = this.clock.tick();
    this.appendRow({
      change_id: randomUUID(),
      township_id: this.townshipId,
      table_name: table,
      row_id: rowId,
      op,
      row_json: op === 'delete' ? null : JSON.stringify(after),
      before_json: before ? JSON.stringify(before) : null,
      hlc: clock.hlc,
      base_hlc: op === 'insert' ? null : this.latestClock(table, rowId),
      origin: clock.origin,
      batch_id: meta.batchId,
      source: meta.source,
      action: meta.action,
      at: meta.at,
      undoes_batch: meta.undoesBatch ?? null,
      undone_by: null,
      syncable: 1,
    });
    return after;
  }

  /**
   * Insert new rows of one table with their feed entries, in bulk, inside the caller's
   * transaction: each row is completed in JS as SQLite will store it (every column in table order,
   * declared defaults filled in, values checked against the STRICT types, self-writing triggers
   * kept quiet: bulkShape.ts), so nothing is read back. Multi-row INSERTs for the table and for the
   * feed (multiRow.ts), one clock read. A row whose key exists already fails the whole batch. Returns the
   * rows as stored (and as the feed's readers give them back). `timer` splits the time into `sql` and `feed`.
   */
  insertMany(table: string, rows: readonly Row[], meta: WriteMeta, timer?: PhaseTimer): Row[] {
    const bulk = this.shapes.bulk(table);
    const names = bulk.columns.map((c) => c.name);
    const stored = timed(timer, 'sql', () => rows.map((r) => storedRow(bulk, r)));
    const values: unknown[] = [];
    for (const r of stored) for (const n of names) values.push(r[n]);
    this.insertStored(table, { values, count: stored.length }, meta, timer);
    return stored;
  }

  /**
   * insertMany for rows already completed elsewhere (the import worker builds them with the same
   * storedRow against this table's bulk shape): each row's values in column order. Inside the
   * caller's transaction. The entries carry no copy of the rows: each is marked `row_by_ref` and
   * read back from its table, or from the row's next entry (rowsByReference.ts), so the rows of
   * tables keyed by township and key (never bulk-inserted) are refused here.
   */
  insertStored(table: string, rows: StoredRows, meta: WriteMeta, timer?: PhaseTimer): void {
    if (!this.db.inTransaction) throw new Error('ChangeFeed.insertStored runs inside the caller\'s transaction');
    const shape = this.shapes.require(table);
    const bulk = this.shapes.bulk(table);
    const names = bulk.columns.map((c) => c.name);
    const width = names.length;
    const keyAt = names.indexOf(rowKeyColumn(shape));
    const townshipAt = names.indexOf('township_id');
    if (shape.key.length !== 1) throw new Error(`ChangeFeed.insertStored: ${table} is keyed by township and key; write its rows one by one`);
    const count = rows.count;
    if (rows.values.length !== count * width) throw new Error(`ChangeFeed.insertStored: ${table} rows do not fit its columns`);
    for (let i = 0; shape.township && i < count; i++) if (rows.values[i * width + townshipAt] !== this.townshipId) throw new Error(`ChangeFeed.insertMany: a ${table} row of another township`);
    timed(timer, 'sql', () => {
      const insert = { key: `feed:bulk:${table}`, head: `INSERT INTO ${table} (${names.join(', ')})`, tuple: `(${names.map(() => '?').join(', ')})`, width };
      insertRows(this.cache.stmt, insert, count, (i, values, at) => {
        for (let c = 0, from = i * width; c < width; c++) values[at + c] = rows.values[from + c];
      });
    });
    timed(timer, 'feed', () => {
      const { hlcs, origin } = this.clock.tickMany(count);
      const changeId = orderedUuids();
      const undoes = meta.undoesBatch ?? null;
      const append = {
        key: 'feed:appendInsert',
        head: `INSERT INTO change_feed (change_id, township_id, table_name, row_id, op, row_json, before_json, hlc, base_hlc, origin,
                 batch_id, source, action, at, undoes_batch, undone_by, syncable, row_by_ref)`,
        tuple: "(?, ?, ?, ?, 'insert', NULL, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, NULL, 1, 1)",
        width: 11,
      };
      insertRows(this.cache.stmt, append, count, (i, v, at) => {
        v[at] = changeId();
        v[at + 1] = this.townshipId;
        v[at + 2] = table;
        v[at + 3] = String(rows.values[i * width + keyAt]);
        v[at + 4] = hlcs[i];
        v[at + 5] = origin;
        v[at + 6] = meta.batchId;
        v[at + 7] = meta.source;
        v[at + 8] = meta.action;
        v[at + 9] = meta.at;
        v[at + 10] = undoes;
      });
    });
  }

  /** Append one entry as given, with its own copy of the row (used by record and by applyRemote). */
  appendRow(row: Omit<FeedRow, 'seq' | 'row_by_ref'>): number {
    return Number(
      this.stmt(
        'append',
        () => `INSERT INTO change_feed (change_id, township_id, table_name, row_id, op, row_json, before_json, hlc, base_hlc, origin,
                 batch_id, source, action, at, undoes_batch, undone_by, syncable)
               VALUES (@change_id, @township_id, @table_name, @row_id, @op, @row_json, @before_json, @hlc, @base_hlc, @origin,
                 @batch_id, @source, @action, @at, @undoes_batch, @undone_by, @syncable)`,
      ).run(row).lastInsertRowid,
    );
  }

  /** Fill in the rows of by-reference entries (rowsByReference.ts); every read of entries here does. */
  materialise<T extends FeedRow>(rows: T[]): T[] {
    return materialiseRows(this.cache, rows);
  }

  // ---- history and undo ----

  private where(q: FeedQuery): { sql: string; args: unknown[] } {
    const args: unknown[] = [this.townshipId];
    const scopes = q.scopes.map((s) => {
      args.push(s.table);
      if (!s.rowIds) return '(table_name = ?)';
      args.push(...s.rowIds);
      return `(table_name = ? AND row_id IN (${s.rowIds.map(() => '?').join(', ') || 'NULL'}))`;
    });
    const parts = ['township_id = ?', `(${scopes.join(' OR ') || 'FALSE'})`, HIDDEN];
    if (q.excludeSources?.length) {
      parts.push(`source NOT IN (${q.excludeSources.map(() => '?').join(', ')})`);
      args.push(...q.excludeSources);
    }
    if (q.undoable) parts.push('undone_by IS NULL AND undoes_batch IS NULL');
    if (q.actions) {
      parts.push(`action IN (${q.actions.map(() => '?').join(', ')})`);
      args.push(...q.actions);
    }
    if (q.date !== undefined) {
      // A by-reference entry's row is not in row_json: its date is read where the row is (rowsByReference.ts).
      const byRef = q.scopes.map((s) => this.shapes.require(s.table)).filter((t) => t.columns.has('date') && t.key.length === 1);
      parts.push(`(json_extract(before_json, '$.date') = ? OR json_extract(row_json, '$.date') = ?${byRef.map((t) => ` OR (row_by_ref = 1 AND ${byReferenceDateSql(t.name, t.key[0]!)})`).join('')})`);
      args.push(q.date, q.date, ...byRef.map(() => q.date));
    }
    return { sql: parts.join(' AND '), args };
  }

  /** Entries of the chosen tables, newest first. */
  recent(q: FeedQuery, limit: number): FeedRow[] {
    const w = this.where(q);
    return this.materialise(this.db.prepare(`SELECT * FROM change_feed WHERE ${w.sql} ORDER BY seq DESC LIMIT ?`).all(...w.args, limit) as FeedRow[]);
  }

  /** The newest batch among the chosen entries, oldest entry first (empty when there is none). */
  newestBatch(q: FeedQuery): FeedRow[] {
    const newest = this.recent(q, 1)[0];
    return newest ? this.batch(newest.batch_id) : [];
  }

  /** Every entry of one save, in the order made. */
  batch(batchId: string): FeedRow[] {
    return this.materialise(this.stmt('batch', () => 'SELECT * FROM change_feed WHERE batch_id = ? AND township_id = ? ORDER BY seq').all(batchId, this.townshipId) as FeedRow[]);
  }

  /** Mark a batch as taken back by an undo batch (the one edit the feed allows, once). */
  markUndone(batchId: string, undoBatchId: string): void {
    this.stmt('undone', () => 'UPDATE change_feed SET undone_by = ? WHERE batch_id = ? AND undone_by IS NULL').run(undoBatchId, batchId);
  }

  // ---- sync ----

  /** Entries after `seq` in local order, as the wire form (legacy history rows are not replayable and are left out). */
  since(seq: number, limit: number): { seq: number; entry: ChangeEntry }[] {
    const objects = new Map<number, Row>();
    const rows = materialiseRows(this.cache, this.stmt('since', () => 'SELECT * FROM change_feed WHERE seq > ? AND syncable = 1 ORDER BY seq LIMIT ?').all(seq, limit) as FeedRow[], objects);
    return rows.map((r) => ({ seq: r.seq, entry: toEntry(r, objects.get(r.seq)) }));
  }

  /** How many replayable entries there are after `afterSeq`. */
  pendingCount(afterSeq: number): number {
    return (this.stmt('pending', () => 'SELECT count(*) AS n FROM change_feed WHERE seq > ? AND syncable = 1').get(afterSeq) as { n: number }).n;
  }

  /** The newest seq (0 for an empty feed). */
  lastSeq(): number {
    return (this.stmt('lastSeq', () => 'SELECT coalesce(max(seq), 0) AS s FROM change_feed').get() as { s: number }).s;
  }

  /**
   * Which rows of these tables changed after `afterSeq` (local, undone and synced-in writes alike,
   * from any connection), oldest first: what an in-memory cache patches itself from. Reads only
   * the feed's ids, never the row bodies.
   */
  touchedSince(afterSeq: number, tables: readonly string[]): FeedTouch[] {
    if (tables.length === 0) return [];
    const marks = tables.map(() => '?').join(', ');
    // `+table_name` keeps SQLite on the seq range: by the (table_name, row_id, seq) index it read
    // every entry the tables ever had (all 50,000 of an import) to find the few written since.
    return this.stmt(`touched:${tables.join(',')}`, () => `SELECT seq, table_name AS "table", row_id AS rowId, op FROM change_feed WHERE seq > ? AND +table_name IN (${marks}) ORDER BY seq`).all(afterSeq, ...tables) as FeedTouch[];
  }

  /**
   * The latest clock of any change to this row, or null when the feed has none. A row's clocks
   * rise with seq (a local clock is later than all it has made or seen; a remote entry is applied
   * only when not older), so the newest entry holds it: one index step, however long the history.
   */
  latestClock(table: string, rowId: string): string | null {
    const row = this.stmt('latest', () => 'SELECT hlc FROM change_feed WHERE table_name = ? AND row_id = ? ORDER BY seq DESC LIMIT 1').get(table, rowId) as { hlc: string } | undefined;
    return row?.hlc ?? null;
  }

  /** Whether an entry with this change id is in the feed. */
  has(changeId: string): boolean {
    return this.stmt('has', () => 'SELECT 1 FROM change_feed WHERE change_id = ?').get(changeId) !== undefined;
  }

  /** Apply a change made elsewhere (see applyRemote.ts); the caller need not hold a transaction. */
  applyRemote(entry: ChangeEntry): ApplyResult {
    return applyRemoteEntry(this, entry);
  }
}

function opOf(shape: TableShape, before: Row | null, after: Row | null): ChangeOp | null {
  if (!after) return before ? 'delete' : null;
  if (!before) return 'insert';
  if (shape.softDelete && before.deleted_at == null && after.deleted_at != null) return 'delete';
  return JSON.stringify(before) === JSON.stringify(after) ? null : 'update';
}

/**
 * A stored entry as it crosses the wire (a by-reference entry once materialised: ChangeFeed.materialise,
 * or its row given as read from its table).
 */
export function toEntry(r: FeedRow, row?: Row): ChangeEntry {
  if (row && r.op !== 'delete') return { ...toEntry({ ...r, row_json: '{}' }), row };
  if (r.row_by_ref === 1 && r.row_json === null) throw new Error(`change feed: entry ${r.change_id} sent before its row was read from ${r.table_name}`);
  return {
    changeId: r.change_id,
    townshipId: r.township_id,
    table: r.table_name,
    rowId: r.row_id,
    op: r.op,
    row: r.op === 'delete' || r.row_json === null ? null : (JSON.parse(r.row_json) as Record<string, unknown>),
    hlc: r.hlc,
    baseHlc: r.base_hlc,
    origin: r.origin,
    batchId: r.batch_id,
    source: r.source,
    at: r.at,
  };
}
