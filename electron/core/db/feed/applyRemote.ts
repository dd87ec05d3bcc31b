import { changeEntrySchema, type ChangeEntry } from '../../../../shared/contract/changeFeed';
import { AppError } from '../../../../shared/contract/errors';
import { compareHlc } from '../../../../shared/sync/hlc';
import type { ChangeFeed, Row } from './changeFeed';
import { LOCAL_COLUMNS, rowKeyColumn, type TableShape } from './tables';

/** What became of a change from elsewhere: applied, already here, or older than what this row has. */
export type ApplyResult = 'applied' | 'duplicate' | 'older';

const refuse = (zh: string, en: string, details?: unknown) => new AppError('invalid_input', { zh: `同步变更被拒绝：${zh}`, en: `Sync change refused: ${en}` }, details);

/** A JSON value as SQLite stores it; objects and arrays are never column values here. */
function bindable(table: string, column: string, v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' || typeof v === 'number') return v;
  throw refuse(`${table}.${column} 的值不是文本或数字`, `${table}.${column} is not text or a number`, { table, column });
}

/** Check the entry names a real table, its real columns, this township and the row it says. */
function check(feed: ChangeFeed, e: ChangeEntry): TableShape {
  if (e.townshipId !== feed.townshipId) throw refuse(`属于另一个乡镇（${e.townshipId}）`, `it belongs to another township (${e.townshipId})`);
  const shape = feed.shapes.require(e.table);
  const keyCol = rowKeyColumn(shape);
  if (e.op !== 'delete' && !e.row) throw refuse('新增或修改缺少行内容', 'an insert or update carries no row');
  if (!e.row) return shape;
  const unknown = Object.keys(e.row).filter((c) => !shape.columns.has(c));
  if (unknown.length) throw refuse(`表 ${e.table} 没有列 ${unknown.join('、')}`, `table ${e.table} has no column ${unknown.join(', ')}`, { table: e.table, columns: unknown });
  if (e.row[keyCol] !== undefined && String(e.row[keyCol]) !== e.rowId) throw refuse(`行编号与内容不符（${e.rowId}）`, `row id ${e.rowId} does not match the row`);
  if (shape.township && e.row.township_id !== undefined && e.row.township_id !== e.townshipId) throw refuse('行属于另一个乡镇', 'the row belongs to another township');
  return shape;
}

function keyWhere(shape: TableShape): string {
  const col = rowKeyColumn(shape);
  return shape.key.length === 1 ? `${col} = @__key` : `township_id = @__township AND ${col} = @__key`;
}

/** Write the row as given: insert it, or update the columns that differ (append-only tables refuse any other edit). */
function upsert(feed: ChangeFeed, shape: TableShape, e: ChangeEntry, before: Row | null): void {
  const local = new Set(LOCAL_COLUMNS[shape.name] ?? []);
  const row = { ...e.row! };
  if (shape.township && row.township_id === undefined) row.township_id = e.townshipId;
  row[rowKeyColumn(shape)] = e.rowId;
  const cols = Object.keys(row).filter((c) => !local.has(c) && (!before || JSON.stringify(before[c] ?? null) !== JSON.stringify(row[c] ?? null)));
  if (cols.length === 0) return;
  const values = Object.fromEntries(cols.map((c) => [c, bindable(shape.name, c, row[c])]));
  if (before) {
    feed.db
      .prepare(`UPDATE ${shape.name} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE ${keyWhere(shape)}`)
      .run({ ...values, __key: e.rowId, __township: e.townshipId });
  } else {
    feed.db.prepare(`INSERT INTO ${shape.name} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(values);
  }
}

/** A tombstone: soft-delete where the table keeps deleted rows, remove the row where it does not. */
function tombstone(feed: ChangeFeed, shape: TableShape, e: ChangeEntry): void {
  const args = { __key: e.rowId, __township: e.townshipId, at: e.at };
  if (shape.softDelete) {
    const stamp = shape.columns.has('updated_at') ? ', updated_at = @at' : '';
    feed.db.prepare(`UPDATE ${shape.name} SET deleted_at = @at${stamp} WHERE ${keyWhere(shape)} AND deleted_at IS NULL`).run(args);
  } else {
    feed.db.prepare(`DELETE FROM ${shape.name} WHERE ${keyWhere(shape)}`).run(args);
  }
}

const VERB = { insert: 'create', update: 'update', delete: 'delete' } as const;

/**
 * Apply a change made elsewhere, in one transaction: refuse unknown tables and columns (AppError),
 * skip a change already in the feed ('duplicate') or older than the newest change of its row
 * ('older', not applied), otherwise write the row (or the tombstone), append the entry with its own
 * change id, origin and clock, and move the local clock past it ('applied').
 */
export function applyRemoteEntry(feed: ChangeFeed, raw: ChangeEntry): ApplyResult {
  const parsed = changeEntrySchema.safeParse(raw);
  if (!parsed.success) throw refuse('格式不正确', 'it is not a change entry', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  const e = parsed.data;
  return feed.db.transaction((): ApplyResult => {
    if (feed.has(e.changeId)) return 'duplicate';
    const shape = check(feed, e);
    const latest = feed.latestClock(e.table, e.rowId);
    if (latest !== null && compareHlc(latest, e.hlc) > 0) return 'older';
    try {
      feed.clock.receive(e.hlc);
    } catch (error) {
      throw refuse('时钟比本机时间快一天以上，请检查对方电脑的日期', 'its clock is more than a day ahead of this PC; check that PC\'s date', { hlc: e.hlc, reason: String(error) });
    }
    const before = feed.current(e.table, e.rowId);
    try {
      if (e.op === 'delete') tombstone(feed, shape, e);
      else upsert(feed, shape, e, before);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw refuse(`写入 ${e.table} 失败：${(error as Error).message}`, `writing ${e.table} failed: ${(error as Error).message}`, { table: e.table, rowId: e.rowId });
    }
    feed.appendRow({
      change_id: e.changeId,
      township_id: e.townshipId,
      table_name: e.table,
      row_id: e.rowId,
      op: e.op,
      row_json: e.row ? JSON.stringify(e.row) : null,
      before_json: before ? JSON.stringify(before) : null,
      hlc: e.hlc,
      base_hlc: e.baseHlc,
      origin: e.origin,
      batch_id: e.batchId,
      source: e.source,
      action: VERB[e.op],
      at: e.at,
      undoes_batch: null,
      undone_by: null,
      syncable: 1,
    });
    return 'applied';
  })();
}
