// Issue 15's scale curve: how import, map open and capacity after an edit grow with the network, at
// 10,000, 50,000 and 200,000 ditch segments (the comb of bench/capacity.ts; capacity after an edit
// and after a ditch is moved), each row against its
// own baseline measured in the same run, and the growth from 50k to 200k against linear (×4).
// Map open is the map bench's (bench/mapPage.ts: the tiles page vs a bare maplibre page with the
// same GeoJSON, on its grid network of that size; needs `npm run build:renderer`).
// Sizes: BENCH_SCALE_SIZES=10000,50000,200000; BENCH_SCALE_MAP=0 leaves the map out.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { commitImport, previewImport } from '../electron/core/services/imports/importService';
import { capacityAt, combNetwork, SEGMENTS_PER_MAIN } from './capacity';
import { report } from './lib';
import { measureMapOpenAt } from './mapPage';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10000,50000,200000').split(',').map(Number);
const OGR2OGR = '/usr/bin/ogr2ogr';
const MAP = process.env.BENCH_SCALE_MAP !== '0' && existsSync(join(import.meta.dirname, '../dist/renderer/index.html'));

interface Point {
  n: number;
  importMs: number;
  mapMs: number | null;
  capacityMs: number;
  movedMs: number;
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

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
  console.log(`scale curve done; load average ${load()}`);
}

export async function benchScale(): Promise<void> {
  const curve: Point[] = [];
  console.log(`scale curve at ${SIZES.map((n) => n.toLocaleString()).join(', ')} segments; load average ${load()}`);
  if (!MAP) console.log(`${'scale: map open'.padEnd(44)} left out (BENCH_SCALE_MAP=0, or no dist/renderer: npm run build:renderer); see npm run bench -- map`);
  for (const n of SIZES) {
    const mains = Math.max(1, Math.round(n / SEGMENTS_PER_MAIN));
    const label = `${Math.round(n / 1000)}k`;
    const imported = await timeImport(combFile(mains));
    if (imported.gdal === null) console.log(`${`scale ${label}: import`.padEnd(44)} ours ${imported.ours.toFixed(0)} ms (no GDAL here for the ogr2ogr baseline)`);
    else report(`scale ${label}: import vs ogr2ogr -f GPKG`, imported.ours, imported.gdal, 1);
    let mapMs: number | null = null;
    if (MAP) {
      try {
        const map = await measureMapOpenAt(n);
        report(`scale ${label}: map open to idle vs bare page`, map.ours, map.baseline, 0.5);
        mapMs = map.ours;
      } catch (e) {
        // The map bench is the tiles work's; its failure is printed, and import and capacity go on.
        console.log(`${`scale ${label}: map open`.padEnd(44)} not measured: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
      }
    }
    const cap = await capacityAt(mains);
    report(`scale ${label}: capacity after an edit`, cap.afterEdit, cap.baseline, 3);
    report(`scale ${label}: capacity after a ditch is moved`, cap.moved, cap.baseline, 3);
    curve.push({ n: cap.segments, importMs: imported.ours, mapMs, capacityMs: cap.afterEdit, movedMs: cap.moved });
  }
  // Growth between the two largest sizes against linear growth (the size ratio).
  if (curve.length >= 2) {
    const [a, b] = curve.slice(-2) as [Point, Point];
    const linear = b.n / a.n;
    for (const key of ['importMs', 'mapMs', 'capacityMs', 'movedMs'] as const) {
      const [from, to] = [a[key], b[key]];
      if (from === null || to === null) continue;
      const grew = to / from;
      const name = `scale ${Math.round(b.n / 1000)}k vs ${Math.round(a.n / 1000)}k: ${key.replace('Ms', '')}`;
      console.log(`${name.padEnd(44)} grew ×${grew.toFixed(2)} for ×${linear.toFixed(2)} the segments  ${grew <= linear ? '✓ at most linear' : '✗ more than linear'}`);
    }
  }
  console.log(`scale curve done; load average ${load()}`);
}
