import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../../shared/contract/imports';
import type { NetworkCollection } from '../../../shared/contract/network';
import { ChangeFeed } from '../../../electron/core/db/feed/changeFeed';
import { commitImport, previewImport } from '../../../electron/core/services/imports/importService';
import { tempCore } from '../../helpers/tempDir';

// The desk and browser mode parse in the import worker, and a commit's rows are built there,
// slice by slice, while the core inserts: the same rows, the same refusals, nothing half-written.

type Core = Awaited<ReturnType<typeof tempCore>>;

async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

/** 1,234 ditches (several slices), culverts, a blockage and an area, with attributes and a multipart line; `bad`: that ditch's name is too long for the column. */
function network(bad?: number) {
  const features = [
    ...Array.from({ length: 1234 }, (_, i) => ({ type: 'Feature', properties: { layer: 'ditch', name: i === bad ? '长'.repeat(61) : `支沟${i}`, kind: 'branch', depth_m: i % 3 === 0 ? null : 1 + i / 1000, 编号: i }, geometry: { type: 'LineString', coordinates: [[124.2 + i * 1e-4, 43.4], [124.2 + i * 1e-4 + 3.3e-5, 43.4007]] } })),
    { type: 'Feature', properties: { layer: 'ditch', name: '多段沟' }, geometry: { type: 'MultiLineString', coordinates: [[[124.5, 43.4], [124.51, 43.41]], [[124.52, 43.4], [124.53, 43.41]]] } },
    ...Array.from({ length: 30 }, (_, i) => ({ type: 'Feature', properties: { layer: 'culvert', name: `涵管${i}`, diameter_m: 0.8 }, geometry: { type: 'Point', coordinates: [124.3 + i * 1e-4, 43.41] } })),
    { type: 'Feature', properties: { layer: 'blockage', name: '一号堵点', status: 'cleared' }, geometry: { type: 'Point', coordinates: [124.27, 43.42] } },
    { type: 'Feature', properties: { layer: 'area', name: '一号条田', kind: 'field_block' }, geometry: { type: 'Polygon', coordinates: [[[124.3, 43.3], [124.31, 43.3], [124.31, 43.31], [124.3, 43.31], [124.3, 43.3]]] } },
  ];
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
}

async function importFile(core: Core, bytes: Buffer, fileName = 'net.geojson'): Promise<ImportResult> {
  const p = await ok<ImportPreview>(core, 'import.preview', { fileName, dataBase64: bytes.toString('base64') });
  return ok<ImportResult>(core, 'import.commit', { previewId: p.previewId, crs: 'wgs84' });
}

/** Every stored row of the layers without what differs between two imports (ids, clocks, batch). */
function rows(core: Core) {
  return ['ditch', 'culvert', 'blockage', 'area'].flatMap((t) =>
    (core.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Record<string, unknown>[]).map((r) => {
      const { id: _id, township_id: _t, import_batch_id: _b, created_at: _c, updated_at: _u, status_at: _s, reported_at: _r, ...rest } = r;
      return { table: t, ...rest };
    }),
  );
}

const counts = (core: Core) => ['ditch', 'culvert', 'blockage', 'blockage_event', 'area', 'import_batch', 'change_feed', 'geo_rtree'].map((t) => (core.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);

describe('committing an import whose rows the import worker builds', () => {
  it('stores the same rows as the inline import, each feed copy equal to its row, all in the R*Tree, undone as one step', { timeout: 60_000 }, async () => {
    const inline = await tempCore();
    const worker = await tempCore({ parseInWorker: true });
    const a = await importFile(inline, network());
    const b = await importFile(worker, network());
    expect(b.counts).toEqual({ ditch: 1236, culvert: 30, blockage: 1, area: 1 });
    expect(b.counts).toEqual(a.counts);
    expect(b.warnings).toEqual(a.warnings);
    expect(rows(worker)).toEqual(rows(inline));
    const feed = new ChangeFeed(worker.db, worker.ctx.townshipId);
    const entries = feed.batch(b.batchId);
    expect(entries.filter((e) => e.table_name === 'ditch')).toHaveLength(1236);
    for (const e of entries) expect(e.row_json).toBe(JSON.stringify(feed.current(e.table_name, e.row_id)));
    expect(entries.filter((e) => e.table_name === 'blockage_event')).toHaveLength(1);
    expect(counts(worker)).toEqual(counts(inline));
    const undone = await ok<{ count: number }>(worker, 'network.undo', {});
    expect(undone.count).toBe(1268);
    expect((await ok<NetworkCollection>(worker, 'network.list', {})).features).toEqual([]);
  });

  it('writes nothing when one feature near the end is invalid, and names it', { timeout: 60_000 }, async () => {
    const core = await tempCore({ parseInWorker: true });
    const p = await ok<ImportPreview>(core, 'import.preview', { fileName: 'bad.geojson', dataBase64: network(1200).toString('base64') });
    const before = counts(core);
    const r = await core.dispatch('import.commit', { previewId: p.previewId, crs: 'wgs84' });
    expect(r).toMatchObject({ ok: false, error: { code: 'import_invalid' } });
    if (!r.ok) expect(r.error.message).toContain('第 1201 个');
    expect(counts(core)).toEqual(before);
    // The worker goes on serving: the good file imports afterwards.
    expect((await importFile(core, network())).counts.ditch).toBe(1236);
  });

  it('updates our own features in place when their export comes back', { timeout: 60_000 }, async () => {
    const core = await tempCore({ parseInWorker: true });
    await importFile(core, network());
    const file = await ok<{ text: string }>(core, 'network.export', { format: 'geojson' });
    const edited = JSON.parse(file.text) as { features: { properties: Record<string, unknown> }[] };
    edited.features.find((f) => f.properties.layer === 'ditch')!.properties.name = '改名的沟';
    const again = await importFile(core, Buffer.from(JSON.stringify(edited)), 'edited.geojson');
    expect(again.updated).toBe(1268);
    const names = (await ok<NetworkCollection>(core, 'network.list', {})).features.filter((f) => f.properties.layer === 'ditch').map((f) => f.properties.name);
    expect(names).toHaveLength(1236);
    expect(names).toContain('改名的沟');
  });

  it('copies back only the sample, and refuses as expired a preview the worker has let go (it keeps the last few)', { timeout: 60_000 }, async () => {
    const core = await tempCore({ parseInWorker: true });
    const { preview, view } = await previewImport(core.ctx.state.previews, 'first.geojson', network(), core.ctx.networkParser);
    expect(view.counts.total).toBe(1268 - 1);
    expect(view.sample.map((s) => s.name).slice(0, 2)).toEqual(['支沟0', '支沟1']);
    expect(preview.features).toHaveLength(20);
    for (let i = 0; i < 5; i++) await previewImport(core.ctx.state.previews, `other${i}.geojson`, Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: `点${i}` }, geometry: { type: 'Point', coordinates: [124.2, 43.4] } }] })), core.ctx.networkParser);
    const before = counts(core);
    expect(() => commitImport({ ...core.ctx, source: 'import' }, preview, { crs: 'wgs84' })).toThrow('choose the file again');
    expect(counts(core)).toEqual(before);
  });
});
