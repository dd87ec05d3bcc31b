import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import type { NetworkTile } from '../../../shared/contract/networkTiles';
import { generaliseLines, OVERVIEW_GRID } from '../../../electron/core/services/tiles/overviewLines';
import { tempCore } from '../../helpers/tempDir';

type Core = Awaited<ReturnType<typeof tempCore>>;
type Point = [number, number];

/** How far p is from the nearest of the polylines (tile units). */
function distanceTo(p: Point, lines: Point[][]): number {
  let best = Infinity;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const a = line[i]!;
      const b = line[Math.min(i + 1, line.length - 1)]!;
      const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
      const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
      best = Math.min(best, Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy)));
    }
  }
  return best;
}

describe('generalised overview lines', () => {
  it('join segments that meet into one polyline without its in-between vertices, once however often a segment repeats', () => {
    const row: Point[][] = Array.from({ length: 50 }, (_v, i) => [[i * 40, 100], [i * 40 + 40, 100]]);
    // y 100 snaps to the nearest multiple of the 8-unit grid.
    expect(generaliseLines([...row, ...row.slice(0, 10)])).toEqual([[[0, 104], [2000, 104]]]);
  });

  it('keep a gap wider than a pixel, a junction and a bend, and cover every input position to within a grid step', () => {
    const lines: Point[][] = [
      [[0, 0], [400, 0]],
      [[420, 0], [800, 0]], // 20 units (2.5 px) apart: a gap the user can see stays
      [[200, 0], [200, 300]], // a branch ditch meeting the first one in its middle
      [[800, 0], [800, 400], [1200, 400]], // a bend
      [[3, 301], [5, 303]], // shorter than a pixel: still drawn, as a dot
    ];
    const out = generaliseLines(lines);
    expect(out.some((l) => l.some(([x]) => x === 400)) && out.some((l) => l.some(([x]) => x === 424 || x === 416))).toBe(true);
    expect(out.filter((l) => l.length === 2 && l[0]![0] === l[1]![0] && l[0]![1] === l[1]![1])).toHaveLength(1);
    for (const line of lines) for (const p of line) expect(distanceTo(p, out)).toBeLessThanOrEqual(OVERVIEW_GRID);
    // Every output position lies on the grid.
    for (const line of out) for (const [x, y] of line) expect([x % OVERVIEW_GRID, y % OVERVIEW_GRID]).toEqual([0, 0]);
  });
});

async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

/** lon/lat in the units of tile z/x/y (4096 across). */
function inTile(lon: number, lat: number, t: { z: number; x: number; y: number }): Point {
  const n = 2 ** t.z;
  const r = (lat * Math.PI) / 180;
  return [(((lon + 180) / 360) * n - t.x) * 4096, (((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n - t.y) * 4096];
}

describe('dense overview tiles (network.tile, a whole township in view)', () => {
  it('draw the ditches generalised, every blocked ditch on its own (clickable) and every blockage, covering the same ditches', async () => {
    const core = await tempCore();
    // 40 rows of 60 segments, each meeting the next end to end; every 97th blocked.
    const features: unknown[] = [];
    const segment = (i: number): Point[] => {
      const [col, row] = [i % 60, Math.floor(i / 60)];
      return [[124 + col * 0.004, 43.3 + row * 0.004], [124 + (col + 1) * 0.004, 43.3 + row * 0.004]];
    };
    for (let i = 0; i < 2400; i++) features.push({ type: 'Feature', properties: { layer: 'ditch', name: `沟${i}`, kind: 'branch', condition: i % 97 === 0 ? 'blocked' : 'clear' }, geometry: { type: 'LineString', coordinates: segment(i) } });
    for (let i = 0; i < 30; i++) features.push({ type: 'Feature', properties: { layer: 'blockage', name: `堵点${i}` }, geometry: { type: 'Point', coordinates: [124.01 + i * 0.005, 43.35] } });
    const file = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })).toString('base64');
    const preview = await ok<{ previewId: string }>(core, 'import.preview', { fileName: 'township.geojson', dataBase64: file });
    await ok(core, 'import.commit', { previewId: preview.previewId, crs: 'wgs84' });

    const at = { z: 8, x: 216, y: 93 }; // the whole network (124.0–124.24°E, 43.3–43.46°N)
    const tile = await ok<NetworkTile>(core, 'network.tile', at);
    const vt = new VectorTile(new PbfReader(Buffer.from(tile.dataBase64!, 'base64')));
    const ditches = Array.from({ length: vt.layers.ditch!.length }, (_v, i) => vt.layers.ditch!.feature(i));
    const blocked = ditches.filter((f) => f.properties.condition === 'blocked');
    expect(blocked.map((f) => f.properties.name).sort()).toEqual(Array.from({ length: 25 }, (_v, k) => `沟${k * 97}`).sort());
    expect(blocked.every((f) => typeof f.properties.id === 'string')).toBe(true);
    // The blocked ditches' names are loaded for their labels; the merged lines write none.
    expect(tile.labelChars).toContain('沟');
    expect(vt.layers.blockage!.length).toBe(30);

    const merged = ditches.filter((f) => f.properties.condition !== 'blocked');
    expect(merged).toHaveLength(1);
    const lines = merged[0]!.loadGeometry().map((l) => l.map((p): Point => [p.x, p.y]));
    // 2,375 clear segments become at most a few polylines per row (broken only where a blocked one sits).
    expect(lines.length).toBeLessThanOrEqual(40 * 3);
    expect(lines.flat().length).toBeLessThan(2375 / 4);
    for (let i = 0; i < 2400; i++) {
      if (i % 97 === 0) continue;
      for (const [lon, lat] of segment(i)) expect(distanceTo(inTile(lon, lat, at), lines)).toBeLessThanOrEqual(OVERVIEW_GRID * 1.5);
    }
  });
});
