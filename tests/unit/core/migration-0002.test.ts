import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';

function db() {
  const d = new Database(':memory:');
  d.pragma('foreign_keys = ON');
  applyMigrations(d, migrations.slice(0, 2));
  d.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '三合乡', 'a', 'a')").run();
  return d;
}

const insertDitch = (d: Database.Database, id: string, box: [number, number, number, number]) =>
  d
    .prepare(
      `INSERT INTO ditch (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, kind, length_m, created_at, updated_at)
       VALUES (?, 't', '一号支沟', '{}', ?, ?, ?, ?, 'desk', 'branch', 100, 'a', 'a')`,
    )
    .run(id, ...box);

const inBox = (d: Database.Database, box: [number, number, number, number]) =>
  (
    d
      .prepare(
        `SELECT f.feature_id FROM geo_rtree r JOIN geo_feature f ON f.gid = r.gid
         WHERE r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ? ORDER BY f.feature_id`,
      )
      .all(box[0], box[2], box[1], box[3]) as { feature_id: string }[]
  ).map((r) => r.feature_id);

describe('migration 0002 network', () => {
  it('indexes live features in the R*Tree and follows moves and soft deletes', () => {
    const d = db();
    insertDitch(d, 'a', [124.1, 43.3, 124.2, 43.4]);
    insertDitch(d, 'b', [124.5, 43.5, 124.6, 43.6]);
    expect(inBox(d, [124.0, 43.0, 124.3, 43.45])).toEqual(['a']);
    d.prepare("UPDATE ditch SET min_lon = 124.55, max_lon = 124.56, min_lat = 43.55, max_lat = 43.56 WHERE id = 'a'").run();
    expect(inBox(d, [124.0, 43.0, 124.3, 43.45])).toEqual([]);
    expect(inBox(d, [124.5, 43.5, 124.6, 43.6])).toEqual(['a', 'b']);
    d.prepare("UPDATE ditch SET deleted_at = 'x' WHERE id = 'b'").run();
    expect(inBox(d, [124.5, 43.5, 124.6, 43.6])).toEqual(['a']);
    d.prepare("UPDATE ditch SET deleted_at = NULL WHERE id = 'b'").run();
    expect(inBox(d, [124.5, 43.5, 124.6, 43.6])).toEqual(['a', 'b']);
  });

  it('answers a bounding-box query from the R*Tree index', () => {
    const d = db();
    const plan = d
      .prepare('EXPLAIN QUERY PLAN SELECT gid FROM geo_rtree WHERE max_lon >= 1 AND min_lon <= 2 AND max_lat >= 1 AND min_lat <= 2')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/VIRTUAL TABLE INDEX/);
  });

  it('rejects values outside the vocabularies', () => {
    const d = db();
    expect(() =>
      d
        .prepare(
          `INSERT INTO ditch (id, township_id, geometry, min_lon, min_lat, max_lon, max_lat, source, kind, length_m, created_at, updated_at)
           VALUES ('x', 't', '{}', 0, 0, 0, 0, 'desk', 'canal', 1, 'a', 'a')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('keeps existing settings rows when upgrading from version 1', () => {
    const d = new Database(':memory:');
    applyMigrations(d, migrations.slice(0, 1));
    d.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '三合乡', 'a', 'a')").run();
    d.prepare("INSERT INTO setting (township_id, key, value_json, created_at, updated_at) VALUES ('t', 'townshipName', '\"三合乡\"', 'a', 'a')").run();
    applyMigrations(d, migrations.slice(0, 2));
    expect(d.prepare('SELECT value_json FROM setting').all()).toEqual([{ value_json: '"三合乡"' }]);
  });
});
