import Database from 'better-sqlite3';
import { applyMigrations } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import type { Migration } from '../../electron/core/db/migrations/types';

/**
 * An in-memory database at the schema just before `migration`, holding township 't' (三合乡) and
 * one reported blockage 'b' (涵管堵点) from `source`: the rows a blockage migration must carry over.
 */
export function blockageDbBefore(migration: Migration, source: 'desk' | 'field'): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, migrations.slice(0, migrations.indexOf(migration)));
  db.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '三合乡', 'a', 'a')").run();
  db.prepare(
    `INSERT INTO blockage (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, status, reported_at, created_at, updated_at)
     VALUES ('b', 't', '涵管堵点', '{"type":"Point","coordinates":[124.2,43.4]}', 124.2, 43.4, 124.2, 43.4, ?, 'reported', '2026-08-01T00:00:00Z', 'a', 'a')`,
  ).run(source);
  return db;
}
