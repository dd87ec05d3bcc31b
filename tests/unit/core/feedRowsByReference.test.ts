import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../../shared/contract/imports';
import { applyMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migration0016 } from '../../../electron/core/db/migrations/0016-feed-rows-by-reference';
import { ChangeFeed } from '../../../electron/core/db/feed/changeFeed';
import { TownshipRepository } from '../../../electron/core/db/repositories/townshipRepository';
import { tempCore } from '../../helpers/tempDir';

type Core = Awaited<ReturnType<typeof tempCore>>;

async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

/** Four ditches and two culverts (geodesic lengths: REALs of many digits), imported from a file. */
async function importSome(core: Core): Promise<ImportResult> {
  const features = [
    ...[0, 1, 2, 3].map((i) => ({ type: 'Feature', properties: { layer: 'ditch', name: `支沟${i}`, kind: 'branch', depth_m: 1.2 }, geometry: { type: 'LineString', coordinates: [[124.2 + i / 100, 43.4], [124.2 + i / 100 + 0.003, 43.4011]] } })),
    ...[0, 1].map((i) => ({ type: 'Feature', properties: { layer: 'culvert', name: `涵管${i}`, diameter_m: 0.8 }, geometry: { type: 'Point', coordinates: [124.3 + i / 100, 43.41] } })),
  ];
  const bytes = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
  const p = await ok<ImportPreview>(core, 'import.preview', { fileName: 'some.geojson', dataBase64: bytes.toString('base64') });
  return ok<ImportResult>(core, 'import.commit', { previewId: p.previewId, crs: 'wgs84' });
}

/** Each imported row as stored right after the import (JSON.stringify of SELECT *), by table:id. */
function storedNow(core: Core, batchId: string): Map<string, string> {
  const feed = new ChangeFeed(core.db, core.ctx.townshipId);
  const raw = core.db.prepare("SELECT table_name, row_id FROM change_feed WHERE batch_id = ? AND table_name IN ('ditch', 'culvert') ORDER BY seq").all(batchId) as { table_name: string; row_id: string }[];
  return new Map(raw.map((e) => [`${e.table_name}:${e.row_id}`, JSON.stringify(feed.current(e.table_name, e.row_id))]));
}

/** The import's entries as every reader gets them (history, undo and sync alike), by table:id. */
function asRead(core: Core, batchId: string): Map<string, string | null> {
  const feed = new ChangeFeed(core.db, core.ctx.townshipId);
  return new Map(feed.batch(batchId).filter((e) => e.table_name !== 'import_batch').map((e) => [`${e.table_name}:${e.row_id}`, e.row_json]));
}

describe('change feed: a bulk insert carries its rows by reference', () => {
  it('stores no copy, and every reader gets the row as imported byte for byte, through edits, deletes and a re-insert', async () => {
    const core = await tempCore();
    const result = await importSome(core);
    const original = storedNow(core, result.batchId);
    expect(original.size).toBe(6);
    // As stored: no copy of the row, marked by reference.
    const raw = core.db.prepare("SELECT row_json, row_by_ref FROM change_feed WHERE batch_id = ? AND table_name IN ('ditch', 'culvert')").all(result.batchId);
    expect(raw).toEqual(Array.from({ length: 6 }, () => ({ row_json: null, row_by_ref: 1 })));
    expect(asRead(core, result.batchId)).toEqual(original);

    const [d0, d1, d2, d3] = [...original.keys()].filter((k) => k.startsWith('ditch:')).map((k) => k.slice('ditch:'.length));
    const [c0] = [...original.keys()].filter((k) => k.startsWith('culvert:')).map((k) => k.slice('culvert:'.length));
    // Edited twice, soft-deleted, hard-deleted and then made again under the same id.
    await ok(core, 'network.update', { layer: 'ditch', id: d0, properties: { name: '改名一次', depth_m: 2 } });
    await ok(core, 'network.update', { layer: 'ditch', id: d0, properties: { name: '改名两次' } });
    await ok(core, 'network.delete', { layer: 'ditch', id: d1 });
    const feed = new ChangeFeed(core.db, core.ctx.townshipId);
    const meta = { batchId: 'hand', source: 'desk', at: new Date().toISOString(), action: 'delete' };
    const again = JSON.parse(original.get(`culvert:${c0}`)!) as Record<string, unknown>;
    core.db.transaction(() => {
      // The R*Tree's own rows go too (local index, not in the feed), so the same id can enter it again.
      core.db.prepare('DELETE FROM geo_rtree WHERE gid = (SELECT gid FROM geo_feature WHERE feature_id = ?)').run(c0);
      core.db.prepare('DELETE FROM geo_feature WHERE feature_id = ?').run(c0);
      feed.write('culvert', c0!, meta, () => core.db.prepare('DELETE FROM culvert WHERE id = ?').run(c0));
      feed.write('culvert', c0!, { ...meta, action: 'create' }, () =>
        core.db.prepare(`INSERT INTO culvert (${Object.keys(again).join(', ')}) VALUES (${Object.keys(again).map(() => '?').join(', ')})`).run(...Object.values({ ...again, name: '新涵管' })),
      );
    })();
    expect(feed.current('ditch', d0!)!.name).toBe('改名两次');
    expect(feed.current('culvert', c0!)!.name).toBe('新涵管');
    expect(asRead(core, result.batchId)).toEqual(original);
    // Untouched rows still come from their table.
    expect(asRead(core, result.batchId).get(`ditch:${d2}`)).toBe(JSON.stringify(feed.current('ditch', d2!)));

    // A sync push reads the same full rows, page after page.
    const pushed = new Map<string, unknown>();
    for (let seq = 0; ; ) {
      const page = feed.since(seq, 2);
      if (page.length === 0) break;
      for (const { entry } of page) if (entry.batchId === result.batchId && entry.table !== 'import_batch') pushed.set(`${entry.table}:${entry.rowId}`, entry.row);
      seq = page[page.length - 1]!.seq;
    }
    expect(pushed).toEqual(new Map([...original].map(([k, v]) => [k, JSON.parse(v)])));
    // History names the file and its count, as with copies.
    const history = await ok<{ featureName: string }[]>(core, 'network.history', {});
    expect(history.map((h) => h.featureName)).toContain('some.geojson（4）');
    expect(asRead(core, result.batchId).get(`ditch:${d3}`)).toBe(original.get(`ditch:${d3}`));
  });

  it('gives back the township the row was written under after the desk adopted the county’s id', async () => {
    const core = await tempCore();
    const result = await importSome(core);
    const original = storedNow(core, result.batchId);
    const [d0] = [...original.keys()].filter((k) => k.startsWith('ditch:')).map((k) => k.slice('ditch:'.length));
    new TownshipRepository(core.db).adoptId(core.ctx.townshipId, 'county-id');
    core.ctx.database.townshipId = 'county-id';
    await ok(core, 'network.update', { layer: 'ditch', id: d0, properties: { name: '改名' } });
    const feed = new ChangeFeed(core.db, 'county-id');
    const entries = new Map(feed.since(0, 10_000).filter((x) => x.entry.batchId === result.batchId && x.entry.table !== 'import_batch').map((x) => [`${x.entry.table}:${x.entry.rowId}`, JSON.stringify(x.entry.row)]));
    expect(entries).toEqual(original);
  });

  it('undoes an import in one step', async () => {
    const core = await tempCore();
    await importSome(core);
    expect((await ok<{ count: number }>(core, 'network.undo', {})).count).toBe(6);
    expect(core.db.prepare('SELECT count(*) AS n FROM ditch WHERE deleted_at IS NULL').get()).toEqual({ n: 0 });
  });
});

describe('migration 0016: feed rows by reference', () => {
  it('keeps every entry of an existing feed as it was, and guards the new column', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = migrations.slice(0, migration0016.version - 1);
    applyMigrations(db, before);
    const insert = db.prepare(
      `INSERT INTO change_feed (change_id, township_id, table_name, row_id, op, row_json, before_json, hlc, origin, batch_id, source, action, at, syncable)
       VALUES (?, 't', 'ditch', ?, ?, ?, ?, ?, 'o', 'b', 'desk', 'x', 'a', ?)`,
    );
    insert.run('c1', 'd1', 'insert', '{"id":"d1","name":"甲"}', null, '1', 1);
    insert.run('c2', 'd1', 'update', '{"id":"d1","name":"乙"}', '{"id":"d1","name":"甲"}', '2', 1);
    insert.run('c3', 'd1', 'delete', null, '{"id":"d1","name":"乙"}', '3', 1);
    // History moved in by 0007: an undone create there has no row after it.
    insert.run('c4', 'd2', 'update', null, '{"id":"d2"}', '4', 0);
    const rows = db.prepare('SELECT * FROM change_feed ORDER BY seq').all();

    applyMigrations(db, [...before, migration0016]);
    expect(db.prepare('SELECT * FROM change_feed ORDER BY seq').all()).toEqual(rows.map((r) => ({ ...(r as object), row_by_ref: 0 })));
    // By reference: an insert without a copy, and nothing else may lack its row.
    expect(() => db.prepare("INSERT INTO change_feed (change_id, township_id, table_name, row_id, op, row_json, hlc, origin, batch_id, source, action, at, row_by_ref) VALUES ('c5', 't', 'ditch', 'd3', 'insert', '{}', '5', 'o', 'b', 's', 'x', 'a', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO change_feed (change_id, township_id, table_name, row_id, op, row_json, hlc, origin, batch_id, source, action, at, row_by_ref) VALUES ('c6', 't', 'ditch', 'd3', 'update', NULL, '6', 'o', 'b', 's', 'x', 'a', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO change_feed (change_id, township_id, table_name, row_id, op, row_json, hlc, origin, batch_id, source, action, at) VALUES ('c7', 't', 'ditch', 'd3', 'insert', NULL, '7', 'o', 'b', 's', 'x', 'a')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO change_feed (change_id, township_id, table_name, row_id, op, row_json, hlc, origin, batch_id, source, action, at, row_by_ref) VALUES ('c8', 't', 'ditch', 'd3', 'insert', NULL, '8', 'o', 'b', 's', 'x', 'a', 1)").run();
    // Still append-only, the new column too.
    expect(() => db.prepare("UPDATE change_feed SET row_by_ref = 0 WHERE change_id = 'c8'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE change_feed SET row_json = '{}' WHERE change_id = 'c8'").run()).toThrow(/append-only/);
  });
});
