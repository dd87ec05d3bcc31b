import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../../shared/contract/imports';
import type { NetworkCollection } from '../../../shared/contract/network';
import { gcj02ToWgs84 } from '../../../shared/geo/gcj02';
import { tempCore } from '../../helpers/tempDir';

type Core = Awaited<ReturnType<typeof tempCore>>;
const FIXTURES = join(process.cwd(), 'tests/fixtures/network');

async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

const preview = (core: Core, fileName: string, bytes: Buffer) => ok<ImportPreview>(core, 'import.preview', { fileName, dataBase64: bytes.toString('base64') });
const count = (core: Core) => ok<NetworkCollection>(core, 'network.list', {}).then((c) => c.features.length);

describe('network import through the contract', () => {
  it('imports an Ovital KML as GCJ-02, converting positions to WGS84, and undoes it as one step', async () => {
    const core = await tempCore();
    const bytes = readFileSync(join(FIXTURES, 'ovital-field-team.ovkml'));
    const p = await preview(core, 'ovital-field-team.ovkml', bytes);
    expect(p.detectedCrs).toBe('gcj02');
    expect(await count(core)).toBe(0); // a preview writes nothing
    const result = await ok<ImportResult>(core, 'import.commit', { previewId: p.previewId, crs: 'gcj02' });
    expect(result.counts.ditch).toBe(1);
    const all = await ok<NetworkCollection>(core, 'network.list', {});
    const point = all.features.find((f) => f.properties.name === '3号堵点');
    const [lon, lat] = gcj02ToWgs84(124.22111111514405, 43.408986317530044);
    expect(point?.geometry.coordinates).toEqual([expect.closeTo(lon, 9), expect.closeTo(lat, 9)]);
    const undone = await ok<{ count: number }>(core, 'network.undo', {});
    expect(undone.count).toBe(all.features.length);
    expect(await count(core)).toBe(0);
  });

  it('round-trips our own GeoJSON export into a fresh database with the same ids and attributes', async () => {
    const a = await tempCore();
    const ditch = await ok<{ id: string }>(a, 'network.create', {
      layer: 'ditch',
      geometry: { type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.4]] },
      properties: { kind: 'branch', name: '三合堡三号支沟', village: '三合堡村', bottom_width_m: 1.5, depth_m: 1.25, side_slope: 2, manning_n: 0.025, slope: 0.0005, condition: 'silted', work: 'cleared', work_date: '2026-07-01' },
    });
    const file = await ok<{ text: string; fileName: string }>(a, 'network.export', { format: 'geojson' });
    expect(JSON.parse(file.text).features[0].properties).toMatchObject({ layer: 'ditch', name: '三合堡三号支沟', kind: 'branch', condition: 'silted', work: 'cleared', work_date: '2026-07-01', bottom_width_m: 1.5 });
    const b = await tempCore();
    const p = await preview(b, file.fileName, Buffer.from(file.text));
    await ok(b, 'import.commit', { previewId: p.previewId, crs: p.detectedCrs ?? 'wgs84' });
    const back = await ok<NetworkCollection>(b, 'network.list', {});
    expect(back.features).toHaveLength(1);
    expect(back.features[0]!.id).toBe(ditch.id);
    expect(back.features[0]!.properties).toMatchObject({ name: '三合堡三号支沟', village: '三合堡村', kind: 'branch', condition: 'silted', side_slope: 2, manning_n: 0.025 });
  });

  it('answers a broken file with a message naming it, and writes nothing', async () => {
    const core = await tempCore();
    for (const name of ['bad-truncated.kml', 'bad-nan.geojson', 'bad-no-shp.zip', 'bad-empty.geojson', 'bad-out-of-range.geojson']) {
      const r = await core.dispatch('import.preview', { fileName: name, dataBase64: readFileSync(join(FIXTURES, name)).toString('base64') });
      expect(r, name).toMatchObject({ ok: false, error: { code: 'import_invalid' } });
      if (!r.ok) expect(r.error.message).toContain(name);
    }
    expect(await count(core)).toBe(0);
    expect(core.db.prepare('SELECT count(*) AS n FROM import_batch').get()).toEqual({ n: 0 });
  });

  it('refuses a commit whose preview has expired or never existed', async () => {
    const core = await tempCore();
    expect(await core.dispatch('import.commit', { previewId: 'nope', crs: 'wgs84' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
