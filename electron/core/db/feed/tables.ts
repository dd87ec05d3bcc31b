import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors';
import { readBulkShape, type BulkShape } from './bulkShape';

/**
 * Tables that never enter the feed and are never accepted from a sync: the feed itself and its
 * clock, the R*Tree index (rebuilt by triggers from the layer tables), SQLite's own tables, and
 * state that belongs to this PC only (a sync cursor, this desk's own key). Add such tables here.
 */
export const LOCAL_ONLY_TABLES: ReadonlySet<string> = new Set(['change_feed', 'feed_state', 'geo_feature', 'geo_rtree', 'geo_bulk_load', 'sync_state', 'sync_conflict', 'sync_cursor', 'desk_key']);
const LOCAL_ONLY_PREFIXES = ['sqlite_', 'geo_rtree_'];

/**
 * Columns a table numbers for itself on each PC: a row from elsewhere arrives without them and
 * gets the local value (blockage_event.seq is this desk's polling order, set by a trigger).
 */
export const LOCAL_COLUMNS: Readonly<Record<string, readonly string[]>> = { blockage_event: ['seq'] };

export function isLocalOnly(table: string): boolean {
  return LOCAL_ONLY_TABLES.has(table) || LOCAL_ONLY_PREFIXES.some((p) => table.startsWith(p));
}

/** What the feed needs to know about a table, read from SQLite itself (so new columns just work). */
export interface TableShape {
  name: string;
  columns: ReadonlySet<string>;
  /** Primary-key columns in key order. */
  key: readonly string[];
  /** Rows are soft-deleted (a tombstone keeps the row with deleted_at set). */
  softDelete: boolean;
  /** Has a township_id column. */
  township: boolean;
}

/**
 * The shape of a table, or null when there is no such table. A row is named in the feed by its
 * `id`, or for the tables keyed by (township_id, X) by X alone (settings by key, drafts by date).
 */
export function readShape(db: Database, table: string): TableShape | null {
  const info = db.prepare('SELECT name, pk FROM pragma_table_info(?)').all(table) as { name: string; pk: number }[];
  if (info.length === 0) return null;
  const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const columns = new Set(info.map((c) => c.name));
  return { name: table, columns, key, softDelete: columns.has('deleted_at'), township: columns.has('township_id') };
}

/** The key columns that name a row in the feed (township_id is implied by the township). */
export function rowKeyColumn(shape: TableShape): string {
  const own = shape.key.filter((c) => c !== 'township_id');
  if (own.length !== 1) {
    throw new AppError('invalid_input', {
      zh: `表 ${shape.name} 没有可同步的主键`,
      en: `Table ${shape.name} has no key the change feed can name rows by`,
    });
  }
  return own[0]!;
}

/** Shapes cached per feed instance (PRAGMA is cheap, but bulk writes ask once per row). */
export class ShapeCache {
  private readonly shapes = new Map<string, TableShape | null>();
  private readonly bulkShapes = new Map<string, BulkShape>();
  constructor(private readonly db: Database) {}

  /** What a bulk insert into the table needs (bulkShape.ts); throws BulkShapeError for a table that cannot take one. */
  bulk(table: string): BulkShape {
    let shape = this.bulkShapes.get(table);
    if (!shape) this.bulkShapes.set(table, (shape = readBulkShape(this.db, table)));
    return shape;
  }

  get(table: string): TableShape | null {
    if (!this.shapes.has(table)) this.shapes.set(table, readShape(this.db, table));
    return this.shapes.get(table)!;
  }

  /** A table the feed may carry, or an AppError naming it. */
  require(table: string): TableShape {
    const shape = isLocalOnly(table) ? null : this.get(table);
    if (!shape) {
      throw new AppError('invalid_input', { zh: `变更记录指向未知的表：${table}`, en: `The change names an unknown table: ${table}` }, { table });
    }
    return shape;
  }
}
