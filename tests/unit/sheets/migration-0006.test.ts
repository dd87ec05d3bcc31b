import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';

const SHA = 'a'.repeat(64);

function insertSheet(db: Database.Database, over: Record<string, unknown> = {}) {
  const row = {
    id: 's1', t: 't', season: '2026', number: 1, correction: 0, date: '2026-08-10', of: null, snapshot: '{}', file: 'sheets/2026/a.pdf', sha: SHA, bytes: 100, source: 'desk',
    ...over,
  };
  db.prepare(
    `INSERT INTO sheet (id, township_id, season, number, correction, date, correction_of, issued_at, snapshot_json, pdf_file, pdf_sha256, pdf_bytes, source, created_at, updated_at)
     VALUES (@id, @t, @season, @number, @correction, @date, @of, 'x', @snapshot, @file, @sha, @bytes, @source, 'x', 'x')`,
  ).run(row);
}

describe('migration 0006 daily sheets', () => {
  it('adds drafts and the archive on top of version 5, and keeps issued sheets frozen', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.slice(0, 5));
    expect(schemaVersion(db)).toBe(5);
    applyMigrations(db, migrations.slice(0, 6));
    expect(schemaVersion(db)).toBe(6);
    db.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '三合乡', 'a', 'a')").run();

    // Drafts: one per township and day, rows as valid JSON.
    db.prepare("INSERT INTO sheet_draft (township_id, date, plan_rows_json, created_at, updated_at) VALUES ('t', '2026-08-10', '[]', 'a', 'a')").run();
    expect(() => db.prepare("INSERT INTO sheet_draft (township_id, date, created_at, updated_at) VALUES ('t', '2026-08-10', 'a', 'a')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO sheet_draft (township_id, date, plan_rows_json, created_at, updated_at) VALUES ('t', '2026-08-11', 'not json', 'a', 'a')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO sheet_draft (township_id, date, created_at, updated_at) VALUES ('t', '10/08/2026', 'a', 'a')").run()).toThrow(/CHECK/);

    insertSheet(db);
    // Numbers are unique in a season; a day has one original; corrections name what they correct.
    expect(() => insertSheet(db, { id: 's2', date: '2026-08-11' })).toThrow(/UNIQUE/);
    expect(() => insertSheet(db, { id: 's2', number: 2 })).toThrow(/UNIQUE/);
    expect(() => insertSheet(db, { id: 's2', correction: 1 })).toThrow(/CHECK/);
    expect(() => insertSheet(db, { id: 's2', of: 's1' })).toThrow(/CHECK/);
    insertSheet(db, { id: 's2', correction: 1, of: 's1' });
    insertSheet(db, { id: 's3', season: '2027', date: '2027-06-01' });
    expect(() => insertSheet(db, { id: 's4', number: 3, date: '2026-08-12', sha: 'short' })).toThrow(/CHECK/);
    expect(() => insertSheet(db, { id: 's4', number: 3, date: '2026-08-12', source: 'robot' })).toThrow(/CHECK/);
    expect(() => insertSheet(db, { id: 's4', number: 3, date: '2026-08-12', bytes: 'many' })).toThrow(/cannot store TEXT/);

    // What was issued never changes and is never deleted.
    for (const set of ["snapshot_json = '{\"x\":1}'", `pdf_sha256 = '${'b'.repeat(64)}'`, 'number = 9', "pdf_file = 'other.pdf'", "issuer = '某人'", "date = '2026-08-09'"]) {
      expect(() => db.prepare(`UPDATE sheet SET ${set} WHERE id = 's1'`).run()).toThrow(/frozen/);
    }
    expect(() => db.prepare("DELETE FROM sheet WHERE id = 's1'").run()).toThrow(/never deleted/);
    // The bookkeeping columns a county sync may touch still can.
    db.prepare("UPDATE sheet SET updated_at = 'y' WHERE id = 's1'").run();
    expect(db.prepare("SELECT count(*) AS n FROM sheet").get()).toEqual({ n: 3 });
  });

  it('finds a day\'s issues and a season\'s numbers through indexes', () => {
    const db = new Database(':memory:');
    applyMigrations(db, migrations.slice(0, 6));
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM sheet WHERE township_id = 't' AND date = '2026-08-10' ORDER BY correction DESC LIMIT 1")).toMatch(/USING INDEX sheet_by_day/);
    expect(plan("SELECT max(number) FROM sheet WHERE township_id = 't' AND season = '2026' AND correction = 0")).toMatch(/USING (COVERING )?INDEX sheet_/);
  });
});
