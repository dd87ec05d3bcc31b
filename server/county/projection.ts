import Database from 'better-sqlite3';
import { applyMigrations } from '../../electron/core/db/migrate';
import { migrations as deskMigrations } from '../../electron/core/db/migrations';
import { DatabaseHolder } from '../../electron/core/db/holder';
import { noSheetRenderer } from '../../electron/core/sheets/port';
import type { CoreContext } from '../../electron/core/context';
import { createCoreState } from '../../electron/core/state';
import { SYNC_CONFLICT_TABLE } from '../../shared/contract/sync';
import type { ServerContext } from '../context';
import { GEOMETRY_LAYERS } from '../db/repositories/featureRepository';
import { FeedRepository, type ReplicaRowVersion } from '../db/repositories/feedRepository';
import { isLocalOnly } from '../../electron/core/db/feed/tables';

/** Tables the projection leaves out: the network layers (the county map reads them from PostGIS) and the server's own. */
const NOT_PROJECTED = new Set<string>([...GEOMETRY_LAYERS.filter((l) => l !== 'blockage'), SYNC_CONFLICT_TABLE]);
/** The server's own tables: never in a projection. */
const NOT_SYNCED = new Set<string>([SYNC_CONFLICT_TABLE]);

function sqliteValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}

/** What a projection holds beyond the figures' tables. */
export interface ProjectionOptions {
  /** Also the network layers (ditches, culverts, areas): a phone's small map and "which ditch is this on". */
  network?: boolean;
  /**
   * Seed the projection's change feed with each row's clock and change id (hidden 'snapshot'
   * entries), so later entries applied through the desk's `applyRemote` merge by the same rule
   * (an older version is skipped, one already here is a duplicate).
   */
  clocks?: boolean;
  /** The data folder of the projection's core (where a phone's photo lands before it becomes a blob). */
  dataDir?: string;
}

function seedClocks(db: Database.Database, townshipId: string, rows: readonly ReplicaRowVersion[]): void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO change_feed (change_id, township_id, table_name, row_id, op, row_json, before_json, hlc, base_hlc, origin, batch_id, source, action, at, undoes_batch, undone_by, syncable)
     VALUES (?, ?, ?, ?, 'insert', NULL, NULL, ?, NULL, ?, 'replica', 'sync', 'snapshot', ?, NULL, NULL, 0)`,
  );
  for (const r of rows) insert.run(r.change_id, townshipId, r.table_name, r.row_id, r.hlc, r.origin, r.updated_at);
}

/**
 * A township's replica as the desk's own SQLite schema, in memory, so the county figures come from
 * the desk's own services (totals, dashboard series) and cannot drift from what the township sees.
 * Without `network` the network layers are left out: the figures do not read them.
 */
export async function projectTownship(
  ctx: ServerContext,
  township: { id: string; name: string },
  opts: ProjectionOptions = {},
): Promise<{ core: CoreContext; close(): void }> {
  const db = new Database(':memory:');
  applyMigrations(db, deskMigrations);
  // Rows arrive in no particular order and may point at ditches left out: no foreign keys here.
  db.pragma('foreign_keys = OFF');
  const columns = new Map<string, Set<string>>();
  for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]) {
    columns.set(name, new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => c.name)));
  }
  const leftOut = opts.network ? NOT_SYNCED : NOT_PROJECTED;
  const tables = [...columns.keys()].filter((t) => !leftOut.has(t) && !isLocalOnly(t));
  const rows = await new FeedRepository(ctx.pool).liveRows(township.id, tables);
  const at = ctx.now().toISOString();
  // One prepared statement per table and column list (a township's 50,000 ditches share one).
  const inserts = new Map<string, Database.Statement>();
  const insert = (table: string, names: readonly string[]) => {
    const key = `${table}\u0000${names.join(',')}`;
    let stmt = inserts.get(key);
    if (!stmt) {
      stmt = db.prepare(`INSERT OR REPLACE INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
      inserts.set(key, stmt);
    }
    return stmt;
  };
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO township (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(township.id, township.name, at, at);
    for (const { table_name: table, row } of rows) {
      const known = columns.get(table)!;
      const names = Object.keys(row).filter((k) => known.has(k));
      if (names.length === 0) continue;
      insert(table, names).run(...names.map((n) => sqliteValue(row[n])));
    }
    if (opts.clocks) seedClocks(db, township.id, rows);
  })();
  const core: CoreContext = {
    db,
    townshipId: township.id,
    dataDir: opts.dataDir ?? '',
    databaseFile: ':memory:',
    backupsDir: '',
    appVersion: 'county-server',
    transport: 'http',
    source: 'cli',
    now: () => ctx.now(),
    state: createCoreState(),
    // A projection is never restored from a backup nor printed from: the holder only holds.
    database: new DatabaseHolder(db, township.id, () => Promise.reject(new Error('a county projection is not reopened'))),
    sheetRenderer: noSheetRenderer,
  };
  return { core, close: () => db.close() };
}
