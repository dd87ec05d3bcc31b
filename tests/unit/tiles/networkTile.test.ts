import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/app';
import type { NetworkFeature } from '../../../shared/contract/network';
import type { NetworkTile, NetworkTileChanges } from '../../../shared/contract/networkTiles';
import { tempCore } from '../../helpers/tempDir';

type Core = Awaited<ReturnType<typeof tempCore>>;

async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

/** The XYZ tile holding lon/lat at zoom z. */
function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
}

/** Every feature of the tile by source-layer: its properties, as maplibre reads them. */
async function readTile(core: Core, at: { z: number; x: number; y: number }) {
  const tile = await ok<NetworkTile>(core, 'network.tile', at);
  const layers: Record<string, Record<string, unknown>[]> = {};
  if (tile.dataBase64) {
    const vt = new VectorTile(new PbfReader(Buffer.from(tile.dataBase64, 'base64')));
    for (const [name, layer] of Object.entries(vt.layers)) {
      layers[name] = Array.from({ length: layer.length }, (_v, i) => layer.feature(i).properties);
    }
  }
  return { layers, labelChars: tile.labelChars };
}

const at = tileAt(124.2005, 43.4005, 14);
const line = (i: number) => ({ type: 'LineString', coordinates: [[124.2 + i * 0.0002, 43.4], [124.2 + i * 0.0002, 43.401]] });

describe('network vector tiles (network.tile)', () => {
  it('carry each layer with the properties the map styles and clicks on, and the characters its labels write', async () => {
    const core = await tempCore();
    const ditch = await ok<NetworkFeature>(core, 'network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates: [[124.2, 43.4], [124.201, 43.401]] }, properties: { kind: 'main', name: '一号干沟' } });
    await ok(core, 'network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: [124.2005, 43.4005] }, properties: { name: '桥下堵点' } });
    const ring = [[124.199, 43.399], [124.202, 43.399], [124.202, 43.402], [124.199, 43.402], [124.199, 43.399]];
    await ok(core, 'network.create', { layer: 'area', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { kind: 'village', name: '三合堡村' } });
    const { layers, labelChars } = await readTile(core, at);
    expect(layers.ditch).toEqual([{ id: ditch.id, layer: 'ditch', name: '一号干沟', kind: 'main', condition: 'clear' }]);
    expect(layers.blockage).toMatchObject([{ layer: 'blockage', name: '桥下堵点', status: 'reported' }]);
    expect(layers.area).toMatchObject([{ layer: 'area', name: '三合堡村', kind: 'village' }]);
    // One label point per area, whatever tiles its polygon spans.
    expect(layers['area-label']).toMatchObject([{ name: '三合堡村', kind: 'village' }]);
    expect([...labelChars].sort()).toEqual([...new Set('一号干沟三合堡村桥下堵点')].sort());
    expect(await ok(core, 'network.tile', tileAt(120, 40, 14))).toEqual({ dataBase64: null, labelChars: '' });
  });

  it('follow every edit, delete and undo at once, and a write by another core on the same database', async () => {
    const core = await tempCore();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ok<NetworkFeature>(core, 'network.create', { layer: 'ditch', geometry: line(i), properties: { kind: 'field', name: `沟${i}` } })).id);
    const ditches = async () => (await readTile(core, at)).layers.ditch ?? [];
    expect((await ditches()).map((p) => p.name)).toEqual(['沟0', '沟1', '沟2', '沟3', '沟4']);

    await ok(core, 'network.update', { layer: 'ditch', id: ids[1], properties: { condition: 'blocked' } });
    // The edited ditch is drawn once, in its new state (the index's older copy is hidden).
    expect((await ditches()).filter((p) => p.id === ids[1])).toEqual([expect.objectContaining({ condition: 'blocked' })]);
    await ok(core, 'network.update', { layer: 'ditch', id: ids[2], geometry: { type: 'LineString', coordinates: [[125, 44], [125.001, 44.001]] } });
    expect((await ditches()).map((p) => p.name)).not.toContain('沟2');
    expect((await readTile(core, tileAt(125.0005, 44.0005, 14))).layers.ditch?.map((p) => p.name)).toEqual(['沟2']);
    await ok(core, 'network.delete', { layer: 'ditch', id: ids[3] });
    expect((await ditches()).map((p) => p.name).sort()).toEqual(['沟0', '沟1', '沟4']);
    await ok(core, 'network.undo', {});
    expect((await ditches()).map((p) => p.name).sort()).toEqual(['沟0', '沟1', '沟3', '沟4']);

    // Another core (a CLI beside the app, or sync) writes through its own connection: the feed carries it.
    const other = await openCore({ dataDir: core.ctx.dataDir, transport: 'cli' });
    try {
      await ok(other as Core, 'network.update', { layer: 'ditch', id: ids[0], properties: { name: '改名' } });
    } finally {
      other.close();
    }
    expect((await ditches()).filter((p) => p.id === ids[0])).toEqual([expect.objectContaining({ name: '改名' })]);
  });

  it('say where the map changed since a feed position, and to start over after an import', async () => {
    const core = await tempCore();
    const a = await ok<NetworkFeature>(core, 'network.create', { layer: 'ditch', geometry: line(0), properties: { kind: 'field', name: '沟' } });
    const start = await ok<NetworkTileChanges>(core, 'network.tileChanges', {});
    expect(start).toEqual({ seq: expect.any(Number), boxes: [], reset: false });
    await ok(core, 'network.update', { layer: 'ditch', id: a.id, geometry: { type: 'LineString', coordinates: [[125, 44], [125.001, 44.001]] } });
    const moved = await ok<NetworkTileChanges>(core, 'network.tileChanges', { afterSeq: start.seq });
    // Where it was and where it is now: both places must be drawn again.
    expect(moved.boxes).toEqual([[124.2, 43.4, 124.2, 43.401], [125, 44, 125.001, 44.001]]);
    expect(moved.reset).toBe(false);
    expect((await ok<NetworkTileChanges>(core, 'network.tileChanges', { afterSeq: moved.seq })).boxes).toEqual([]);

    const features = Array.from({ length: 2500 }, (_v, i) => ({ type: 'Feature', properties: { layer: 'ditch', name: `导${i}`, kind: 'field' }, geometry: line(i) }));
    const file = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })).toString('base64');
    const preview = await ok<{ previewId: string }>(core, 'import.preview', { fileName: 'big.geojson', dataBase64: file });
    await ok(core, 'import.commit', { previewId: preview.previewId, crs: 'wgs84' });
    expect((await ok<NetworkTileChanges>(core, 'network.tileChanges', { afterSeq: moved.seq })).reset).toBe(true);
    expect((await readTile(core, tileAt(124.2, 43.4005, 14))).layers.ditch?.length).toBeGreaterThan(50);
    // Zoomed out, 2,500 ditches in one tile are drawn as one merged line per kind and condition.
    const dense = (await readTile(core, tileAt(124.2, 43.4005, 8))).layers.ditch ?? [];
    expect(dense).toEqual([{ layer: 'ditch', kind: 'field', condition: 'clear' }]);
  });
});
