import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';

const upTo = migrations.findIndex((m) => m.name === 'patrol-tracks') + 1;

describe('migration patrol-tracks', () => {
  it('adds walks and chunks without touching existing rows, and a chunk is stored once per walk and number', () => {
    const d = new Database(':memory:');
    d.pragma('foreign_keys = ON');
    applyMigrations(d, migrations.slice(0, upTo - 1));
    d.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '双河乡', 'a', 'a')").run();
    d.prepare("INSERT INTO team (id, township_id, name, source, created_at, updated_at) VALUES ('k', 't', '一队', 'desk', 'a', 'a')").run();
    applyMigrations(d, migrations.slice(0, upTo));
    expect(d.prepare('SELECT name FROM team').all()).toEqual([{ name: '一队' }]);
    d.prepare("INSERT INTO patrol_track (id, township_id, team_id, started_at, last_point_at, created_at, updated_at) VALUES ('p', 't', 'k', 'x', 'y', 'a', 'a')").run();
    const chunk = d.prepare("INSERT INTO patrol_chunk (id, township_id, patrol_id, seq, points_json, dropped_json, first_at, last_at, created_at, updated_at) VALUES (?, 't', 'p', 0, '[]', '{}', 'x', 'y', 'a', 'a')");
    chunk.run('c1');
    expect(() => chunk.run('c2')).toThrow(/UNIQUE/);
    expect(() => d.prepare("INSERT INTO patrol_track (id, township_id, team_id, started_at, last_point_at, created_at, updated_at) VALUES ('q', 't', 'nobody', 'x', 'y', 'a', 'a')").run()).toThrow(/FOREIGN KEY/);
  });
});
