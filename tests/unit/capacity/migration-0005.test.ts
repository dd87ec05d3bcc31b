import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';

describe('migration 0005 capacity settings', () => {
  it('adds the settings table and its history on top of version 4, keyed by township', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.slice(0, 4));
    expect(schemaVersion(db)).toBe(4);
    applyMigrations(db, migrations.slice(0, 5));
    expect(schemaVersion(db)).toBe(5);
    db.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '三合乡', 'a', 'a')").run();
    db.prepare("INSERT INTO capacity_setting (township_id, key, value_json, created_at, updated_at) VALUES ('t', 'siltedAreaFactor', '0.6', 'a', 'a')").run();
    // One value per township and key; history rows name a real township and a known source.
    expect(() => db.prepare("INSERT INTO capacity_setting (township_id, key, value_json, created_at, updated_at) VALUES ('t', 'siltedAreaFactor', '0.5', 'a', 'a')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO capacity_setting (township_id, key, value_json, created_at, updated_at) VALUES ('x', 'k', '1', 'a', 'a')").run()).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO capacity_setting_change (id, township_id, batch_id, key, old_json, new_json, source, at, created_at, updated_at) VALUES ('c', 't', 'b', 'k', NULL, '1', 'robot', 'a', 'a', 'a')").run(),
    ).toThrow(/CHECK/);
    // STRICT: a value of the wrong type is refused, not coerced.
    expect(() => db.prepare("INSERT INTO capacity_setting (township_id, key, value_json, created_at, updated_at) VALUES ('t', 'k2', X'00', 'a', 'a')").run()).toThrow(/cannot store BLOB/);
  });
});
