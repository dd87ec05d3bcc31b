import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readBulkShape, storedRow } from '../../../electron/core/db/feed/bulkShape';
import { ChangeFeed } from '../../../electron/core/db/feed/changeFeed';
import { orderedUuids } from '../../../electron/core/db/orderedIds';
import { tempCore } from '../../helpers/tempDir';

function scratch(sql: string): Database.Database {
  const db = new Database(':memory:');
  db.exec(sql);
  return db;
}

describe('bulk shape: a row built in JS exactly as SQLite stores it', () => {
  const db = scratch(`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0, r REAL, s TEXT NOT NULL DEFAULT 'clear', req TEXT NOT NULL, o TEXT DEFAULT '{}') STRICT;`);
  const shape = readBulkShape(db, 't');

  it('fills declared defaults in table order and equals the read-back', () => {
    const row = storedRow(shape, { id: 'a', req: 'x', r: 2 });
    expect(Object.keys(row)).toEqual(['id', 'n', 'r', 's', 'req', 'o']);
    db.prepare('INSERT INTO t (id, n, r, s, req, o) VALUES (?, ?, ?, ?, ?, ?)').run(Object.values(row));
    expect(JSON.stringify(db.prepare('SELECT * FROM t WHERE id = ?').get('a'))).toBe(JSON.stringify(row));
  });

  it('refuses what SQLite would convert or refuse: numbers as text, text as numbers, NaN, fractions for integers, missing required values', () => {
    expect(() => storedRow(shape, { id: 'b', req: 5 })).toThrow(/TEXT, given 5/);
    expect(() => storedRow(shape, { id: 'b', req: 'x', n: '5' })).toThrow(/INTEGER, given text/);
    expect(() => storedRow(shape, { id: 'b', req: 'x', r: Number.NaN })).toThrow(/REAL, given NaN/);
    expect(() => storedRow(shape, { id: 'b', req: 'x', n: 1.5 })).toThrow(/INTEGER, given 1.5/);
    expect(() => storedRow(shape, { id: 'b' })).toThrow(/t.req must be given/);
    expect(() => storedRow(shape, { id: 'b', req: null })).toThrow(/NOT NULL/);
    expect(() => storedRow(shape, { id: 'b', req: 'x', o: { a: 1 } })).toThrow(/cannot store a object/);
  });

  it('refuses tables it cannot predict: not STRICT, a non-constant default, an unlisted trigger that writes its own row', () => {
    expect(() => readBulkShape(scratch('CREATE TABLE loose (id TEXT PRIMARY KEY);'), 'loose')).toThrow(/not STRICT/);
    const clock = readBulkShape(scratch('CREATE TABLE c (id TEXT PRIMARY KEY, at TEXT DEFAULT CURRENT_TIMESTAMP) STRICT;'), 'c');
    expect(() => storedRow(clock, { id: 'a' })).toThrow(/c.at must be given/);
    const selfWriting = scratch(`CREATE TABLE w (id TEXT PRIMARY KEY, v INTEGER) STRICT;
      CREATE TRIGGER w_number AFTER INSERT ON w BEGIN UPDATE w SET v = 1 WHERE id = NEW.id; END;`);
    expect(() => readBulkShape(selfWriting, 'w')).toThrow(/w_number writes the w row/);
  });
});

describe('ordered ids and clocks for bulk writes', () => {
  it('makes UUIDs v7 that sort in the order made and that the wire contract accepts', () => {
    const next = orderedUuids();
    const ids = Array.from({ length: 20_000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 100)) expect(z.uuid().parse(id)[14]).toBe('7');
  });

  it('gives n clocks with one read and one write, each later than the last, and the next tick later still', async () => {
    const core = await tempCore();
    const feed = new ChangeFeed(core.db, core.ctx.townshipId);
    const before = feed.clock.last();
    const { hlcs, origin } = feed.clock.tickMany(3000);
    expect(origin).toBe(feed.clock.origin());
    expect(new Set(hlcs).size).toBe(3000);
    expect([...hlcs].sort()).toEqual(hlcs);
    if (before) expect(hlcs[0]! > before).toBe(true);
    expect(feed.clock.last()).toBe(hlcs[2999]);
    expect(feed.clock.tick().hlc > hlcs[2999]!).toBe(true);
  });
});
