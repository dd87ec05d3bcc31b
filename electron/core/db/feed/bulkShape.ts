import type { Database } from 'better-sqlite3';

/**
 * What a bulk insert must know to build each row in JS exactly as SQLite will store it, so the
 * feed entry can be written without reading the row back: the columns in table order with their
 * STRICT type and constant default, and the triggers that write the row they fire on.
 */
export interface BulkColumn {
  name: string;
  type: 'TEXT' | 'INTEGER' | 'REAL' | 'BLOB' | 'ANY';
  notNull: boolean;
  /** The declared default as a value; undefined when the column has none or it is not a constant (the row must give it). */
  fallback: string | number | null | undefined;
}

export interface BulkShape {
  table: string;
  columns: readonly BulkColumn[];
}

/**
 * Triggers that write the row they fire on, each with the column whose given value keeps it from
 * firing (blockage_event_number numbers an event only when `seq` is NULL). A bulk insert must give
 * that column; a self-writing trigger missing here makes bulk inserts of its table refuse, so a new
 * trigger can never make a feed entry differ from the stored row unnoticed.
 */
export const SELF_WRITING_TRIGGERS: Readonly<Record<string, string>> = { blockage_event_number: 'seq' };

/** Why a table cannot take bulk inserts (a programming error: the caller must use ChangeFeed.write). */
export class BulkShapeError extends Error {}

/** A constant SQL default (a quoted string, a number, NULL) as its value; undefined for anything else. */
function constantDefault(db: Database, sql: string | null): string | number | null | undefined {
  if (sql === null) return null;
  if (!/^('([^']|'')*'|[-+]?\d+(\.\d+)?([eE][-+]?\d+)?|NULL)$/i.test(sql.trim())) return undefined;
  return db.prepare(`SELECT ${sql} AS v`).pluck().get() as string | number | null;
}

/** Read a table's bulk shape from SQLite itself (columns added by later migrations just work). */
export function readBulkShape(db: Database, table: string): BulkShape {
  const listed = db.prepare('SELECT strict FROM pragma_table_list WHERE name = ? AND schema = ?').get(table, 'main') as { strict: number } | undefined;
  if (!listed) throw new BulkShapeError(`no table ${table}`);
  // Only STRICT tables store a value exactly as bound; others may convert it by affinity.
  if (listed.strict !== 1) throw new BulkShapeError(`table ${table} is not STRICT: a bulk insert could not know the stored values`);
  const info = db.prepare('SELECT name, type, "notnull" AS not_null, dflt_value AS dflt FROM pragma_table_info(?) ORDER BY cid').all(table) as {
    name: string;
    type: string;
    not_null: number;
    dflt: string | null;
  }[];
  const columns = info.map((c): BulkColumn => ({
    name: c.name,
    type: c.type.toUpperCase() as BulkColumn['type'],
    notNull: c.not_null === 1,
    fallback: c.not_null === 1 && c.dflt === null ? undefined : constantDefault(db, c.dflt),
  }));
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?").all(table) as { name: string; sql: string }[];
  const self = new RegExp(`\\b(UPDATE|INSERT(\\s+OR\\s+\\w+)?\\s+INTO|REPLACE\\s+INTO)\\s+${table}\\b`, 'i');
  for (const t of triggers) {
    if (!self.test(t.sql)) continue;
    const guard = SELF_WRITING_TRIGGERS[t.name];
    if (!guard) throw new BulkShapeError(`trigger ${t.name} writes the ${table} row it fires on; list it in SELF_WRITING_TRIGGERS with the column that keeps it quiet`);
    const col = columns.find((c) => c.name === guard);
    // The guard column must be given on every row: no default may stand in for it.
    if (col) col.fallback = undefined;
  }
  return { table, columns };
}

/**
 * The row as SQLite will store it: every column in table order, defaults filled in, each value
 * checked against the column's STRICT type. Throws for a value SQLite would convert or refuse.
 */
export function storedRow(shape: BulkShape, row: Readonly<Record<string, unknown>>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const c of shape.columns) {
    let v = row[c.name];
    if (v === undefined) {
      if (c.fallback === undefined) throw new BulkShapeError(`${shape.table}.${c.name} must be given`);
      v = c.fallback;
    }
    if (v === null) {
      if (c.notNull) throw new BulkShapeError(`${shape.table}.${c.name} is NOT NULL`);
    } else if (typeof v === 'string') {
      if (c.type !== 'TEXT' && c.type !== 'ANY') throw new BulkShapeError(`${shape.table}.${c.name} is ${c.type}, given text`);
    } else if (typeof v === 'number') {
      // A number into TEXT would be stored as its text; NaN and ±Infinity are not stored as given.
      if (!Number.isFinite(v) || (c.type !== 'REAL' && c.type !== 'INTEGER' && c.type !== 'ANY') || (c.type === 'INTEGER' && !Number.isInteger(v))) {
        throw new BulkShapeError(`${shape.table}.${c.name} is ${c.type}, given ${v}`);
      }
    } else {
      throw new BulkShapeError(`${shape.table}.${c.name}: cannot store a ${typeof v}`);
    }
    out[c.name] = v;
  }
  return out;
}
