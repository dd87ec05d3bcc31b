import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migration0008 as syncMigration } from '../../../electron/core/db/migrations/0008-sync';

const before = migrations.slice(0, migrations.indexOf(syncMigration));

describe('migration: sync state and conflicts', () => {
  it('keeps one enrolment at most, a whole key, and a conflict once with its review recorded consistently', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, before);
    db.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '双河乡', 'a', 'a')").run();
    applyMigrations(db, [...before, syncMigration]);
    const link = db.prepare(
      "INSERT INTO sync_state (id, township_id, server_url, sync_key, enrolled_at, created_at, updated_at) VALUES (?, 't', ?, ?, 'a', 'a', 'a')",
    );
    link.run('l1', 'https://fxb.example.gov.cn', 'k'.repeat(64));
    expect(() => link.run('l2', 'https://other', 'k'.repeat(64))).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM sync_state').run();
    expect(() => link.run('l3', 'https://x', 'short')).toThrow(/CHECK/);
    expect(() => link.run('l4', 'ftp://x', 'k'.repeat(64))).toThrow(/CHECK/);

    const conflict = db.prepare(
      "INSERT INTO sync_conflict (id, township_id, table_name, row_id, conflict_json, detected_at, reviewed_at, resolution, created_at, updated_at) VALUES (?, 't', 'ditch', 'd1', '{}', 'a', ?, ?, 'a', 'a')",
    );
    conflict.run('c1', null, null);
    expect(() => conflict.run('c1', null, null)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => conflict.run('c2', 'b', null)).toThrow(/CHECK/);
    expect(() => conflict.run('c3', null, 'kept_winner')).toThrow(/CHECK/);
    expect(() => conflict.run('c4', 'b', 'maybe')).toThrow(/CHECK/);
    conflict.run('c5', 'b', 'reapplied_loser');
    // Open conflicts are found through their partial index.
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM sync_conflict WHERE township_id = 't' AND reviewed_at IS NULL ORDER BY detected_at").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('sync_conflict_open');
  });
});
