import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';

const v4 = migrations.findIndex((m) => m.version === 4) + 1;

/** A version-3 database with one blockage and two events, as the network issue left them. */
function v3() {
  const d = new Database(':memory:');
  d.pragma('foreign_keys = ON');
  applyMigrations(d, migrations.slice(0, v4 - 1));
  d.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '三合乡', 'a', 'a')").run();
  d.prepare(
    `INSERT INTO blockage (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, status, reported_at, created_at, updated_at)
     VALUES ('b', 't', '堵点', '{"type":"Point","coordinates":[124.2,43.4]}', 124.2, 43.4, 124.2, 43.4, 'desk', 'assigned', '2026-08-01T00:00:00Z', 'a', 'a')`,
  ).run();
  const ev = d.prepare(
    `INSERT INTO blockage_event (id, township_id, blockage_id, at, source, from_status, to_status, created_at, updated_at) VALUES (?, 't', 'b', ?, 'desk', ?, ?, 'a', 'a')`,
  );
  ev.run('e1', '2026-08-01T00:00:00Z', null, 'reported');
  ev.run('e2', '2026-08-02T00:00:00Z', 'reported', 'assigned');
  return d;
}

describe('migration 0004 teams and field', () => {
  it('numbers existing events, marks the first as the report, and keeps statuses', () => {
    const d = v3();
    applyMigrations(d, migrations.slice(0, v4));
    expect(d.prepare('SELECT id, seq, kind FROM blockage_event ORDER BY seq').all()).toEqual([
      { id: 'e1', seq: 1, kind: 'report' },
      { id: 'e2', seq: 2, kind: 'status' },
    ]);
    expect(d.prepare('SELECT status, status_at, team_id FROM blockage').get()).toEqual({ status: 'assigned', status_at: '2026-08-01T00:00:00Z', team_id: null });
  });

  it('numbers events from any writer and guards history and status', () => {
    const d = v3();
    applyMigrations(d, migrations.slice(0, v4));
    // An older writer that knows nothing of seq or kind (like the network import) still gets both.
    d.prepare(`INSERT INTO blockage_event (id, township_id, blockage_id, at, source, from_status, to_status, created_at, updated_at) VALUES ('e3', 't', 'b', 'x', 'desk', 'assigned', 'in_progress', 'a', 'a')`).run();
    expect(d.prepare("SELECT seq, kind FROM blockage_event WHERE id = 'e3'").get()).toEqual({ seq: 3, kind: 'status' });
    d.prepare("UPDATE blockage SET status = 'in_progress' WHERE id = 'b'").run();
    expect(() => d.prepare("UPDATE blockage SET status = 'verified' WHERE id = 'b'").run()).toThrow(/lifecycle event/);
    expect(() => d.prepare("UPDATE blockage_event SET to_status = 'verified' WHERE id = 'e3'").run()).toThrow(/append-only/);
    expect(() => d.prepare("INSERT INTO team (id, township_id, name, source, created_at, updated_at) VALUES ('x', 't', '', 'desk', 'a', 'a')").run()).toThrow(/CHECK/);
    d.prepare("INSERT INTO team (id, township_id, name, source, created_at, updated_at) VALUES ('t1', 't', '一队', 'desk', 'a', 'a')").run();
    expect(() => d.prepare("INSERT INTO team (id, township_id, name, source, created_at, updated_at) VALUES ('t2', 't', '一队', 'desk', 'a', 'a')").run()).toThrow(/UNIQUE/);
    expect(() => d.prepare("INSERT INTO field_server_config (township_id, port, created_at, updated_at) VALUES ('t', 80, 'a', 'a')").run()).toThrow(/CHECK/);
  });
});
