import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../../shared/contract/imports';
import type { NetworkCollection } from '../../../shared/contract/network';
import { ChangeFeed, type FeedRow } from '../../../electron/core/db/feed/changeFeed';
import { NetworkRepository } from '../../../electron/core/db/repositories/networkRepository';
import { tempCore } from '../../helpers/tempDir';

type Core = Awaited<ReturnType<typeof tempCore>>;

async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

/** A file with every layer, filled and empty fields, kept attributes, a multipart line and a blockage with its own status. */
function mixedFile() {
  const line = (x: number) => [[124.2 + x, 43.4], [124.2 + x + 0.01, 43.401], [124.2 + x + 0.02, 43.4]];
  const features = [
    ...[0, 1, 2].map((i) => ({ type: 'Feature', properties: { layer: 'ditch', name: `三号支沟${i}`, kind: 'branch', bottom_width_m: 1.5, depth_m: i === 0 ? null : 1.2, 管理单位: '水利站', 长度备注: i }, geometry: { type: 'LineString', coordinates: line(i / 10) } })),
    { type: 'Feature', properties: { layer: 'ditch', name: '多段沟' }, geometry: { type: 'MultiLineString', coordinates: [line(0.5), line(0.6)] } },
    { type: 'Feature', properties: { layer: 'culvert', name: '一号涵管', diameter_m: 0.8, barrels: 2 }, geometry: { type: 'Point', coordinates: [124.25, 43.41] } },
    { type: 'Feature', properties: { layer: 'culvert', name: '二号涵管' }, geometry: { type: 'Point', coordinates: [124.26, 43.41] } },
    { type: 'Feature', properties: { layer: 'blockage', name: '一号堵点', note: '草多' }, geometry: { type: 'Point', coordinates: [124.27, 43.42] } },
    { type: 'Feature', properties: { layer: 'blockage', name: '二号堵点', status: 'cleared' }, geometry: { type: 'Point', coordinates: [124.28, 43.42] } },
    { type: 'Feature', properties: { layer: 'area', name: '一号条田', kind: 'field_block' }, geometry: { type: 'Polygon', coordinates: [[[124.3, 43.3], [124.31, 43.3], [124.31, 43.31], [124.3, 43.31], [124.3, 43.3]]] } },
  ];
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
}

async function importFile(core: Core, bytes: Buffer): Promise<ImportResult> {
  const p = await ok<ImportPreview>(core, 'import.preview', { fileName: 'mixed.geojson', dataBase64: bytes.toString('base64') });
  return ok<ImportResult>(core, 'import.commit', { previewId: p.previewId, crs: 'wgs84' });
}

const entriesOf = (core: Core, batchId: string) => new ChangeFeed(core.db, core.ctx.townshipId).batch(batchId);

describe('bulk import: every row with its feed entry, written without reading rows back or copying them', () => {
  it('gives every imported row one feed entry whose row equals the row as stored, defaults and triggers included', async () => {
    const core = await tempCore();
    const result = await importFile(core, mixedFile());
    expect(result.counts).toEqual({ ditch: 5, culvert: 2, blockage: 2, area: 1 });
    const feed = new ChangeFeed(core.db, core.ctx.townshipId);
    const entries = entriesOf(core, result.batchId);
    const byTable = (t: string) => entries.filter((e) => e.table_name === t);
    expect(byTable('import_batch')).toHaveLength(1);
    expect(byTable('ditch')).toHaveLength(5);
    expect(byTable('culvert')).toHaveLength(2);
    expect(byTable('blockage')).toHaveLength(2);
    expect(byTable('blockage_event')).toHaveLength(2);
    expect(byTable('area')).toHaveLength(1);
    // The feed keeps no copy of a bulk-inserted row (by reference, migration 0016); every reader gets it materialised.
    expect(core.db.prepare("SELECT count(*) AS n FROM change_feed WHERE batch_id = ? AND row_json IS NULL AND row_by_ref = 1").get(result.batchId)).toEqual({ n: entries.length - 1 });
    for (const e of entries) {
      expect(e.op).toBe('insert');
      // Byte for byte what a read-back gives, in SQLite's column order.
      expect(e.row_json).toBe(JSON.stringify(feed.current(e.table_name, e.row_id)));
    }
    // Each row once: no update entries after the inserts.
    expect(new Set(entries.map((e) => `${e.table_name}:${e.row_id}`)).size).toBe(entries.length);
    // Columns the import never names came from their declared defaults; the event's number from the table's order.
    const blockage = JSON.parse(byTable('blockage').find((e) => e.row_json!.includes('二号堵点'))!.row_json!) as Record<string, unknown>;
    expect(blockage).toMatchObject({ status: 'cleared', excavators: 0, long_arm_excavators: 0, pumps: 0, team_id: null, cause: null, attributes: '{}' });
    expect(blockage.status_at).toBe(blockage.reported_at);
    const events = byTable('blockage_event').map((e) => JSON.parse(e.row_json!) as { seq: number; kind: string; to_status: string; from_status: null });
    expect(events.map((e) => [e.kind, e.from_status])).toEqual([['report', null], ['report', null]]);
    expect(events[1]!.seq).toBe(events[0]!.seq + 1);
    expect(events.map((e) => e.to_status).sort()).toEqual(['cleared', 'reported']);
    const ditch = JSON.parse(byTable('ditch')[0]!.row_json!) as Record<string, unknown>;
    expect(ditch).toMatchObject({ condition: 'clear', work: 'existing', village: '', note: '', depth_m: null, bottom_width_m: 1.5 });
    expect(JSON.parse(String(ditch.attributes))).toEqual({ 管理单位: '水利站', 长度备注: 0 });
    // Clocks go forward in the order appended; change ids are UUIDs the wire accepts.
    const clocks = entries.map((e) => e.hlc);
    expect([...clocks].sort()).toEqual(clocks);
    expect(new Set(clocks).size).toBe(clocks.length);
    expect(feed.since(entries[0]!.seq - 1, 100).map((x) => x.entry.changeId)).toEqual(entries.map((e) => e.change_id));
  });

  it('keeps every feed row equal to its stored row and every feature in the R*Tree across many-row statements and slices', async () => {
    const core = await tempCore();
    // 1,234 ditches and 150 culverts: full 100-row statements, a remainder row by row, and several 500-feature slices.
    const features = [
      ...Array.from({ length: 1234 }, (_, i) => ({ type: 'Feature', properties: { layer: 'ditch', name: `支沟${i}`, kind: 'branch', depth_m: i % 3 === 0 ? null : 1 + i / 1000, 编号: i }, geometry: { type: 'LineString', coordinates: [[124.2 + i * 1e-4, 43.4], [124.2 + i * 1e-4 + 3.3e-5, 43.4007]] } })),
      ...Array.from({ length: 150 }, (_, i) => ({ type: 'Feature', properties: { layer: 'culvert', name: `涵管${i}`, diameter_m: 0.8 }, geometry: { type: 'Point', coordinates: [124.3 + i * 1e-4, 43.41] } })),
    ];
    const result = await importFile(core, Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })));
    expect(result.counts).toEqual({ ditch: 1234, culvert: 150, blockage: 0, area: 0 });
    const feed = new ChangeFeed(core.db, core.ctx.townshipId);
    const entries = entriesOf(core, result.batchId).filter((e) => e.table_name !== 'import_batch');
    expect(entries).toHaveLength(1384);
    for (const e of entries) expect(e.row_json).toBe(JSON.stringify(feed.current(e.table_name, e.row_id)));
    // In the file's order, each name once.
    expect(entries.filter((e) => e.table_name === 'ditch').map((e) => (JSON.parse(e.row_json!) as { name: string }).name)).toEqual(features.slice(0, 1234).map((f) => f.properties.name));
    const indexed = core.db.prepare('SELECT f.layer, count(*) AS n FROM geo_feature f JOIN geo_rtree r ON r.gid = f.gid GROUP BY f.layer ORDER BY f.layer').all();
    expect(indexed).toEqual([{ layer: 'culvert', n: 150 }, { layer: 'ditch', n: 1234 }]);
    const repo = new NetworkRepository(core.db, core.ctx.townshipId);
    expect(repo.list('ditch', [124.29995, 43.399, 124.30002, 43.401]).map((r) => r.name)).toEqual(['支沟1000']);
  });

  it('enters every imported feature into the R*Tree, so a box query finds them, and clears the bulk flag', async () => {
    const core = await tempCore();
    await importFile(core, mixedFile());
    const repo = new NetworkRepository(core.db, core.ctx.townshipId);
    expect(core.db.prepare('SELECT count(*) AS n FROM geo_bulk_load').get()).toEqual({ n: 0 });
    const indexed = core.db.prepare(
      `SELECT f.layer, count(*) AS n FROM geo_feature f JOIN geo_rtree r ON r.gid = f.gid GROUP BY f.layer ORDER BY f.layer`,
    ).all();
    expect(indexed).toEqual([{ layer: 'area', n: 1 }, { layer: 'blockage', n: 2 }, { layer: 'culvert', n: 2 }, { layer: 'ditch', n: 5 }]);
    // The box of each row is its own (the R*Tree keeps 32-bit floats, rounded outwards).
    const wrong = core.db.prepare(
      `SELECT count(*) AS n FROM ditch d JOIN geo_feature f ON f.feature_id = d.id JOIN geo_rtree r ON r.gid = f.gid
       WHERE r.min_lon > d.min_lon OR r.max_lon < d.max_lon OR r.min_lat > d.min_lat OR r.max_lat < d.max_lat
          OR d.min_lon - r.min_lon > 1e-4 OR r.max_lon - d.max_lon > 1e-4 OR d.min_lat - r.min_lat > 1e-4 OR r.max_lat - d.max_lat > 1e-4`,
    ).get();
    expect(wrong).toEqual({ n: 0 });
    expect(repo.list('ditch', [124.19, 43.39, 124.305, 43.41]).map((r) => r.name).sort()).toEqual(['三号支沟0', '三号支沟1']);
    expect(repo.list('culvert', [124.255, 43.405, 124.265, 43.415]).map((r) => r.name)).toEqual(['二号涵管']);
    // A feature drawn afterwards enters the index by trigger as before.
    await ok(core, 'network.create', { layer: 'culvert', geometry: { type: 'Point', coordinates: [124.5, 43.5] }, properties: { name: '新涵管' } });
    expect(repo.list('culvert', [124.49, 43.49, 124.51, 43.51]).map((r) => r.name)).toEqual(['新涵管']);
  });

  it('undoes the whole import as one step: every feature gone from the map and the index', async () => {
    const core = await tempCore();
    await importFile(core, mixedFile());
    const undone = await ok<{ count: number }>(core, 'network.undo', {});
    expect(undone.count).toBe(10);
    expect((await ok<NetworkCollection>(core, 'network.list', {})).features).toEqual([]);
    expect(core.db.prepare('SELECT count(*) AS n FROM geo_feature').get()).toEqual({ n: 0 });
    expect(core.db.prepare('SELECT count(*) AS n FROM geo_rtree').get()).toEqual({ n: 0 });
  });

  it('writes nothing at all when one row of a bulk insert fails: rows, feed, index and flag as before', async () => {
    const core = await tempCore();
    const repo = new NetworkRepository(core.db, core.ctx.townshipId);
    const feedBefore = new ChangeFeed(core.db, core.ctx.townshipId).lastSeq();
    const at = new Date().toISOString();
    const row = (id: string, kind: string) => ({
      id, township_id: core.ctx.townshipId, name: id, geometry: '{"type":"Point","coordinates":[124.2,43.4]}', min_lon: 124.2, min_lat: 43.4, max_lon: 124.2, max_lat: 43.4,
      source: 'import', import_batch_id: null, created_at: at, updated_at: at, deleted_at: null, kind, length_m: 0,
    });
    const meta = { batchId: 'b', source: 'import', at, action: 'import' };
    // The second row breaks the table's CHECK on kind: SQLite refuses it mid-batch.
    expect(() => core.db.transaction(() => repo.insertMany('ditch', [row('a1', 'branch'), row('a2', 'canal')], meta))()).toThrow(/CHECK/);
    // So does row 150 of 250, inside the second 100-row statement, after a whole statement went in.
    const many = Array.from({ length: 250 }, (_, i) => row(`m${i}`, i === 150 ? 'canal' : 'branch'));
    expect(() => core.db.transaction(() => repo.insertMany('ditch', many, meta))()).toThrow(/CHECK/);
    expect(core.db.prepare('SELECT count(*) AS n FROM ditch').get()).toEqual({ n: 0 });
    expect(core.db.prepare('SELECT count(*) AS n FROM geo_feature').get()).toEqual({ n: 0 });
    expect(core.db.prepare('SELECT count(*) AS n FROM geo_bulk_load').get()).toEqual({ n: 0 });
    expect(new ChangeFeed(core.db, core.ctx.townshipId).lastSeq()).toBe(feedBefore);
    // Outside a transaction it refuses to start (a bulk write is always all-or-nothing).
    expect(() => repo.insertMany('ditch', [row('a3', 'branch')], meta)).toThrow(/transaction/);
    const entries: FeedRow[] = entriesOf(core, 'b');
    expect(entries).toEqual([]);
  });
});
