// Issue 15's scale curve: how import, map open and capacity after an edit grow with the network, at
// 10,000, 50,000 and 200,000 ditch segments (the comb of bench/capacity.ts), each row against its
// own baseline measured in the same run, and the growth from 50k to 200k against linear (×4).
// Sizes: BENCH_SCALE_SIZES=10000,50000,200000.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { commitImport, previewImport } from '../electron/core/services/imports/importService';
import { capacityAt, combNetwork, SEGMENTS_PER_MAIN } from './capacity';
import { report } from './lib';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10000,50000,200000').split(',').map(Number);
const OGR2OGR = '/usr/bin/ogr2ogr';

interface Point {
  n: number;
  importMs: number;
  capacityMs: number;
}

/** The comb of `mains` main drains as one GeoJSON file (ditches and areas; the layer in each feature's properties). */
function combFile(mains: number): Buffer {
  const features = combNetwork(mains).features.map((f) => ({ type: 'Feature', id: f.id, geometry: f.geometry, properties: { layer: f.layer, ...f.properties } }));
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
}

/** The import service on a fresh data folder, and `ogr2ogr -f GPKG` writing the same file with its R-tree (null without GDAL). */
async function timeImport(json: Buffer): Promise<{ ours: number; gdal: number | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-scale-'));
  try {
    const core = await openCore({ dataDir: join(dir, 'data'), transport: 'cli' });
    try {
      const t0 = performance.now();
      const { preview } = await previewImport(core.ctx.state.previews, 'scale.geojson', json);
      commitImport({ ...core.ctx, source: 'import' }, preview, { crs: 'wgs84' });
      const ours = performance.now() - t0;
      if (!existsSync(OGR2OGR)) return { ours, gdal: null };
      const file = join(dir, 'scale.geojson');
      writeFileSync(file, json);
      const t1 = performance.now();
      execFileSync(OGR2OGR, ['-f', 'GPKG', join(dir, 'scale.gpkg'), file], { stdio: 'ignore' });
      return { ours, gdal: performance.now() - t1 };
    } finally {
      core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchScale(): Promise<void> {
  const curve: Point[] = [];
  for (const n of SIZES) {
    const mains = Math.max(1, Math.round(n / SEGMENTS_PER_MAIN));
    const label = `${Math.round(n / 1000)}k`;
    const imported = await timeImport(combFile(mains));
    if (imported.gdal === null) console.log(`${`scale ${label}: import`.padEnd(44)} ours ${imported.ours.toFixed(0)} ms (no GDAL here for the ogr2ogr baseline)`);
    else report(`scale ${label}: import vs ogr2ogr -f GPKG`, imported.ours, imported.gdal, 1);
    const cap = await capacityAt(mains);
    report(`scale ${label}: capacity after an edit`, cap.afterEdit, cap.baseline, 3);
    curve.push({ n: cap.segments, importMs: imported.ours, capacityMs: cap.afterEdit });
  }
  console.log(`${'scale: map open'.padEnd(44)} see npm run bench -- map`);
  // Growth between the two largest sizes against linear growth (the size ratio).
  if (curve.length >= 2) {
    const [a, b] = curve.slice(-2) as [Point, Point];
    const linear = b.n / a.n;
    for (const key of ['importMs', 'capacityMs'] as const) {
      const grew = b[key] / a[key];
      const name = `scale ${Math.round(b.n / 1000)}k vs ${Math.round(a.n / 1000)}k: ${key.replace('Ms', '')}`;
      console.log(`${name.padEnd(44)} grew ×${grew.toFixed(2)} for ×${linear.toFixed(2)} the segments  ${grew <= linear ? '✓ at most linear' : '✗ more than linear'}`);
    }
  }
}
