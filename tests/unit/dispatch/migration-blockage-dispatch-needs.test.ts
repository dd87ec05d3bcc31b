import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migration0012 as dispatchNeeds } from '../../../electron/core/db/migrations/0012-blockage-dispatch-needs';

const at = migrations.indexOf(dispatchNeeds);

describe('migration blockage-dispatch-needs', () => {
  it('adds an unset cause and job hours to existing blockages, and checks new values', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.slice(0, at));
    db.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '三合乡', 'a', 'a')").run();
    db.prepare(
      `INSERT INTO blockage (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, status, reported_at, created_at, updated_at)
       VALUES ('b', 't', '涵管堵点', '{"type":"Point","coordinates":[124.2,43.4]}', 124.2, 43.4, 124.2, 43.4, 'desk', 'reported', '2026-08-01T00:00:00Z', 'a', 'a')`,
    ).run();
    applyMigrations(db, migrations.slice(0, at + 1));
    expect(schemaVersion(db)).toBe(dispatchNeeds.version);
    expect(db.prepare('SELECT name, status, cause, job_hours FROM blockage').get()).toEqual({ name: '涵管堵点', status: 'reported', cause: null, job_hours: null });
    db.prepare("UPDATE blockage SET cause = 'silt', job_hours = 4.5").run();
    expect(() => db.prepare("UPDATE blockage SET cause = 'lava'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE blockage SET job_hours = 0').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE blockage SET job_hours = 25').run()).toThrow(/CHECK/);
  });
});
