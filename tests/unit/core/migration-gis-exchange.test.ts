import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migration0011 } from '../../../electron/core/db/migrations/0011-gis-exchange';

const before = migrations.filter((m) => m.version < migration0011.version);
const upTo = migrations.filter((m) => m.version <= migration0011.version);

function oldDb() {
  const d = new Database(':memory:');
  d.pragma('foreign_keys = ON');
  applyMigrations(d, before);
  d.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '三合乡', 'a', 'a')").run();
  d.prepare("INSERT INTO import_batch (id, township_id, file_name, format, crs, counts_json, imported_at, created_at, updated_at) VALUES ('b1', 't', 'a.kml', 'kml', 'gcj02', '{}', 'a', 'a', 'a')").run();
  d.prepare(
    `INSERT INTO ditch (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, import_batch_id, kind, length_m, created_at, updated_at)
     VALUES ('d1', 't', '一号支沟', '{}', 124, 43, 124.1, 43.1, 'import', 'b1', 'branch', 100, 'a', 'a')`,
  ).run();
  return d;
}

const batch = (d: Database.Database, id: string, crs: string) =>
  d.prepare("INSERT INTO import_batch (id, township_id, file_name, format, crs, counts_json, imported_at, created_at, updated_at) VALUES (?, 't', 'gk.zip', 'shapefile', ?, '{}', 'a', 'a', 'a')").run(id, crs);

describe('migration: projected systems in import batches, attributes on every layer', () => {
  it('refuses an EPSG code before and accepts it after, keeping rows, references and integrity', () => {
    const d = oldDb();
    expect(() => batch(d, 'b2', 'EPSG:4529')).toThrow(/CHECK constraint failed/);
    applyMigrations(d, upTo);
    batch(d, 'b2', 'EPSG:4529');
    expect(() => batch(d, 'b3', 'utm')).toThrow(/CHECK constraint failed/);
    expect(d.prepare('SELECT crs FROM import_batch ORDER BY id').all()).toEqual([{ crs: 'gcj02' }, { crs: 'EPSG:4529' }]);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(d.pragma('foreign_key_check')).toEqual([]);
    // The layer tables still reference the batch table.
    expect(() => d.prepare("UPDATE ditch SET import_batch_id = 'missing' WHERE id = 'd1'").run()).toThrow(/FOREIGN KEY/);
  });

  it('gives every layer an attributes object, {} for existing rows, refusing anything but an object', () => {
    const d = oldDb();
    applyMigrations(d, upTo);
    expect(d.prepare("SELECT attributes FROM ditch WHERE id = 'd1'").get()).toEqual({ attributes: '{}' });
    d.prepare(`UPDATE ditch SET attributes = '{"NAME_EN":"No. 1 branch","管理单位":"三合乡水利站"}' WHERE id = 'd1'`).run();
    expect(() => d.prepare("UPDATE ditch SET attributes = '[1]' WHERE id = 'd1'").run()).toThrow(/CHECK/);
    expect(() => d.prepare("UPDATE ditch SET attributes = 'nope' WHERE id = 'd1'").run()).toThrow(/CHECK|JSON/);
    for (const table of ['culvert', 'blockage', 'area']) {
      expect((d.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)).toContain('attributes');
    }
  });
});
