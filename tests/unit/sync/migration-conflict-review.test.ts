import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migration0015 as reviewMigration } from '../../../electron/core/db/migrations/0015-conflict-review';
import { SyncConflictRepository } from '../../../electron/core/db/repositories/syncConflictRepository';

const before = migrations.slice(0, migrations.indexOf(reviewMigration));

describe('migration: conflict reviews that travel with sync', () => {
  it('keeps every conflict and carries a review made before it over as this desk’s, open ones stay open', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, before);
    db.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '双河乡', 'a', 'a')").run();
    const desk = (db.prepare('SELECT installation_id AS id FROM feed_state WHERE id = 1').get() as { id: string }).id;
    const conflict = db.prepare(
      "INSERT INTO sync_conflict (id, township_id, table_name, row_id, conflict_json, detected_at, reviewed_at, resolution, created_at, updated_at) VALUES (?, 't', 'ditch', ?, '{}', ?, ?, ?, 'a', 'a')",
    );
    conflict.run('c-open', 'd1', '2026-07-01T01:00:00.000Z', null, null);
    conflict.run('c-done', 'd2', '2026-07-01T02:00:00.000Z', '2026-07-02T08:00:00.000Z', 'reapplied_loser');

    applyMigrations(db, [...before, reviewMigration]);
    const repo = new SyncConflictRepository(db, 't');
    expect(repo.list(true).map((c) => [c.id, c.reviews])).toEqual([
      ['c-done', [{ resolution: 'reapplied_loser', reviewedAt: '2026-07-02T08:00:00.000Z', reviewedBy: desk }]],
      ['c-open', []],
    ]);
    expect(repo.list(false).map((c) => c.id)).toEqual(['c-open']);
    expect(repo.openCount()).toBe(1);
    // A decision is never rewritten, only added to.
    expect(() => db.prepare("UPDATE sync_conflict_review SET resolution = 'kept_winner'").run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO sync_conflict_review (id, township_id, conflict_id, resolution, reviewed_at, reviewed_by, created_at, updated_at) VALUES ('r', 't', 'c-open', 'maybe', 'a', 'x', 'a', 'a')").run()).toThrow(/CHECK/);
  });
});
