import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { applyMigrations, schemaVersion } from '../../../electron/core/db/migrate';
import { LATEST_VERSION, migrations } from '../../../electron/core/db/migrations';
import { listBackups } from '../../../electron/core/db/backups';
import { AppError } from '../../../shared/contract/errors';
import { tempDir } from '../../helpers/tempDir';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function paths() {
  const dir = tempDir();
  return { file: join(dir, 'draindesk.sqlite'), backupsDir: join(dir, 'backups') };
}

describe('opening the database', () => {
  it('creates a new file at the latest schema with WAL and foreign keys on', async () => {
    const p = paths();
    const { db, schemaVersion: v } = await openDatabase(p);
    expect(v).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database from a newer DrainDesk and leaves the file byte-for-byte unchanged', async () => {
    const p = paths();
    const raw = new Database(p.file);
    raw.exec('CREATE TABLE future_thing (x INTEGER)');
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    const before = sha(p.file);
    const error = await openDatabase(p).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('db_newer_version');
    expect((error as AppError).messageZh).toContain('更新版本');
    expect(sha(p.file)).toBe(before);
    expect(listBackups(p.backupsDir)).toHaveLength(0);
  });

  it('refuses a corrupt file with a clear message and does not modify it', async () => {
    const p = paths();
    writeFileSync(p.file, Buffer.from('这不是数据库 this is not a database '.repeat(200)));
    const before = sha(p.file);
    const error = await openDatabase(p).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('db_corrupt');
    expect((error as AppError).messageZh).toContain('损坏');
    expect(sha(p.file)).toBe(before);
  });

  it('takes an online backup before migrating an older database, and keeps its rows', async () => {
    const p = paths();
    const v1 = await openDatabase({ ...p, migrations: migrations.slice(0, 1) });
    v1.db.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t1', '三合乡', 'a', 'a')").run();
    v1.db.close();
    const next = [...migrations.slice(0, 1), { version: 2, name: 'village', up: (d: Database.Database) => d.exec('CREATE TABLE village (id TEXT PRIMARY KEY) STRICT') }];
    const v2 = await openDatabase({ ...p, migrations: next });
    expect(v2.migratedFrom).toBe(1);
    expect(v2.schemaVersion).toBe(2);
    expect(v2.db.prepare('SELECT name FROM township').all()).toEqual([{ name: '三合乡' }]);
    v2.db.close();
    const backups = listBackups(p.backupsDir);
    expect(backups.map((b) => b.reason)).toEqual(['pre-migration']);
    const copy = new Database(join(p.backupsDir, backups[0]!.fileName), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT name FROM township').all()).toEqual([{ name: '三合乡' }]);
    copy.close();
  });
});

describe('applyMigrations', () => {
  it('runs every pending migration in one transaction: a failing step leaves the file as it was', () => {
    const db = new Database(':memory:');
    applyMigrations(db, migrations);
    db.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t1', '三合乡', 'a', 'a')").run();
    const broken = [
      ...migrations,
      { version: LATEST_VERSION + 1, name: 'adds-a-table', up: (d: Database.Database) => d.exec('CREATE TABLE extra (x INTEGER)') },
      { version: LATEST_VERSION + 2, name: 'fails', up: (d: Database.Database) => d.exec('CREATE TABLE broken (') },
    ];
    expect(() => applyMigrations(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT name FROM township').all()).toEqual([{ name: '三合乡' }]);
  });

  it('has versions numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});

describe('migration 0001 township-settings', () => {
  it('creates STRICT tables with township ids and timestamps, and the settings history', () => {
    const db = new Database(':memory:');
    applyMigrations(db, migrations.slice(0, 1));
    const sql = (name: string) => (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql;
    for (const table of ['township', 'setting', 'setting_change']) {
      expect(sql(table)).toMatch(/STRICT$/);
      expect(sql(table)).toContain('created_at');
      expect(sql(table)).toContain('updated_at');
    }
    expect(() =>
      db.prepare("INSERT INTO setting (township_id, key, value_json, created_at, updated_at) VALUES ('nope', 'k', '1', 'a', 'a')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
