import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { openCore } from '../electron/core/app';
import { startHttpHost } from '../electron/core/host/http';
import { HEADLESS_ARGS } from '../electron/core/sheets/browser';
import { importedNetwork } from './networkData';
const dataDir = await importedNetwork(50_000, 5_000);
const core = await openCore({ dataDir, transport: 'http' });
const dirs = process.argv.slice(2);
const hosts = await Promise.all(dirs.map((d) => startHttpHost({ dispatch: core.dispatch, staticDir: d, port: 0 })));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', ...HEADLESS_ARGS] });
const times = dirs.map(() => [] as number[]);
for (let run = 0; run < 7; run++) {
  for (let i = 0; i < dirs.length; i++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const t0 = performance.now();
    await page.goto(`${hosts[i]!.url}#/map`);
    await page.waitForFunction(`(() => { const el = document.querySelector('[data-testid=network-map]'); const map = window.__draindeskMap; return el?.getAttribute('data-map-state') === 'idle' && map !== undefined && map.isSourceLoaded('net') && map.querySourceFeatures('net', { sourceLayer: 'ditch' }).length > 0; })()`, null, { timeout: 600_000, polling: 50 });
    if (run > 0) times[i]!.push(performance.now() - t0);
    await page.close();
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
dirs.forEach((d, i) => console.log(d, 'median', med(times[i]!).toFixed(0), times[i]!.map((t) => t.toFixed(0)).join(' ')));
await browser.close(); for (const h of hosts) await h.close(); core.close();
