import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migration0013 } from '../../../electron/core/db/migrations/0013-bulk-rtree';

const before = migrations.filter((m) => m.version < migration0013.version);
const upTo = migrations.filter((m) => m.version <= migration0013.version);

const insertDitch = (d: Database.Database, id: string, lon: number) =>
  d.prepare(
    `INSERT INTO ditch (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, kind, length_m, created_at, updated_at)
     VALUES (?, 't', ?, '{}', ?, 43, ?, 43.1, 'desk', 'branch', 100, 'a', 'a')`,
  ).run(id, id, lon, lon + 0.01);
const inBox = (d: Database.Database, lon: number) =>
  (d.prepare('SELECT f.feature_id AS id FROM geo_rtree r JOIN geo_feature f ON f.gid = r.gid WHERE r.max_lon >= ? AND r.min_lon <= ?').all(lon, lon + 0.001) as { id: string }[]).map((r) => r.id);

describe('migration: the R*Tree can be filled in bulk', () => {
  it('keeps indexed rows, indexes new rows by trigger, and skips the trigger only while the bulk flag is set', () => {
    const d = new Database(':memory:');
    d.pragma('foreign_keys = ON');
    applyMigrations(d, before);
    d.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '三合乡', 'a', 'a')").run();
    insertDitch(d, 'old', 124);
    applyMigrations(d, upTo);
    expect(inBox(d, 124)).toEqual(['old']);
    insertDitch(d, 'new', 125);
    expect(inBox(d, 125)).toEqual(['new']);
    d.prepare('INSERT INTO geo_bulk_load (id) VALUES (1)').run();
    insertDitch(d, 'bulk', 126);
    expect(inBox(d, 126)).toEqual([]);
    expect(() => d.prepare('INSERT INTO geo_bulk_load (id) VALUES (2)').run()).toThrow(/CHECK/);
    d.prepare('DELETE FROM geo_bulk_load').run();
    // Soft deletes still leave the index by the update trigger.
    d.prepare("UPDATE ditch SET deleted_at = 'b' WHERE id = 'new'").run();
    expect(inBox(d, 125)).toEqual([]);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
