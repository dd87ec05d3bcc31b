// Issue 3's performance claims, each against a baseline measured in the same run:
//  1. importing 50,000 ditch segments and 5,000 points through the import service vs raw
//     better-sqlite3 INSERTs of the same rows (same tables, same R*Tree triggers);
//  2. opening the map page on that network until maplibre is idle vs opening a bare maplibre page
//     that fetches and shows the same GeoJSON (both in Debian's Chromium, both from navigation).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { commitImport, previewImport } from '../electron/core/services/imports/importService';
import { startHttpHost } from '../electron/core/host/http';
import { HEADLESS_ARGS } from '../electron/core/sheets/browser';
import type * as Maplibre from 'maplibre-gl';
import { report } from './lib';
import { insertRaw, type BenchFile } from './import';
import { bigNetwork } from './networkData';

const SEGMENTS = 50_000;
const POINTS = 5_000;

async function timeImport(json: Buffer): Promise<{ ours: number; baseline: number; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-bench-net-'));
  const core = await openCore({ dataDir, transport: 'cli' });
  const t0 = performance.now();
  const { preview } = await previewImport(core.ctx.state.previews, 'bench.geojson', json);
  commitImport({ ...core.ctx, source: 'import' }, preview, { crs: 'wgs84' });
  const ours = performance.now() - t0;
  core.close();

  // Baseline: the same rows straight into the same tables with prepared INSERTs in one transaction.
  const rawDir = mkdtempSync(join(tmpdir(), 'draindesk-bench-raw-'));
  const raw = await openCore({ dataDir: rawDir, transport: 'cli' });
  const t1 = performance.now();
  const again = JSON.parse(json.toString('utf8')) as BenchFile; // the baseline parses too
  insertRaw(raw.db, raw.ctx.townshipId, again.features);
  const baseline = performance.now() - t1;
  raw.close();
  rmSync(rawDir, { recursive: true, force: true });
  return { ours, baseline, dataDir };
}

async function timeMapOpen(dataDir: string): Promise<{ ours: number; baseline: number }> {
  const { chromium } = await import('playwright-core');
  const core = await openCore({ dataDir, transport: 'http' });
  const host = await startHttpHost({ dispatch: core.dispatch, staticDir: join(import.meta.dirname, '../dist/renderer'), port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', ...HEADLESS_ARGS],
  });
  // Ours: the real map page, from navigation until the map says it is idle with the network drawn.
  const openOurs = async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const t0 = performance.now();
    await page.goto(`${host.url}#/map`);
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid=network-map]');
      const map = (window as unknown as { __draindeskMap?: { querySourceFeatures(s: string, o: unknown): unknown[] } }).__draindeskMap;
      return el?.getAttribute('data-map-state') === 'idle' && (map?.querySourceFeatures('net', { sourceLayer: 'ditch' }).length ?? 0) > 0;
    }, null, { timeout: 300_000, polling: 50 });
    const ms = performance.now() - t0;
    await page.close();
    return ms;
  };

  // Baseline: a bare maplibre page opened the same way — navigation, the same bundle (maplibre is
  // in it), the same GeoJSON fetched from the same core — drawing it with one line and one circle
  // layer and nothing else: no app shell, no styling by kind or status, no labels.
  const openBare = async () => {
    const bare = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const t1 = performance.now();
    await bare.goto(`${host.url}#/settings`);
    await bare.waitForFunction(() => '__draindeskMaplibre' in window);
    await bare.evaluate(async () => {
      const mod = (window as unknown as { __draindeskMaplibre?: typeof Maplibre }).__draindeskMaplibre!;
      const res = await fetch('/api/network.mapFeatures', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      const data = await res.json();
      const div = document.createElement('div');
      div.style.cssText = 'position:fixed;inset:0;z-index:9';
      document.body.append(div);
      const map = new mod.Map({ container: div, style: { version: 8, sources: { n: { type: 'geojson', data } }, layers: [{ id: 'l', type: 'line', source: 'n' }, { id: 'p', type: 'circle', source: 'n', filter: ['==', ['geometry-type'], 'Point'] }] }, bounds: [124.0, 43.3, 124.34, 43.57] });
      await new Promise<void>((done) => map.once('idle', () => done()));
    });
    const ms = performance.now() - t1;
    await bare.close();
    return ms;
  };

  // Alternate the two, three times each, and compare medians: one run of each is too noisy here.
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < 3; i++) {
    ours.push(await openOurs());
    base.push(await openBare());
  }
  const mid = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const result = { ours: mid(ours), baseline: mid(base) };
  await browser.close();
  await host.close();
  core.close();
  return result;
}

export async function benchNetwork(): Promise<void> {
  const json = Buffer.from(JSON.stringify(bigNetwork(SEGMENTS, POINTS)));
  const imported = await timeImport(json);
  report(`network import: ${SEGMENTS.toLocaleString()} ditches + ${POINTS.toLocaleString()} points`, imported.ours, imported.baseline, 1.5);
  const opened = await timeMapOpen(imported.dataDir);
  report('map page open until idle (same network)', opened.ours, opened.baseline, 1.5);
  rmSync(imported.dataDir, { recursive: true, force: true });
}
