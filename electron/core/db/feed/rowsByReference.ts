import type { ConnectionCache } from './statements';
import type { FeedRow } from './changeFeed';

/**
 * Feed entries that carry their row by reference (issue 15, migration 0016): a bulk insert's entry
 * stores no copy of the row (`row_json` NULL, `row_by_ref` 1). The row as inserted is the row in
 * its table until that row's next entry, and every later entry keeps the row before it
 * (`before_json`: edits, soft and hard deletes, undos, rows applied from a sync), so the row as
 * inserted is the next entry's `before_json` when there is one, else the row as stored now.
 *
 * What that rests on: every write of an office row goes through the feed. The one write outside it,
 * TownshipRepository.adoptId, changes only `township_id`; the entry's own township is put back.
 * A migration that rewrites stored values of office rows must append feed entries for them (a
 * column added by a migration simply appears, with the value the migration gave it, the way the
 * snapshot entries of 0007 show rows).
 */

/** Whether an entry's row lives in its table rather than in the feed. */
export function isByReference(r: Pick<FeedRow, 'row_by_ref'>): boolean {
  return r.row_by_ref === 1;
}

/**
 * Fill in `row_json` of the by-reference entries among `rows` (in place; returns `rows`), byte for
 * byte the JSON.stringify of the row as it was stored. Per table, one query for the next entries'
 * before_json and one for the rows still as inserted, however many entries: a sync push of an
 * import reads a page of entries at a time and must stay as fast as reading stored copies.
 */
export function materialiseRows<T extends FeedRow>(cache: ConnectionCache, rows: T[], objects?: Map<number, Record<string, unknown>>): T[] {
  const byTable = new Map<string, T[]>();
  for (const r of rows) {
    if (!isByReference(r) || r.row_json !== null) continue;
    const list = byTable.get(r.table_name);
    if (list) list.push(r);
    else byTable.set(r.table_name, [r]);
  }
  for (const [table, entries] of byTable) materialiseTable(cache, table, entries, objects);
  return rows;
}

/** Only text, numbers and NULL: such a row read from SQLite is what JSON.parse of its JSON gives. */
const plain = (row: Record<string, unknown>) => Object.values(row).every((v) => v === null || typeof v !== 'object');

/**
 * `objects`, when given (a sync page, which parses every row again), takes the rows still in their
 * table as the objects read, seq → row, instead of their JSON: the same values without a
 * stringify and a parse of every row. Such an entry's `row_json` stays NULL.
 */
function materialiseTable(cache: ConnectionCache, table: string, entries: FeedRow[], objects?: Map<number, Record<string, unknown>>): void {
  const shape = cache.shapes.require(table);
  if (shape.key.length !== 1) throw new Error(`change feed: ${table} rows are never carried by reference (its key is not one column)`);
  const key = shape.key[0]!;
  // The next entry of the same row, by the (table_name, row_id, seq) index: its before_json is the row as inserted.
  const later = cache
    .stmt(
      'feed:refNext',
      () => `SELECT f.seq AS seq, (SELECT n.before_json FROM change_feed n WHERE n.table_name = f.table_name AND n.row_id = f.row_id AND n.seq > f.seq ORDER BY n.seq LIMIT 1) AS next
             FROM change_feed f WHERE f.seq IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(entries.map((e) => e.seq))) as { seq: number; next: string | null }[];
  const nextOf = new Map(later.map((l) => [l.seq, l.next]));
  const unchanged: FeedRow[] = [];
  for (const e of entries) {
    const next = nextOf.get(e.seq) ?? null;
    if (next === null) unchanged.push(e);
    else e.row_json = shape.township ? withTownship(next, e.township_id) : next;
  }
  if (unchanged.length === 0) return;
  // SELECT * gives every column in table order, as the bulk writer's storedRow built them.
  const current = cache
    .stmt(`feed:refRows:${table}`, () => `SELECT * FROM ${table} WHERE ${key} IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(unchanged.map((e) => e.row_id))) as Record<string, unknown>[];
  const byKey = new Map(current.map((r) => [String(r[key]), r]));
  for (const e of unchanged) {
    const row = byKey.get(e.row_id);
    // Only a write that bypassed the feed can lose a row without an entry: say so rather than invent one.
    if (!row) throw new Error(`change feed: entry ${e.change_id} carries ${table} ${e.row_id} by reference, but the row is gone without a later entry`);
    if (shape.township) row.township_id = e.township_id;
    if (objects && plain(row)) objects.set(e.seq, row);
    else e.row_json = JSON.stringify(row);
  }
}

/** A row's JSON with the entry's township (adoptId changed it in the table, not in the feed); the bytes unchanged when it matches. */
function withTownship(json: string, townshipId: string): string {
  const row = JSON.parse(json) as Record<string, unknown>;
  if (row.township_id === townshipId) return json;
  row.township_id = townshipId;
  return JSON.stringify(row);
}

/**
 * SQL for "the row as inserted has this `date`" of a by-reference entry of `table` (a history view
 * of one day): the next entry's before_json, else the row in its table. One `?` for the date.
 */
export function byReferenceDateSql(table: string, key: string): string {
  return `(change_feed.table_name = '${table}' AND json_extract(coalesce(
    (SELECT n.before_json FROM change_feed n WHERE n.table_name = change_feed.table_name AND n.row_id = change_feed.row_id AND n.seq > change_feed.seq ORDER BY n.seq LIMIT 1),
    (SELECT json_object('date', t.date) FROM ${table} t WHERE t.${key} = change_feed.row_id)), '$.date') = ?)`;
}
