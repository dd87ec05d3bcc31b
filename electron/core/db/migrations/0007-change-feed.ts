import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { formatHlc, tickHlc, type Hlc } from '../../../../shared/sync/hlc';
import { moveLegacyHistory, type FeedSeed } from './0007-legacy-history';
import type { Migration } from './types';

/**
 * One change feed and one settings store (issue 10).
 *
 * - change_feed: every change of office data, one row per changed row, in local order (`seq`).
 *   The row as it is after the change (NULL for a delete: a tombstone), the row before it (kept
 *   locally so an undo can put it back), a hybrid logical clock, the clock of the version edited
 *   (`base_hlc`) and the installation that made it. Append-only: a trigger refuses every edit
 *   except setting `undone_by` once, and every delete.
 * - feed_state: this data folder's installation id (made once, here) and the newest clock.
 * - The history tables of migrations 1–6 move into the feed (`syncable = 0`: they are history, not
 *   replayable rows) and are dropped; so are capacity_setting, work_option and field_server_config,
 *   whose values move into `setting` under prefixed keys.
 * - Every row already in an office table is entered once as a snapshot (`action = 'snapshot'`,
 *   hidden from history views), so a sync that starts at seq 0 can rebuild the township.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'change-feed',
  up(db) {
    db.exec(`
      CREATE TABLE feed_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        installation_id TEXT NOT NULL CHECK (length(installation_id) BETWEEN 1 AND 64),
        last_hlc TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE change_feed (
        seq INTEGER PRIMARY KEY,
        change_id TEXT NOT NULL UNIQUE,
        township_id TEXT NOT NULL,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
        row_json TEXT CHECK (row_json IS NULL OR json_valid(row_json)),
        before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
        hlc TEXT NOT NULL,
        base_hlc TEXT,
        origin TEXT NOT NULL,
        batch_id TEXT NOT NULL,
        source TEXT NOT NULL,
        action TEXT NOT NULL,
        at TEXT NOT NULL,
        undoes_batch TEXT,
        undone_by TEXT,
        syncable INTEGER NOT NULL DEFAULT 1 CHECK (syncable IN (0, 1))
      ) STRICT;
      CREATE INDEX change_feed_row ON change_feed(table_name, row_id, seq);
      CREATE INDEX change_feed_batch ON change_feed(batch_id, seq);

      CREATE TRIGGER change_feed_append_only BEFORE UPDATE ON change_feed
      WHEN OLD.undone_by IS NOT NULL OR NEW.undone_by IS NULL
        OR NEW.seq IS NOT OLD.seq OR NEW.change_id IS NOT OLD.change_id OR NEW.township_id IS NOT OLD.township_id
        OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id OR NEW.op IS NOT OLD.op
        OR NEW.row_json IS NOT OLD.row_json OR NEW.before_json IS NOT OLD.before_json OR NEW.hlc IS NOT OLD.hlc
        OR NEW.base_hlc IS NOT OLD.base_hlc OR NEW.origin IS NOT OLD.origin OR NEW.batch_id IS NOT OLD.batch_id
        OR NEW.source IS NOT OLD.source OR NEW.action IS NOT OLD.action OR NEW.at IS NOT OLD.at
        OR NEW.undoes_batch IS NOT OLD.undoes_batch OR NEW.syncable IS NOT OLD.syncable
      BEGIN
        SELECT RAISE(ABORT, 'the change feed is append-only');
      END;
      CREATE TRIGGER change_feed_no_delete BEFORE DELETE ON change_feed
      BEGIN
        SELECT RAISE(ABORT, 'the change feed is append-only');
      END;
    `);
    const installationId = randomUUID();
    const stamp = new Date().toISOString();
    const seed = feedSeed(db, installationId);
    moveLegacyHistory(db, seed);
    snapshotOfficeRows(db, seed);
    db.prepare('INSERT INTO feed_state (id, installation_id, last_hlc, created_at, updated_at) VALUES (1, ?, ?, ?, ?)').run(
      installationId,
      seed.last ? formatHlc(seed.last) : null,
      stamp,
      stamp,
    );
  },
};

/** The one township of a database being migrated ('' when none was made yet). */
function townshipOf(db: Database): string {
  return (db.prepare('SELECT id FROM township ORDER BY created_at LIMIT 1').get() as { id: string } | undefined)?.id ?? '';
}

function feedSeed(db: Database, installationId: string): FeedSeed {
  const insert = db.prepare(
    `INSERT INTO change_feed (change_id, township_id, table_name, row_id, op, row_json, before_json, hlc, base_hlc, origin,
       batch_id, source, action, at, undoes_batch, undone_by, syncable)
     VALUES (@changeId, @townshipId, @table, @rowId, @op, @rowJson, @beforeJson, @hlc, NULL, @origin, @batchId, @source, @action, @at, NULL, @undoneBy, @syncable)`,
  );
  const seed: FeedSeed = {
    townshipId: townshipOf(db),
    last: null,
    add(e) {
      const wall = Date.parse(e.at);
      const clock: Hlc = tickHlc(seed.last, Number.isFinite(wall) ? wall : (seed.last?.wallMs ?? 0), installationId);
      seed.last = clock;
      insert.run({ undoneBy: null, syncable: 0, ...e, townshipId: e.townshipId ?? seed.townshipId, hlc: formatHlc(clock), origin: installationId });
    },
  };
  return seed;
}

/**
 * The office tables as they stand at version 7, in an order that keeps references valid when
 * replayed (a ditch before its culverts, a blockage before its events).
 */
const SNAPSHOT_TABLES = [
  'township', 'setting', 'import_batch', 'team', 'team_token', 'ditch', 'culvert', 'blockage', 'blockage_event', 'area',
  'deployment', 'rain_station', 'rain_reading', 'rain_baseline', 'rain_import', 'sheet_draft', 'sheet',
] as const;

function snapshotOfficeRows(db: Database, seed: FeedSeed): void {
  const batchId = randomUUID();
  for (const table of SNAPSHOT_TABLES) {
    const rows = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[];
    for (const row of rows) {
      const rowId = table === 'setting' ? String(row.key) : table === 'sheet_draft' ? String(row.date) : String(row.id);
      seed.add({
        changeId: randomUUID(),
        ...(typeof row.township_id === 'string' ? { townshipId: row.township_id } : table === 'township' ? { townshipId: String(row.id) } : {}),
        table,
        rowId,
        op: 'insert',
        rowJson: JSON.stringify(row),
        beforeJson: null,
        batchId,
        source: 'migration',
        action: 'snapshot',
        at: String(row.updated_at ?? row.created_at),
        syncable: 1,
      });
    }
  }
}
