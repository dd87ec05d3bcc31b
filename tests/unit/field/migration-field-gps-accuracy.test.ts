import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { blockageDbBefore } from '../../helpers/migrationSeed';
import { migration0014 as gpsAccuracy } from '../../../electron/core/db/migrations/0014-field-gps-accuracy';

const at = migrations.indexOf(gpsAccuracy);

function seeded(): Database.Database {
  const db = blockageDbBefore(gpsAccuracy, 'field');
  db.prepare(
    `INSERT INTO blockage_event (id, township_id, blockage_id, at, source, to_status, lon, lat, created_at, updated_at)
     VALUES ('old', 't', 'b', '2026-08-01T00:00:00Z', 'field', 'reported', 124.2, 43.4, 'a', 'a')`,
  ).run();
  return db;
}

const insert = (db: Database.Database, id: string, lon: number | null, accuracy: number | null) =>
  db
    .prepare(
      `INSERT INTO blockage_event (id, township_id, blockage_id, at, source, kind, lon, lat, accuracy_m, created_at, updated_at)
       VALUES (?, 't', 'b', '2026-08-02T00:00:00Z', 'field', 'arrived', ?, ?, ?, 'a', 'a')`,
    )
    .run(id, lon, lon === null ? null : 43.4, accuracy);

describe('migration field-gps-accuracy', () => {
  it('keeps older events without an accuracy, and stores a phone’s accuracy with its position only', () => {
    const db = seeded();
    applyMigrations(db, migrations.slice(0, at + 1));
    expect(schemaVersion(db)).toBe(gpsAccuracy.version);
    expect(db.prepare("SELECT lon, lat, accuracy_m FROM blockage_event WHERE id = 'old'").get()).toEqual({ lon: 124.2, lat: 43.4, accuracy_m: null });
    insert(db, 'fix', 124.2001, 8.5);
    expect(db.prepare("SELECT accuracy_m FROM blockage_event WHERE id = 'fix'").get()).toEqual({ accuracy_m: 8.5 });
    expect(() => insert(db, 'no-position', null, 8)).toThrow(/CHECK/);
    expect(() => insert(db, 'negative', 124.2, -1)).toThrow(/CHECK/);
  });

  it('keeps the history append-only, accuracy included', () => {
    const db = seeded();
    applyMigrations(db, migrations.slice(0, at + 1));
    insert(db, 'fix', 124.2001, 8.5);
    expect(() => db.prepare("UPDATE blockage_event SET accuracy_m = 1 WHERE id = 'fix'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE blockage_event SET note = 'x' WHERE id = 'fix'").run()).toThrow(/append-only/);
  });

  it('adds the county server’s public address to the enrolment, empty for desks enrolled before', () => {
    const db = seeded();
    db.prepare(
      `INSERT INTO sync_state (id, township_id, server_url, sync_key, enrolled_at, created_at, updated_at)
       VALUES ('s', 't', 'https://county.example:8443', ?, 'a', 'a', 'a')`,
    ).run('a'.repeat(64));
    applyMigrations(db, migrations.slice(0, at + 1));
    expect(db.prepare('SELECT server_url, public_url FROM sync_state').get()).toEqual({ server_url: 'https://county.example:8443', public_url: null });
    db.prepare("UPDATE sync_state SET public_url = 'https://paizhao.county.gov.cn'").run();
    expect(() => db.prepare("UPDATE sync_state SET public_url = 'ftp://x'").run()).toThrow(/CHECK/);
  });
});
