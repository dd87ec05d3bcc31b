// The county page (`/county.html`) in Debian's Chromium (software WebGL, HEADLESS_ARGS), logged in,
// against a bare maplibre page drawing the same server tiles in a box of the county map's size.
// Page scripts are strings for the reason given in bench/mapPage.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HEADLESS_ARGS } from '../electron/core/sheets/browser';
import { ourBrowserPid, rendererRss, VIEWPORT } from './mapPage';

/** One Chromium logged in to the county server. */
export interface CountyMapSession {
  /** The county page from navigation until idle with the whole county in view, and the tile bytes it fetched; left open. */
  openOurs(): Promise<{ ms: number; page: Page; tileBytes: number }>;
  /** A bare maplibre page with the same tiles (one line, one circle layer) fitted to the same extent, from navigation until idle; left open. */
  openBare(): Promise<{ ms: number; page: Page }>;
  /** Chromium's renderer processes' resident memory, bytes. */
  rendererRss(): number;
  close(): Promise<void>;
}

/** Until idle with every tile loaded and the county's whole extent in view (the page fits it after the extent call). */
const wholeCountyIdle = (which: string, bbox: number[], stateCheck: string) => `(() => {
  const map = window.${which};
  if (!map || !(${stateCheck}) || !map.loaded() || !map.areTilesLoaded() || map.isMoving()) return false;
  const b = map.getBounds();
  return b.contains([${bbox[0]}, ${bbox[1]}]) && b.contains([${bbox[2]}, ${bbox[3]}]) && map.querySourceFeatures(${JSON.stringify(which === '__countyMap' ? 'network' : 'n')}, { sourceLayer: 'ditch' }).length > 0;
})()`;

/** maplibre's own ES modules and worker, as the bundle ships them. */
const MAPLIBRE_DIST = dirname(createRequire(import.meta.url).resolve('maplibre-gl/package.json'));

/** Start a Chromium whose pages log in as `user` on the county server at `url`. */
export async function countyMapSession(url: string, user: { name: string; password: string }, bbox: number[], mapBox: { width: number; height: number } | null): Promise<CountyMapSession> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', ...HEADLESS_ARGS] });
  const pid = ourBrowserPid();
  // A fresh context (own HTTP cache, logged in) per page: tiles are cacheable for 30 s, and neither page may draw from the other's cache.
  const fresh = async (): Promise<Page> => {
    const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT, bypassCSP: true });
    const login = await context.request.post(`${url}/county/api/login`, { data: user });
    if (!login.ok()) throw new Error(`county login failed: ${login.status()}`);
    await context.route(`${url}/bench/dist/*`, (route) => route.fulfill({ body: readFileSync(join(MAPLIBRE_DIST, 'dist', basename(new URL(route.request().url()).pathname))), contentType: 'text/javascript' }));
    await context.route(`${url}/bench/bare.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8"><body style="margin:0"><div id="m" style="width:${mapBox?.width ?? VIEWPORT.width}px;height:${mapBox?.height ?? VIEWPORT.height}px"></div><script type="module">import * as m from '/bench/dist/maplibre-gl.mjs'; m.setWorkerUrl('/bench/dist/maplibre-gl-worker.mjs'); window.maplibregl = m;</script></body>` }),
    );
    const page = await context.newPage();
    page.once('close', () => void context.close().catch(() => undefined));
    return page;
  };
  return {
    openOurs: async () => {
      const page = await fresh();
      const sizes: Promise<number>[] = [];
      page.on('requestfinished', (r) => {
        if (r.url().includes('/tiles/')) sizes.push(r.sizes().then((x) => x.responseBodySize));
      });
      const t0 = performance.now();
      await page.goto(`${url}/county.html`);
      await page.waitForFunction(wholeCountyIdle('__countyMap', bbox, `document.querySelector('[data-testid=county-map]')?.getAttribute('data-map-state') === 'idle'`), null, { timeout: 600_000, polling: 50 });
      const ms = performance.now() - t0;
      return { ms, page, tileBytes: (await Promise.all(sizes)).reduce((a, b) => a + b, 0) };
    },
    openBare: async () => {
      const page = await fresh();
      const t0 = performance.now();
      await page.goto(`${url}/bench/bare.html`);
      await page.waitForFunction(`'maplibregl' in window`);
      await page.evaluate(`(async () => {
        const { bbox } = await (await fetch('/county/api/extent')).json();
        const map = new maplibregl.Map({
          container: 'm',
          style: { version: 8, sources: { n: { type: 'vector', tiles: [location.origin + '/tiles/{z}/{x}/{y}.pbf'], minzoom: 6, maxzoom: 16 } },
                   layers: [{ id: 'l', type: 'line', source: 'n', 'source-layer': 'ditch' }, { id: 'p', type: 'circle', source: 'n', 'source-layer': 'point' }] },
          bounds: bbox, fitBoundsOptions: { padding: 30, maxZoom: 13 }, attributionControl: false,
        });
        window.__bareMap = map;
      })()`);
      await page.waitForFunction(wholeCountyIdle('__bareMap', bbox, 'true'), null, { timeout: 600_000, polling: 50 });
      return { ms: performance.now() - t0, page };
    },
    rendererRss: () => rendererRss(pid),
    close: () => browser.close(),
  };
}

/** The county map element's size on the county page (the bare page draws in a box of that size). */
export async function countyMapBox(page: Page): Promise<{ width: number; height: number }> {
  const box = (await page.getByTestId('county-map').boundingBox())!;
  return { width: Math.round(box.width), height: Math.round(box.height) };
}
