// The daily sheet to PDF (issue 7): the headless renderer drawing a sheet (its data from the core,
// the map going idle, the fonts, page.pdf) against a baseline in the same run: the same Chromium
// printing a static HTML page of the same size (the sheet's own rendered DOM with the map as an
// image: nothing to query or draw). Both run in a warm browser, as browser mode does after its
// first sheet; the first sheet of a process (Chromium launch, page load) is printed apart.
// Target: within 2× and under 3 s.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { seedDemo } from '../electron/core/demo';
import { DEMO } from '../electron/core/demo/constants';
import { startHttpHost } from '../electron/core/host/http';
import { launchPrintBrowser } from '../electron/core/sheets/browser';
import { ensurePrintViewBuilt } from '../electron/core/sheets/build';
import { closePrintBrowser, PRINT_CONTEXT, renderSheetPdfHeadless, SHEET_PDF_OPTIONS, waitForPrintReady } from '../electron/core/sheets/headless';
import { printRendererDir } from '../electron/core/sheets/rendererDir';
import { median, report } from './lib';


function pages(pdf: Uint8Array, dir: string): number {
  const file = join(dir, 'probe.pdf');
  execFileSync('sh', ['-c', `cat > ${file}`], { input: pdf });
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1] ?? 0);
}

export async function benchSheet(): Promise<void> {
  ensurePrintViewBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-sheet-'));
  const core = await openCore({ dataDir: dir, transport: 'test', now: () => new Date(`${DEMO.today}T20:00:00+08:00`) });
  try {
    seedDemo(core);
    const job = { ref: { date: DEMO.today }, ctx: core.ctx };

    // The static page: the print view's DOM once drawn, scripts out, the map's canvas as a PNG.
    const host = await startHttpHost({ dispatch: core.dispatch, staticDir: printRendererDir(), port: 0 });
    const browser = await launchPrintBrowser();
    const page = await (await browser.newContext(PRINT_CONTEXT)).newPage();
    await page.goto(`${host.url}print.html?date=${DEMO.today}`);
    await waitForPrintReady(page);
    const html = await page.evaluate(() => {
      for (const canvas of Array.from(document.querySelectorAll('canvas'))) {
        const img = document.createElement('img');
        img.src = canvas.toDataURL('image/png');
        img.style.cssText = canvas.style.cssText;
        canvas.replaceWith(img);
      }
      for (const s of Array.from(document.querySelectorAll('script'))) s.remove();
      return `<!doctype html>${document.documentElement.outerHTML}`;
    });
    await page.close();

    let oursPdf: Uint8Array = new Uint8Array();
    let staticPdf: Uint8Array = new Uint8Array();
    const t0 = performance.now();
    await renderSheetPdfHeadless(job);
    const cold = performance.now() - t0;
    const ours = await median(5, async () => {
      oursPdf = await renderSheetPdfHeadless(job);
    });
    // Served like the app (same origin, same assets and fonts), from a folder of its own.
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'sheet.html'), html);
    symlinkSync(join(printRendererDir(), 'assets'), join(staticDir, 'assets'));
    const staticHost = await startHttpHost({ dispatch: core.dispatch, staticDir, port: 0 });
    const context = await browser.newContext(PRINT_CONTEXT);
    const baseline = await median(5, async () => {
      const p = await context.newPage();
      try {
        await p.goto(`${staticHost.url}sheet.html`);
        await p.evaluate(() => document.fonts.ready.then(() => undefined));
        staticPdf = new Uint8Array(await p.pdf(SHEET_PDF_OPTIONS));
      } finally {
        await p.close();
      }
    });
    // A stricter baseline: printing the static page once it is already open (page.pdf alone).
    const open = await context.newPage();
    await open.goto(`${staticHost.url}sheet.html`);
    await open.evaluate(() => document.fonts.ready.then(() => undefined));
    const printOnly = await median(5, async () => {
      await open.pdf(SHEET_PDF_OPTIONS);
    });
    await browser.close();
    await closePrintBrowser();
    await staticHost.close();
    await host.close();
    console.log(`sheet: ${pages(oursPdf, dir)} pages (${(oursPdf.length / 1024).toFixed(0)} KB); static page: ${pages(staticPdf, dir)} pages (${(staticPdf.length / 1024).toFixed(0)} KB)`);
    report('sheet → PDF (data, map idle, fonts, print)', ours, baseline, 2);
    report('  … against page.pdf of the open static page', ours, printOnly);
    console.log(`sheet → PDF absolute: ${(ours / 1000).toFixed(2)} s ${ours < 3000 ? '✓ under 3 s' : '✗ over 3 s'}; first sheet of a process (Chromium launch, page load): ${(cold / 1000).toFixed(2)} s`);
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
