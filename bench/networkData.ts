// A synthetic township network for the benches: a grid of short ditch segments (every tenth a
// main ditch) and points around the demo township, imported through the import service.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../electron/core/app';
import { commitImport, previewImport } from '../electron/core/services/imports/importService';

/** `segments` ditches and `points` culverts/blockages as one GeoJSON FeatureCollection. */
export function bigNetwork(segments: number, points = Math.round(segments / 10)) {
  const features: unknown[] = [];
  const side = Math.ceil(Math.sqrt(segments));
  for (let i = 0; i < segments; i++) {
    const x = 124.0 + (i % side) * 0.0015;
    const y = 43.3 + Math.floor(i / side) * 0.0012;
    features.push({ type: 'Feature', properties: { layer: 'ditch', name: `支沟${i}`, kind: i % 10 === 0 ? 'main' : 'branch', condition: 'clear', work: 'existing' }, geometry: { type: 'LineString', coordinates: [[x, y], [x + 0.0012, y]] } });
  }
  const pointSide = Math.ceil(Math.sqrt(points * 1.25));
  for (let i = 0; i < points; i++) {
    const x = 124.0 + (i % pointSide) * ((side * 0.0015) / pointSide);
    const y = 43.3 + Math.floor(i / pointSide) * ((side * 0.0012) / pointSide);
    features.push({ type: 'Feature', properties: { layer: i % 2 ? 'culvert' : 'blockage', name: `点${i}` }, geometry: { type: 'Point', coordinates: [x, y] } });
  }
  return { type: 'FeatureCollection', features };
}

/** A fresh data folder holding that network, imported as a user would (one batch, all or nothing). */
export async function importedNetwork(segments: number, points: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-bench-map-'));
  const core = await openCore({ dataDir, transport: 'cli' });
  try {
    const json = Buffer.from(JSON.stringify(bigNetwork(segments, points)));
    const { preview } = await previewImport(core.ctx.state.previews, 'bench.geojson', json);
    commitImport({ ...core.ctx, source: 'import' }, preview, { crs: 'wgs84' });
  } finally {
    core.close();
  }
  return dataDir;
}
