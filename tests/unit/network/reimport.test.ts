import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../../shared/contract/imports';
import type { NetworkCollection } from '../../../shared/contract/network';
import { tempCore } from '../../helpers/tempDir';

type Core = Awaited<ReturnType<typeof tempCore>>;

async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

const tables = (core: Core) => ['ditch', 'culvert', 'blockage', 'blockage_event', 'import_batch', 'change_feed'].map((t) => (core.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);

describe('re-importing our own export', () => {
  it('refuses a culvert turned into a blockage, naming it, instead of a 500 UNIQUE failure; nothing written', async () => {
    const core = await tempCore();
    await ok(core, 'network.create', { layer: 'culvert', geometry: { type: 'Point', coordinates: [124.205, 43.4025] }, properties: { name: '5号涵管' } });
    const file = await ok<{ text: string }>(core, 'network.export', { format: 'geojson' });
    const edited = JSON.parse(file.text) as { features: { properties: Record<string, unknown> }[] };
    edited.features[0]!.properties.layer = 'blockage';
    const p = await ok<ImportPreview>(core, 'import.preview', { fileName: 'edited.geojson', dataBase64: Buffer.from(JSON.stringify(edited)).toString('base64') });
    const before = tables(core);
    const r = await core.dispatch('import.commit', { previewId: p.previewId, crs: 'wgs84' });
    expect(r).toMatchObject({ ok: false, error: { code: 'import_invalid' } });
    if (!r.ok) {
      expect(r.error.message).toContain('“5号涵管”（原为涵管，文件中为堵点）');
      expect(r.error.messageEn).toContain('changed layer');
    }
    expect(tables(core)).toEqual(before);
  });

  it('keeps attributes through the database: import, export, re-import updates in place', async () => {
    const core = await tempCore();
    const geo = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { NAME_CN: '一号支沟', 管理单位: '三合乡水利站', 说明: '<b>2019</b> 清淤' }, geometry: { type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.405]] } }] };
    const p = await ok<ImportPreview>(core, 'import.preview', { fileName: 'a.geojson', dataBase64: Buffer.from(JSON.stringify(geo)).toString('base64') });
    await ok<ImportResult>(core, 'import.commit', { previewId: p.previewId, crs: 'wgs84' });
    const [ditch] = (await ok<NetworkCollection>(core, 'network.list', {})).features;
    expect(ditch?.properties).toMatchObject({ name: '一号支沟', note: '2019 清淤', attributes: { 管理单位: '三合乡水利站' } });
    const gpkg = await ok<{ base64: string; fileName: string }>(core, 'network.export', { format: 'gpkg' });
    const again = await ok<ImportPreview>(core, 'import.preview', { fileName: gpkg.fileName, dataBase64: gpkg.base64 });
    const result = await ok<ImportResult>(core, 'import.commit', { previewId: again.previewId, crs: again.detectedCrs ?? 'wgs84' });
    expect(result.updated).toBe(1);
    const after = (await ok<NetworkCollection>(core, 'network.list', {})).features;
    expect(after).toHaveLength(1);
    expect(after[0]?.properties).toMatchObject({ name: '一号支沟', attributes: { 管理单位: '三合乡水利站' } });
  });

  it('records the projected system used in the import batch', async () => {
    const core = await tempCore();
    const geo = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4550' } }, features: [{ type: 'Feature', properties: { name: '5号涵管' }, geometry: { type: 'Point', coordinates: [597000, 4806000] } }] };
    const p = await ok<ImportPreview>(core, 'import.preview', { fileName: 'gk.geojson', dataBase64: Buffer.from(JSON.stringify(geo)).toString('base64') });
    expect(p.detectedCrs).toBe('EPSG:4550');
    const r = await ok<ImportResult>(core, 'import.commit', { previewId: p.previewId, crs: 'EPSG:4550' });
    expect(r.crs).toBe('EPSG:4550');
    expect(core.db.prepare('SELECT crs FROM import_batch').get()).toEqual({ crs: 'EPSG:4550' });
    const bad = await core.dispatch('import.commit', { previewId: p.previewId, crs: 'EPSG:9999' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
