// The daily sheet to PDF (issue 7): the whole headless render (a host on a free port, Chromium,
// the print view loading its data, the map going idle, the fonts, page.pdf) against a baseline in
// the same run: the same Chromium printing a static HTML page of the same size (the sheet's own
// rendered DOM, map as an image, nothing to load or draw). Target: within 2× and under 3 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { openCore } from '../electron/core/app';
import { seedDemo } from '../electron/core/demo';
import { DEMO } from '../electron/core/demo/constants';
import { startHttpHost } from '../electron/core/host/http';
import { launchPrintBrowser } from '../electron/core/sheets/browser';
import { ensurePrintViewBuilt } from '../electron/core/sheets/build';
import { renderSheetPdfHeadless, SHEET_PDF_OPTIONS, waitForPrintReady } from '../electron/core/sheets/headless';
import { printRendererDir } from '../electron/core/sheets/rendererDir';
import { median, report } from './lib';

const CONTEXT = { viewport: { width: 794, height: 1123 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } as const;

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
    const page = await (await browser.newContext(CONTEXT)).newPage();
    await page.goto(`${host.url}print.html?date=${DEMO.today}`);
    await waitForPrintReady(page);
    const html = await page.evaluate((base) => {
      for (const canvas of Array.from(document.querySelectorAll('canvas'))) {
        const img = document.createElement('img');
        img.src = canvas.toDataURL('image/png');
        img.style.cssText = canvas.style.cssText;
        canvas.replaceWith(img);
      }
      for (const s of Array.from(document.querySelectorAll('script'))) s.remove();
      return document.documentElement.outerHTML.replace('<head>', `<head><base href="${base}">`);
    }, host.url);
    await browser.close();

    let oursPdf = new Uint8Array();
    let staticPdf = new Uint8Array();
    const ours = await median(5, async () => {
      oursPdf = await renderSheetPdfHeadless(job);
    });
    const baseline = await median(5, async () => {
      const b = await launchPrintBrowser();
      try {
        const p = await (await b.newContext(CONTEXT)).newPage();
        await p.setContent(html, { waitUntil: 'load' });
        await p.evaluate(() => document.fonts.ready.then(() => undefined));
        staticPdf = new Uint8Array(await p.pdf(SHEET_PDF_OPTIONS));
      } finally {
        await b.close();
      }
    });
    await host.close();
    console.log(`sheet: ${pages(oursPdf, dir)} pages (${(oursPdf.length / 1024).toFixed(0)} KB); static page: ${pages(staticPdf, dir)} pages (${(staticPdf.length / 1024).toFixed(0)} KB)`);
    report('sheet → PDF (launch, load, map idle, print)', ours, baseline, 2);
    console.log(`sheet → PDF absolute: ${(ours / 1000).toFixed(2)} s ${ours < 3000 ? '✓ under 3 s' : '✗ over 3 s'}`);
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
