import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { seedDemo } from '../electron/core/demo';
import { DEMO } from '../electron/core/demo/constants';
import { launchPrintBrowser } from '../electron/core/sheets/browser';
import { PRINT_CONTEXT, PRINT_ORIGIN, routeRendererFiles, SHEET_PDF_OPTIONS, waitForPrintReady } from '../electron/core/sheets/headless';
import { printRendererDir } from '../electron/core/sheets/rendererDir';
import { draftData } from '../electron/core/services/sheets/archive';
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const core = await openCore({ dataDir: dir, transport: 'test', now: () => new Date(`${DEMO.today}T20:00:00+08:00`) });
seedDemo(core);
const ctx = core.ctx;
let t = performance.now();
const lap = (n: string) => { const x = performance.now(); console.log(n, (x - t).toFixed(0)); t = x; };
const b = await launchPrintBrowser(); lap('launch');
const c = await b.newContext(PRINT_CONTEXT); const p = await c.newPage(); await routeRendererFiles(p, printRendererDir());
await p.goto(`${PRINT_ORIGIN}/print.html?inline=1`); lap('goto');
for (let i = 0; i < 4; i++) {
  const data = draftData(ctx, DEMO.today); lap('data');
  const json = JSON.stringify(data); console.log('json KB', (json.length/1024).toFixed(0));
  await p.evaluate((j) => void (globalThis as any).draindeskPrint.show(JSON.parse(j)), json); lap('show');
  await waitForPrintReady(p); lap('ready');
  await p.pdf(SHEET_PDF_OPTIONS); lap('pdf');
}
await b.close(); core.close();
