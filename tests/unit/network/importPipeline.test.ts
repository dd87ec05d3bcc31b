import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../../shared/contract/imports';
import type { NetworkCollection } from '../../../shared/contract/network';
import { tempCore } from '../../helpers/tempDir';

// A commit inserts its first slices while the rest of the file is still being validated and built
// (in the import worker, or inline for the CLI). What the user sees must not change: a bad feature
// anywhere writes nothing and every bad one is named; our own export updates in place, wherever in
// the file its features come; a feature that changed layer is refused before anything is written.

type Core = Awaited<ReturnType<typeof tempCore>>;
type Feature = { type: 'Feature'; properties: Record<string, unknown>; geometry: unknown };

async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

const tables = (core: Core) => ['ditch', 'culvert', 'blockage', 'blockage_event', 'area', 'import_batch', 'change_feed', 'geo_rtree'].map((t) => (core.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);

/** `n` new ditches (several insert slices' worth), numbered from `from`. */
const ditches = (n: number, from = 0): Feature[] =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { type: 'Feature', properties: { layer: 'ditch', name: `支沟${i}`, kind: 'branch' }, geometry: { type: 'LineString', coordinates: [[124.2 + i * 1e-4, 43.4], [124.2 + i * 1e-4 + 3.3e-5, 43.4007]] } };
  });

const file = (features: Feature[]) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })).toString('base64');

async function preview(core: Core, features: Feature[], fileName: string): Promise<ImportPreview> {
  return ok<ImportPreview>(core, 'import.preview', { fileName, dataBase64: file(features) });
}

async function exported(core: Core): Promise<Feature[]> {
  const text = (await ok<{ text: string }>(core, 'network.export', { format: 'geojson' })).text;
  return (JSON.parse(text) as { features: Feature[] }).features;
}

describe.each([
  { where: 'in the import worker', parseInWorker: true },
  { where: 'inline (CLI)', parseInWorker: false },
])('an import committed slice by slice, $where', ({ parseInWorker }) => {
  it('writes nothing when bad features come after the first slices, and names every one of them', { timeout: 60_000 }, async () => {
    const core = await tempCore({ parseInWorker });
    const features = ditches(1800);
    features[1500]!.properties.name = '长'.repeat(61);
    features[1790]!.properties.village = '村'.repeat(41);
    features.push({ type: 'Feature', properties: { layer: 'culvert', name: '长'.repeat(61) }, geometry: { type: 'Point', coordinates: [124.3, 43.41] } });
    const p = await preview(core, features, 'bad.geojson');
    const before = tables(core);
    const r = await core.dispatch('import.commit', { previewId: p.previewId, crs: 'wgs84' });
    expect(r).toMatchObject({ ok: false, error: { code: 'import_invalid' } });
    if (!r.ok) {
      expect(r.error.message).toContain('有 3 个要素的属性不符合要求');
      expect(r.error.message).toMatch(/第 1501 个.*第 1791 个.*第 1801 个/);
      expect(r.error.messageEn).toContain('nothing was imported');
    }
    expect(tables(core)).toEqual(before);
    expect((await ok<NetworkCollection>(core, 'network.list', {})).features).toEqual([]);
  });

  it('updates our exported features in place when they come back after a thousand new ones', { timeout: 60_000 }, async () => {
    const core = await tempCore({ parseInWorker });
    await ok<ImportResult>(core, 'import.commit', { previewId: (await preview(core, ditches(600), 'first.geojson')).previewId, crs: 'wgs84' });
    const ours = await exported(core);
    ours[599]!.properties.name = '改名的沟';
    const p = await preview(core, [...ditches(1200, 5000), ...ours], 'again.geojson');
    const result = await ok<ImportResult>(core, 'import.commit', { previewId: p.previewId, crs: 'wgs84' });
    expect(result.updated).toBe(600);
    expect(result.counts.ditch).toBe(1800);
    const names = (await ok<NetworkCollection>(core, 'network.list', {})).features.map((f) => f.properties.name);
    expect(names).toHaveLength(1800);
    expect(names).toContain('改名的沟');
    expect(names).not.toContain('支沟599');
  });

  it('refuses a culvert that came back as a blockage at the end of a long file, writing nothing', { timeout: 60_000 }, async () => {
    const core = await tempCore({ parseInWorker });
    await ok(core, 'network.create', { layer: 'culvert', geometry: { type: 'Point', coordinates: [124.205, 43.4025] }, properties: { name: '5号涵管' } });
    const culvert = (await exported(core))[0]!;
    culvert.properties.layer = 'blockage';
    const p = await preview(core, [...ditches(1500), culvert], 'moved.geojson');
    const before = tables(core);
    const r = await core.dispatch('import.commit', { previewId: p.previewId, crs: 'wgs84' });
    expect(r).toMatchObject({ ok: false, error: { code: 'import_invalid' } });
    if (!r.ok) expect(r.error.message).toContain('第 1501 个“5号涵管”（原为涵管，文件中为堵点）');
    expect(tables(core)).toEqual(before);
  });
});
