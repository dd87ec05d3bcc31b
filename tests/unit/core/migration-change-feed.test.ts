import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseHlc } from '../../../shared/sync/hlc';
import type { CoreContext } from '../../../electron/core/context';
import { applyMigrations, schemaVersion } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migration0007 } from '../../../electron/core/db/migrations/0007-change-feed';
import { networkHistory, undoLastChange } from '../../../electron/core/services/network/networkService';
import { deploymentHistory } from '../../../electron/core/services/deployments/deploymentService';
import { settingsHistory } from '../../../electron/core/services/settings/settingsService';
import { getCapacitySettings } from '../../../electron/core/services/capacity/settings';
import { fieldPort } from '../../../electron/core/field/config';

const T = 'township-1';
const HISTORY_TABLES = ['setting_change', 'capacity_setting_change', 'deployment_change', 'rain_change', 'team_change', 'network_change', 'sheet_draft_change'];
const OLD_STORES = ['capacity_setting', 'work_option', 'field_server_config'];

/** A version-6 database with rows in every history table and every settings store. */
function version6(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, migrations.slice(0, migration0007.version - 1));
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  const at = (m: number) => `2026-07-0${m}T08:00:00.000Z`;
  run("INSERT INTO township (id, name, created_at, updated_at) VALUES (?, '三合乡', ?, ?)", T, at(1), at(1));
  run("INSERT INTO setting VALUES (?, 'townshipName', '\"三合乡\"', ?, ?)", T, at(1), at(2));
  run("INSERT INTO setting_change VALUES ('s1', ?, 'sb1', 'townshipName', '\"未命名乡镇\"', '\"三合乡\"', 'desk', ?, ?, ?)", T, at(2), at(2), at(2));
  run("INSERT INTO capacity_setting VALUES (?, 'siltedAreaFactor', '0.5', ?, ?)", T, at(3), at(3));
  run("INSERT INTO capacity_setting_change VALUES ('c1', ?, 'cb1', 'siltedAreaFactor', '0.7', '0.5', 'desk', ?, ?, ?)", T, at(3), at(3), at(3));
  run("INSERT INTO work_option VALUES (?, 'deployments.villages', '[\"兴隆村\"]', ?, ?)", T, at(4), at(4));
  run("INSERT INTO field_server_config VALUES (?, 18787, ?, ?)", T, at(4), at(4));
  const dep = { id: 'd1', township_id: T, date: '2026-07-04', seq: 0, place_kind: 'village', place: '兴隆村', blockage_id: null, task: 'pump', people: 5, excavators: 0, long_arm_excavators: 0, dump_trucks: 0, pumps: 2, hours: 8, culverts_laid: 0, culvert_m: 0, field_ditch_m: 0, cleared_ditch_m: 0, pumped_m3: null, note: '', source: 'desk', created_at: at(4), updated_at: at(4), deleted_at: null };
  run(`INSERT INTO deployment (${Object.keys(dep).join(', ')}) VALUES (${Object.keys(dep).map(() => '?').join(', ')})`, ...Object.values(dep));
  run("INSERT INTO deployment_change VALUES ('dc1', ?, 'db1', 'option', 'deployments.villages', 'set', NULL, '[\"兴隆村\"]', 'desk', ?, ?, ?)", T, at(4), at(4), at(4));
  run("INSERT INTO deployment_change VALUES ('dc2', ?, 'db1', 'deployment', 'd1', 'create', NULL, ?, 'desk', ?, ?, ?)", T, JSON.stringify(dep), at(4), at(4), at(4));
  run("INSERT INTO rain_station VALUES ('r1', ?, '一号站', NULL, NULL, 'desk', ?, ?, NULL)", T, at(5), at(5));
  run("INSERT INTO rain_change VALUES ('rc1', ?, 'rb1', 'station', 'r1', 'create', NULL, '{\"id\":\"r1\"}', 'desk', ?, ?, ?)", T, at(5), at(5), at(5));
  run("INSERT INTO team VALUES ('t1', ?, '一队', '', '', 0, 0, 0, 0, '', 'desk', ?, ?, NULL)", T, at(5), at(5));
  run("INSERT INTO team_change VALUES ('tc1', ?, 't1', 'create', NULL, '{\"id\":\"t1\",\"name\":\"一队\"}', 'desk', ?, ?, ?)", T, at(5), at(5), at(5));
  const geometry = JSON.stringify({ type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.4]] });
  run(`INSERT INTO ditch (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, created_at, updated_at, kind, length_m)
       VALUES ('n1', ?, '一号沟', ?, 124.2, 43.4, 124.21, 43.4, 'desk', ?, ?, 'field', 800)`, T, geometry, at(6), at(6));
  run("INSERT INTO network_change VALUES ('nc1', ?, 'nb1', 'ditch', 'n1', 'create', NULL, '{\"name\":\"一号沟\"}', 'desk', ?, NULL, ?, ?)", T, at(6), at(6), at(6));
  // An edit and its undo: the undone batch names the undo batch after the move.
  run("INSERT INTO network_change VALUES ('nc2', ?, 'nb2', 'ditch', 'n1', 'update', '{\"name\":\"一号沟\"}', '{\"name\":\"二号沟\"}', 'desk', ?, ?, ?, ?)", T, at(7), at(8), at(7), at(8));
  run("INSERT INTO network_change VALUES ('nc3', ?, 'nb3', 'ditch', 'n1', 'undo', '{\"name\":\"二号沟\"}', '{\"name\":\"一号沟\"}', 'desk', ?, NULL, ?, ?)", T, at(8), at(8), at(8));
  run("INSERT INTO sheet_draft VALUES (?, '2026-07-08', '抽排', '[]', '王', '李', '张', ?, ?)", T, at(8), at(8));
  run(`INSERT INTO sheet_draft_change VALUES ('sd1', ?, '2026-07-08', NULL, ?, 'desk', ?, ?, ?)`, T, JSON.stringify({ planText: '抽排', planRows: [], signatures: { issuer: '王', checker: '李', preparer: '张' } }), at(8), at(8), at(8));
  return db;
}

interface Entry {
  change_id: string;
  table_name: string;
  row_id: string;
  op: string;
  row_json: string | null;
  before_json: string | null;
  batch_id: string;
  source: string;
  action: string;
  at: string;
  hlc: string;
  undone_by: string | null;
  syncable: number;
}

describe('migration 0007: one change feed, one settings store', () => {
  it('moves every history row into the feed, none lost, with its content, and drops the old tables', () => {
    const db = version6();
    const oldRows = Object.fromEntries(HISTORY_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Record<string, string | null>[]]));
    const total = Object.values(oldRows).reduce((n, rows) => n + rows.length, 0);
    expect(total).toBe(10);
    const stores = Object.fromEntries(OLD_STORES.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]));

    applyMigrations(db, migrations.slice(0, migration0007.version));
    expect(schemaVersion(db)).toBe(migration0007.version);

    const moved = db.prepare('SELECT * FROM change_feed WHERE syncable = 0 ORDER BY seq').all() as Entry[];
    expect(moved).toHaveLength(total);
    const byId = new Map(moved.map((e) => [e.change_id, e]));
    // Every old row is one entry under its own id, in the order the changes were made.
    for (const rows of Object.values(oldRows)) for (const r of rows) expect(byId.has(String(r.id))).toBe(true);
    expect(moved.map((e) => e.at)).toEqual([...moved.map((e) => e.at)].sort());
    expect(moved.map((e) => parseHlc(e.hlc)!.wallMs)).toEqual(moved.map((e) => Date.parse(e.at)));

    const value = (json: string | null) => (json === null ? null : (JSON.parse(json) as { value_json: string }).value_json);
    const s1 = byId.get('s1')!;
    expect([s1.table_name, s1.row_id, s1.op, s1.batch_id, s1.source, value(s1.before_json), value(s1.row_json)]).toEqual(['setting', 'townshipName', 'update', 'sb1', 'desk', '"未命名乡镇"', '"三合乡"']);
    const c1 = byId.get('c1')!;
    expect([c1.row_id, value(c1.before_json), value(c1.row_json)]).toEqual(['capacity.siltedAreaFactor', '0.7', '0.5']);
    const dc1 = byId.get('dc1')!;
    expect([dc1.table_name, dc1.row_id, dc1.op, dc1.action, dc1.before_json, value(dc1.row_json)]).toEqual(['setting', 'deployments.villages', 'insert', 'set', null, '["兴隆村"]']);
    const dc2 = byId.get('dc2')!;
    expect([dc2.table_name, dc2.row_id, dc2.op, dc2.action]).toEqual(['deployment', 'd1', 'insert', 'create']);
    expect(dc2.row_json).toBe(oldRows.deployment_change![1]!.after_json);
    expect([byId.get('rc1')!.table_name, byId.get('rc1')!.row_json]).toEqual(['rain_station', '{"id":"r1"}']);
    expect([byId.get('tc1')!.table_name, byId.get('tc1')!.row_id, byId.get('tc1')!.row_json]).toEqual(['team', 't1', '{"id":"t1","name":"一队"}']);
    for (const id of ['nc1', 'nc2', 'nc3']) {
      const old = oldRows.network_change!.find((r) => r.id === id)!;
      const e = byId.get(id)!;
      expect([e.table_name, e.row_id, e.action, e.batch_id, e.before_json, e.row_json]).toEqual([old.layer, old.feature_id, old.action, old.batch_id, old.before_json, old.after_json]);
    }
    expect(byId.get('nc2')!.undone_by).toBe('nb3');
    expect(byId.get('nc1')!.undone_by).toBeNull();
    const sd1 = byId.get('sd1')!;
    expect([sd1.table_name, sd1.row_id, sd1.op]).toEqual(['sheet_draft', '2026-07-08', 'insert']);
    expect(JSON.parse(sd1.row_json!)).toMatchObject({ plan_text: '抽排', issuer: '王', checker: '李', preparer: '张' });

    // The three other stores are keys of the one store now, with the same values.
    const setting = new Map((db.prepare('SELECT key, value_json FROM setting').all() as { key: string; value_json: string }[]).map((r) => [r.key, r.value_json]));
    expect(setting.get('capacity.siltedAreaFactor')).toBe((stores.capacity_setting as { value_json: string }[])[0]!.value_json);
    expect(setting.get('deployments.villages')).toBe('["兴隆村"]');
    expect(setting.get('field.port')).toBe('18787');
    for (const t of [...HISTORY_TABLES, ...OLD_STORES]) expect(db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(t)).toBeUndefined();

    // Every office row already there is entered once as a replayable snapshot.
    const snapshot = db.prepare("SELECT table_name, row_id, row_json FROM change_feed WHERE action = 'snapshot' AND syncable = 1").all() as { table_name: string; row_id: string; row_json: string }[];
    const tables = ['township', 'setting', 'team', 'ditch', 'deployment', 'rain_station', 'sheet_draft'];
    for (const t of tables) {
      const n = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      expect(snapshot.filter((s) => s.table_name === t)).toHaveLength(n);
    }
    expect(JSON.parse(snapshot.find((s) => s.table_name === 'ditch')!.row_json)).toMatchObject({ id: 'n1', name: '一号沟', kind: 'field' });

    // One installation id for this data folder, and the clock at the newest entry.
    const state = db.prepare('SELECT installation_id, last_hlc FROM feed_state').get() as { installation_id: string; last_hlc: string };
    expect(state.installation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(state.last_hlc).toBe((db.prepare('SELECT max(hlc) AS h FROM change_feed').get() as { h: string }).h);
  });

  it('keeps the moved history readable and undoable through the services', () => {
    const db = version6();
    // The services read today's schema: every later migration too.
    applyMigrations(db, migrations);
    const ctx = { db, townshipId: T, now: () => new Date('2026-07-20T00:00:00Z'), source: 'desk' } as CoreContext;
    expect(settingsHistory(ctx).map((c) => [c.key, c.oldValue, c.newValue])).toEqual([['townshipName', '未命名乡镇', '三合乡']]);
    expect(getCapacitySettings(ctx).siltedAreaFactor).toBe(0.5);
    expect(fieldPort(ctx)).toBe(18787);
    expect(deploymentHistory(ctx, undefined).map((c) => [c.entity, c.action])).toEqual([['deployment', 'create'], ['option', 'set']]);
    expect(networkHistory(ctx).map((c) => [c.action, c.featureName])).toEqual([['undo', '一号沟'], ['update', '二号沟'], ['create', '一号沟']]);
    // The undone edit is not offered again; the create is, and its undo tombstones the ditch.
    expect(undoLastChange(ctx)).toMatchObject({ undone: { action: 'create' }, count: 1 });
    expect((db.prepare("SELECT deleted_at FROM ditch WHERE id = 'n1'").get() as { deleted_at: string | null }).deleted_at).not.toBeNull();
  });
});
