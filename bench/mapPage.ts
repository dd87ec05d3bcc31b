// The map page in Debian's Chromium (software WebGL, the project's HEADLESS_ARGS) against a bare
// maplibre page drawing the same network as one GeoJSON, both served by the same core over HTTP.
// The page scripts are strings: tsx would wrap named functions inside page.evaluate callbacks in
// a helper (__name) the page does not have.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { openCore } from '../electron/core/app';
import { startHttpHost } from '../electron/core/host/http';
import { HEADLESS_ARGS } from '../electron/core/sheets/browser';

/** The viewport every map bench opens its pages in. */
export const VIEWPORT = { width: 1440, height: 900 };

/** One core and one Chromium on a data folder. */
export interface MapSession {
  /** Our map page, from navigation until idle with the whole network drawn; left open. */
  openOurs(): Promise<{ ms: number; page: Page }>;
  /** A bare maplibre page with the same network as one GeoJSON (network.mapFeatures), from navigation until idle; left open. */
  openBare(): Promise<{ ms: number; page: Page }>;
  /** Chromium's renderer processes' resident memory, bytes (one page open: the page and its map workers). */
  rendererRss(): number;
  close(): Promise<void>;
}

/**
 * What Chromium does on a PC with no usable GPU (none, or one it blocklists): WebGL on SwiftShader
 * as in HEADLESS_ARGS, and the page composited in software, not by SwiftShader as headless
 * Chromium does otherwise (chrome://gpu on such a PC: "Compositing: Software only", "WebGL:
 * Software only").
 */
export const SOFTWARE_COMPOSITING_ARGS = ['--disable-gpu-compositing'];

/** Start a core and a fresh Chromium on `dataDir` (with `extraArgs` after the project's HEADLESS_ARGS). */
export async function mapSession(dataDir: string, extraArgs: readonly string[] = []): Promise<MapSession> {
  const { chromium } = await import('playwright-core');
  const core = await openCore({ dataDir, transport: 'http' });
  const host = await startHttpHost({ dispatch: core.dispatch, staticDir: join(import.meta.dirname, '../dist/renderer'), port: 0 });
  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', ...HEADLESS_ARGS, ...extraArgs] });
  const browserPid = ourBrowserPid();
  return {
    openOurs: async () => {
      const page = await browser.newPage({ viewport: VIEWPORT, bypassCSP: true });
      const t0 = performance.now();
      await page.goto(`${host.url}#/map`);
      await page.waitForFunction(
        `(() => {
          const el = document.querySelector('[data-testid=network-map]');
          const map = window.__draindeskMap;
          return el?.getAttribute('data-map-state') === 'idle' && map !== undefined && map.isSourceLoaded('net') && map.querySourceFeatures('net', { sourceLayer: 'ditch' }).length > 0;
        })()`,
        null,
        { timeout: 600_000, polling: 50 },
      );
      return { ms: performance.now() - t0, page };
    },
    // Navigation, the same bundle (maplibre is in it), the same network fetched from the same core,
    // drawn with one line and one circle layer: no app shell, no styling by kind or status, no labels.
    openBare: async () => {
      const page = await browser.newPage({ viewport: VIEWPORT, bypassCSP: true });
      const t0 = performance.now();
      await page.goto(`${host.url}#/settings`);
      await page.waitForFunction(`'__draindeskMaplibre' in window`);
      await page.evaluate(`(async () => {
        const res = await fetch('/api/network.mapFeatures', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
        const data = await res.json();
        let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
        for (const f of data.features) {
          const g = f.geometry;
          for (const [lon, lat] of (g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates[0])) {
            west = Math.min(west, lon); east = Math.max(east, lon); south = Math.min(south, lat); north = Math.max(north, lat);
          }
        }
        const div = document.createElement('div');
        div.style.cssText = 'position:fixed;inset:0;z-index:9';
        document.body.append(div);
        const map = new window.__draindeskMaplibre.Map({
          container: div,
          style: { version: 8, sources: { n: { type: 'geojson', data } }, layers: [{ id: 'l', type: 'line', source: 'n' }, { id: 'p', type: 'circle', source: 'n', filter: ['==', ['geometry-type'], 'Point'] }] },
          bounds: [west, south, east, north],
          fitBoundsOptions: { padding: 60 },
        });
        window.__bareMap = map;
        await new Promise((done) => map.once('idle', () => done()));
      })()`);
      return { ms: performance.now() - t0, page };
    },
    rendererRss: () => rendererRss(browserPid),
    close: async () => {
      await browser.close();
      await host.close();
      core.close();
    },
  };
}

/** The Chromium this process launched (other engineers' browsers run beside it). */
export function ourBrowserPid(): number {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const row = out.split('\n').map((l) => l.trim().split(/\s+/)).find((p) => Number(p[1]) === process.pid && /chrom/.test(p.slice(2).join(' ')));
  if (!row) throw new Error('the launched Chromium was not found');
  return Number(row[0]);
}

/** The processes under browser `pid` (itself included), from `ps`. */
function processTree(pid: number): { pid: number; rss: number; args: string }[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' });
  const procs = out.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p.length > 3).map((p) => ({ pid: Number(p[0]), ppid: Number(p[1]), rss: Number(p[2]) * 1024, args: p.slice(3).join(' ') }));
  const under = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (under.has(p.ppid) && !under.has(p.pid)) {
        under.add(p.pid);
        grew = true;
      }
    }
  }
  return procs.filter((p) => under.has(p.pid));
}

/** Resident memory of the renderer processes under browser `pid`, bytes. */
export function rendererRss(pid: number): number {
  return processTree(pid).filter((p) => p.args.includes('--type=renderer')).reduce((sum, p) => sum + p.rss, 0);
}

/** CPU time (user + system) the browser `pid` and every process under it have used so far, ms. */
export function browserCpuMs(pid: number): number {
  const tick = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  let ms = 0;
  for (const p of processTree(pid)) {
    try {
      // Fields after the command name: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${p.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ms += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // The process ended between ps and the read: its time is gone with it.
    }
  }
  return ms;
}

/** Frames per second while the map pans and zooms for `ms` (eased camera moves, as a user drags and scrolls). */
export async function panZoomFps(page: Page, which: '__draindeskMap' | '__bareMap' | '__countyMap', ms = 4000): Promise<number> {
  return page.evaluate(`(async () => {
    const map = window[${JSON.stringify(which)}];
    let frames = 0;
    map.on('render', () => frames++);
    const t0 = performance.now();
    const start = map.getCenter();
    const zoom = map.getZoom();
    let step = 0;
    while (performance.now() - t0 < ${ms}) {
      const dx = step % 2 === 0 ? 300 : -300;
      map.easeTo({ center: map.unproject([map.getCanvas().clientWidth / 2 + dx, map.getCanvas().clientHeight / 2]), zoom: zoom + (step % 4 < 2 ? 1 : 0), duration: 500 });
      await new Promise((done) => setTimeout(done, 500));
      step++;
    }
    const seconds = (performance.now() - t0) / 1000;
    map.jumpTo({ center: start, zoom });
    return frames / seconds;
  })()`) as Promise<number>;
}

/** Until the map draws ditch `id` with condition `condition` (checked every frame); resolves with performance.now(). */
const drawnScript = (which: string, layer: string, sourceCheck: string) => `new Promise((done) => {
  const map = window.${which};
  function check() {
    const hit = map.queryRenderedFeatures({ layers: [${JSON.stringify(layer)}] }).some((f) => f.properties.id === window.__benchId && f.properties.condition === 'blocked');
    if (hit && ${sourceCheck}) done(performance.now()); else requestAnimationFrame(check);
  }
  check();
})`;

/** Zoom where a user edits: single ditches can be picked (below 13 a dense township's tiles draw them merged). */
const EDIT_ZOOM = 14;

/** Jump the map to the editing zoom at its centre and wait until it has drawn. */
async function zoomForEditing(page: Page, which: string): Promise<void> {
  await page.evaluate(`window.${which}.jumpTo({ zoom: ${EDIT_ZOOM} })`);
  await page.waitForFunction(`(() => { const m = window.${which}; return m.loaded() && m.areTilesLoaded() && !m.isMoving(); })()`, null, { timeout: 120_000, polling: 100 });
  await page.waitForTimeout(500);
}

/**
 * Ours: a user clicks a ditch on the open map (zoomed in to edit), sets 状况 to 堵塞 and saves;
 * ms from the click on 保存修改 until the map draws it red.
 */
export async function editToMapOurs(page: Page): Promise<number> {
  await zoomForEditing(page, '__draindeskMap');
  const at = (await page.evaluate(`(() => {
    const map = window.__draindeskMap;
    const c = map.getCanvas();
    const hits = map.queryRenderedFeatures([[c.clientWidth / 2 - 100, c.clientHeight / 2 - 100], [c.clientWidth / 2 + 100, c.clientHeight / 2 + 100]], { layers: ['ditch-line'] });
    const f = hits.find((h) => h.properties.condition === 'clear');
    const [a, b] = f.geometry.coordinates;
    const p = map.project([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
    return { x: p.x, y: p.y };
  })()`)) as { x: number; y: number };
  const box = (await page.getByTestId('network-map').boundingBox())!;
  await page.mouse.click(box.x + at.x, box.y + at.y);
  const panel = page.getByTestId('feature-panel');
  await panel.waitFor();
  const id = await panel.getAttribute('data-feature-id');
  await page.evaluate(`window.__benchId = ${JSON.stringify(id)}`);
  await panel.getByLabel('状况').selectOption('blocked');
  const save = panel.getByRole('button', { name: '保存修改' });
  await save.waitFor();
  // The clock starts when the click reaches the page (the event's own time stamp), not when
  // Playwright starts the click: on software WebGL its actionability checks wait for animation
  // frames, 150–330 ms under load, before any click exists for the page to answer.
  await page.evaluate(`document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('[data-testid=feature-panel] button')?.textContent?.includes('保存修改')) window.__benchT0 = e.timeStamp;
  }, { capture: true, once: false })`);
  await save.click();
  return page.evaluate(`(async () => (await ${drawnScript('__draindeskMap', 'ditch-line', 'true')}) - window.__benchT0)()`) as Promise<number>;
}

/** Bare page: the same edit through the contract, then the whole network fetched again and set as the source's data, until drawn. */
export async function editToMapBare(page: Page): Promise<number> {
  await zoomForEditing(page, '__bareMap');
  return page.evaluate(`(async () => {
    const map = window.__bareMap;
    const c = map.getCanvas();
    const hits = map.queryRenderedFeatures([[c.clientWidth / 2 - 100, c.clientHeight / 2 - 100], [c.clientWidth / 2 + 100, c.clientHeight / 2 + 100]], { layers: ['l'] });
    const f = hits.find((h) => h.properties.condition === 'clear');
    window.__benchId = String(f.properties.id);
    const t0 = performance.now();
    const post = (p, body) => fetch('/api/' + p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    await post('network.update', { layer: 'ditch', id: window.__benchId, properties: { condition: 'blocked' } });
    map.getSource('n').setData(await post('network.mapFeatures', {}));
    const t1 = await ${drawnScript('__bareMap', 'l', 'true')};
    return t1 - t0;
  })()`) as Promise<number>;
}

/** The median of xs. */
export const mid = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/** Map open to idle, whole network in view: ours and the bare page, alternated `runs` times, medians in ms (plus our first open, which cuts the tile index). */
export async function measureMapOpen(dataDir: string, runs = 3): Promise<{ ours: number; baseline: number; firstOurs: number }> {
  const session = await mapSession(dataDir);
  try {
    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      const o = await session.openOurs();
      ours.push(o.ms);
      await o.page.close();
      const b = await session.openBare();
      bare.push(b.ms);
      await b.page.close();
    }
    return { ours: mid(ours), baseline: mid(bare), firstOurs: ours[0]! };
  } finally {
    await session.close();
  }
}

/** One page kind opened in `session` and left a second to settle, with the name of its map on `window`. */
async function openSettled(session: MapSession, which: 'ours' | 'bare'): Promise<{ page: Page; map: '__draindeskMap' | '__bareMap' }> {
  const { page } = which === 'ours' ? await session.openOurs() : await session.openBare();
  await page.waitForTimeout(1000);
  return { page, map: which === 'ours' ? '__draindeskMap' : '__bareMap' };
}

/** Pan/zoom frame rate, renderer memory and edit-to-map of one page kind, each in a fresh browser. */
async function measureOpenPage(dataDir: string, which: 'ours' | 'bare'): Promise<{ fps: number; rss: number; editMs: number }> {
  const session = await mapSession(dataDir);
  try {
    const { page, map } = await openSettled(session, which);
    const rss = session.rendererRss();
    const fps = await panZoomFps(page, map);
    await page.waitForFunction(`(() => { const m = window.${map}; return m.loaded() && !m.isMoving(); })()`, null, { timeout: 120_000 });
    const editMs = which === 'ours' ? await editToMapOurs(page) : await editToMapBare(page);
    return { fps, rss, editMs };
  } finally {
    await session.close();
  }
}

/** Pan/zoom frame rate of one page kind in a fresh browser started with `extraArgs`. */
async function measurePanZoom(dataDir: string, which: 'ours' | 'bare', extraArgs: readonly string[]): Promise<number> {
  const session = await mapSession(dataDir, extraArgs);
  try {
    const { page, map } = await openSettled(session, which);
    return await panZoomFps(page, map);
  } finally {
    await session.close();
  }
}

/** Everything `npm run bench -- map` measures on one data folder. */
export async function measureMapPage(dataDir: string): Promise<{
  open: Awaited<ReturnType<typeof measureMapOpen>>;
  ours: Awaited<ReturnType<typeof measureOpenPage>>;
  bare: Awaited<ReturnType<typeof measureOpenPage>>;
  /** Pan/zoom fps with the page composited in software, as on a PC without a usable GPU. */
  softwareCompositing: { ours: number; bare: number };
}> {
  const open = await measureMapOpen(dataDir);
  const ours = await measureOpenPage(dataDir, 'ours');
  const bare = await measureOpenPage(dataDir, 'bare');
  const softwareCompositing = { ours: await measurePanZoom(dataDir, 'ours', SOFTWARE_COMPOSITING_ARGS), bare: await measurePanZoom(dataDir, 'bare', SOFTWARE_COMPOSITING_ARGS) };
  return { open, ours, bare, softwareCompositing };
}

/** Map open at a network size (`segments` ditches, a tenth as many points), for the scale curve (bench/scale.ts). */
export async function measureMapOpenAt(segments: number): Promise<{ ours: number; baseline: number; firstOurs: number }> {
  const { importedNetwork } = await import('./networkData');
  const dataDir = await importedNetwork(segments, Math.round(segments / 10));
  try {
    return await measureMapOpen(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
