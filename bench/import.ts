// Issue 15's import claim: the whole network import (parse in the import worker, convert, validate,
// geodesic lengths, inserts, R*Tree, change feed) against, in the same run and on the same file,
//  1. GDAL's `ogr2ogr -f GPKG` (when GDAL is installed; it says so when it is not), and
//  2. raw better-sqlite3 INSERTs of the same rows into the same tables (R*Tree by trigger, no feed).
// Runs alternate ours / ogr2ogr / raw and the medians are compared; where our time goes is printed
// phase by phase. `measureImport(size)` is what the scale bench calls at 10k/50k/200k.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import { openCore } from '../electron/core/app';
import { PhaseTimer } from '../electron/core/phaseTimer';
import { commitImport, previewImport } from '../electron/core/services/imports/importService';
import { geometryColumns } from '../electron/core/services/network/features';
import { DISTANCE_ONLY, WGS84_GEODESIC } from '../shared/geo/geodesic';
import { lineLengthM } from '../shared/geo/length';
import { median, report } from './lib';
import { bigNetwork } from './networkData';

/** The bench's GeoJSON as parsed. */
export type BenchFile = { features: { properties: Record<string, string>; geometry: GeoJSON.Geometry }[] };

/** The same rows straight into the layer tables with prepared INSERTs in one transaction (R*Tree by trigger; no validation, no feed). */
export function insertRaw(db: Database, townshipId: string, features: BenchFile['features']): void {
  const at = new Date().toISOString();
  const ditch = db.prepare(`INSERT INTO ditch (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, kind, condition, work, length_m, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, 'clear', 'existing', ?, ?, ?)`);
  const point = (layer: string) => db.prepare(`INSERT INTO ${layer} (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, created_at, updated_at${layer === 'blockage' ? ', reported_at' : ''})
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?${layer === 'blockage' ? ', ?' : ''})`);
  const culvert = point('culvert');
  const blockage = point('blockage');
  db.transaction(() => {
    for (const f of features) {
      const g = geometryColumns(f.properties.layer === 'ditch' ? 'ditch' : 'culvert', f.geometry);
      if (f.properties.layer === 'ditch') ditch.run(randomUUID(), townshipId, f.properties.name, g.geometry, g.min_lon, g.min_lat, g.max_lon, g.max_lat, f.properties.kind, g.length_m, at, at);
      else if (f.properties.layer === 'culvert') culvert.run(randomUUID(), townshipId, f.properties.name, g.geometry, g.min_lon, g.min_lat, g.max_lon, g.max_lat, at, at);
      else blockage.run(randomUUID(), townshipId, f.properties.name, g.geometry, g.min_lon, g.min_lat, g.max_lon, g.max_lat, at, at, at);
    }
  })();
}

/** Our whole import of the file on a fresh data folder, the parse in the import worker (as the desk and browser mode do it). */
async function ours(file: string, segments: number): Promise<{ ms: number; phases: Map<string, number>; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-bench-import-'));
  const core = await openCore({ dataDir, transport: 'cli', parseInWorker: true });
  // The worker is started once per core and kept: warm it as a running desk has it.
  await previewImport(core.ctx.state.previews, 'warm.geojson', Buffer.from(JSON.stringify(bigNetwork(2, 1))), core.ctx.networkParser);
  const timer = new PhaseTimer();
  const t0 = performance.now();
  const bytes = readFileSync(file);
  const { preview } = await previewImport(core.ctx.state.previews, 'bench.geojson', bytes, core.ctx.networkParser);
  timer.add('parse', performance.now() - t0);
  const result = commitImport({ ...core.ctx, source: 'import' }, preview, { crs: 'wgs84', timer });
  const ms = performance.now() - t0;
  if (result.counts.ditch !== segments) throw new Error(`imported ${result.counts.ditch} ditches, expected ${segments}`);
  core.close();
  return { ms, phases: timer.ms, dataDir };
}

/** GDAL writing a GeoPackage of the same file (with its R-tree), or null when GDAL is not installed. */
function ogr2ogr(file: string): number | null {
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-gdal-'));
  try {
    const t0 = performance.now();
    const run = spawnSync('ogr2ogr', ['-f', 'GPKG', join(dir, 'out.gpkg'), file], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (run.error) return null;
    if (run.status !== 0) throw new Error(`ogr2ogr failed: ${run.stderr}`);
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function raw(file: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-raw-'));
  const core = await openCore({ dataDir: dir, transport: 'cli' });
  const t0 = performance.now();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as BenchFile; // the baseline parses too
  insertRaw(core.db, core.ctx.townshipId, parsed.features);
  const ms = performance.now() - t0;
  core.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

/** What one size measured: medians in ms, our phases (of the median run), and a data folder holding our import (the caller removes it). */
export interface ImportMeasure {
  segments: number;
  points: number;
  ours: number;
  phases: Map<string, number>;
  ogr2ogr: number | null;
  raw: number;
  dataDir: string;
}

/** Import `segments` ditches + a tenth as many points `runs` times each way, alternating, and return the medians. */
export async function measureImport(segments: number, runs = 3): Promise<ImportMeasure> {
  const points = Math.round(segments / 10);
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-file-'));
  const file = join(dir, 'network.geojson');
  writeFileSync(file, JSON.stringify(bigNetwork(segments, points)));
  const mine: Awaited<ReturnType<typeof ours>>[] = [];
  const gdal: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < runs; i++) {
    mine.push(await ours(file, segments));
    const g = ogr2ogr(file);
    if (g !== null) gdal.push(g);
    plain.push(await raw(file));
  }
  rmSync(dir, { recursive: true, force: true });
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  mine.sort((a, b) => a.ms - b.ms);
  const median = mine[Math.floor(mine.length / 2)]!;
  for (const m of mine) if (m !== median) rmSync(m.dataDir, { recursive: true, force: true });
  return { segments, points, ours: median.ms, phases: median.phases, ogr2ogr: gdal.length ? mid(gdal) : null, raw: mid(plain), dataDir: median.dataDir };
}

/** Print one size's rows: the phases, ours vs ogr2ogr (target ≤ 1.0×) and vs raw INSERTs. */
export function printImport(m: ImportMeasure): void {
  const n = `${m.segments.toLocaleString()} ditches + ${m.points.toLocaleString()} points`;
  console.log(`import ${n}: ${[...m.phases].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' · ')} ms`);
  if (m.ogr2ogr === null) console.log('import vs ogr2ogr -f GPKG: GDAL (ogr2ogr) is not installed; apt-get install gdal-bin to compare');
  else report(`import ${n} vs ogr2ogr -f GPKG`, m.ours, m.ogr2ogr, 1.0);
  report(`import ${n} vs raw INSERTs (no feed)`, m.ours, m.raw);
}

/**
 * The length pass on ditches as real files draw them (the bench network's segments have two
 * vertices; a surveyed ditch has tens): 50,000 lines of 20 vertices 20–60 m apart, measured as
 * the import does (tangent plane for short pieces, SHORT_PIECE_M) against Karney's inverse for
 * every piece (what it did before), median of five after a warm-up.
 */
export async function benchLengths(): Promise<void> {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const lines = Array.from({ length: 50_000 }, () => {
    const line: [number, number][] = [[124 + random() * 0.5, 43.2 + random() * 0.4]];
    for (let i = 1; i < 20; i++) line.push([line[i - 1]![0] + (random() - 0.5) * 0.0008, line[i - 1]![1] + (random() - 0.5) * 0.0006]);
    return line;
  });
  const karney = (line: [number, number][]) => {
    let total = 0;
    for (let i = 1; i < line.length; i++) total += WGS84_GEODESIC.Inverse(line[i - 1]![1], line[i - 1]![0], line[i]![1], line[i]![0], DISTANCE_ONLY).s12 ?? 0;
    return total;
  };
  // The sum is checked so neither loop can be optimised away or measure nothing.
  const pass = (measure: (line: [number, number][]) => number) => () => {
    if (!(lines.reduce((sum, line) => sum + measure(line), 0) > 0)) throw new Error('no length');
  };
  report('ditch lengths, 50,000 × 20 vertices', await median(5, pass(lineLengthM)), await median(5, pass(karney)));
}

export async function benchImport(): Promise<void> {
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`import bench (load average before: ${load()})`);
  const m = await measureImport(50_000);
  rmSync(m.dataDir, { recursive: true, force: true });
  printImport(m);
  await benchLengths();
  console.log(`(load average after: ${load()})`);
}
