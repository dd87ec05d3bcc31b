// The daily sheet to PDF (issues 7 and 15). Ours: `sheets.renderPdf` through the dispatcher, as
// the UI and the CLI ask for it (data assembled in the core, handed to the warm print view, the map
// going idle, the fonts, page.pdf). Baseline, in the same run and the same Chromium: page.pdf of a
// static page of the same sheet that is already open (the sheet's own rendered DOM, the map's SVG
// included: nothing to query or draw). Also the first sheet of a fresh process started as browser
// mode starts (bench/sheet-process.ts: the print view warmed in the background once the core is
// up), asked for the moment the core is up and timed from the request; and, for comparison, the
// first sheet of a process that never warmed (Chromium launched at the request, as the CLI does).
// Targets: warm ≤ 2× the static page's page.pdf; first sheet of a process < 2 s.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SheetData } from '../shared/contract/sheets';
import { openCore } from '../electron/core/app';
import { seedDemo } from '../electron/core/demo';
import { DEMO } from '../electron/core/demo/constants';
import { launchPrintBrowser } from '../electron/core/sheets/browser';
import { ensurePrintViewBuilt } from '../electron/core/sheets/build';
import { createHeadlessSheetRenderer, PRINT_CONTEXT, PRINT_ORIGIN, routeRendererFiles, SHEET_PDF_OPTIONS, waitForPrintReady } from '../electron/core/sheets/headless';
import { printRendererDir } from '../electron/core/sheets/rendererDir';
import { median, report } from './lib';

/** The first sheet of a fresh process (bench/sheet-process.ts), from the request to the PDF bytes. */
async function firstSheetOfProcess(dataDir: string, date: string, now: string, when: 'up' | 'warm'): Promise<{ ms: number; warmMs: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sheet-process.ts', dataDir, date, now], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  let ms = NaN;
  let warmMs = NaN;
  for await (const line of lines) {
    if (line.startsWith('warm ')) warmMs = Number(line.slice(5));
    if (line.split(' ')[0] === when) child.stdin.write('sheet\n');
    else if (line.startsWith('{')) {
      const r = JSON.parse(line) as { ms?: number; error?: string };
      if (r.error) throw new Error(r.error);
      ms = r.ms!;
    }
  }
  await once(child, 'close');
  return { ms, warmMs };
}

function pages(pdf: Uint8Array, dir: string): number {
  const file = join(dir, 'probe.pdf');
  writeFileSync(file, pdf);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1] ?? 0);
}

export async function benchSheet(): Promise<void> {
  ensurePrintViewBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-sheet-'));
  const renderer = createHeadlessSheetRenderer();
  const core = await openCore({ dataDir: dir, transport: 'test', now: () => new Date(`${DEMO.today}T20:00:00+08:00`), sheetRenderer: renderer });
  const browser = await launchPrintBrowser();
  try {
    seedDemo(core);
    const at = `${DEMO.today}T20:00:00+08:00`;
    const asked = await firstSheetOfProcess(dir, DEMO.today, at, 'up');
    const afterWarm = await firstSheetOfProcess(dir, DEMO.today, at, 'warm');
    const sheet = async (): Promise<Uint8Array> => {
      const r = await core.dispatch('sheets.renderPdf', { date: DEMO.today });
      if (!r.ok) throw new Error(r.error.message);
      return new Uint8Array(Buffer.from((r.value as { contentBase64: string }).contentBase64, 'base64'));
    };

    // The first sheet of this process, which never warmed: Chromium launches at the request.
    const t0 = performance.now();
    let oursPdf = await sheet();
    const first = performance.now() - t0;
    const ours = await median(5, async () => {
      oursPdf = await sheet();
    });

    // The static page: the print view's DOM once drawn (the map an SVG in it), scripts out,
    // served from the same origin with the same assets and fonts.
    const data = (await core.dispatch('sheets.data', { date: DEMO.today })) as { ok: true; value: SheetData };
    const context = await browser.newContext(PRINT_CONTEXT);
    const draw = await context.newPage();
    await routeRendererFiles(draw, printRendererDir());
    await draw.goto(`${PRINT_ORIGIN}/print.html?inline=1`);
    await draw.evaluate((d) => void (globalThis as unknown as { draindeskPrint: { show(d: SheetData): unknown } }).draindeskPrint.show(d), data.value);
    await waitForPrintReady(draw);
    const html = await draw.evaluate(() => {
      for (const canvas of Array.from(document.querySelectorAll('canvas'))) {
        const img = document.createElement('img');
        img.src = canvas.toDataURL('image/png');
        img.style.cssText = canvas.style.cssText;
        canvas.replaceWith(img);
      }
      for (const s of Array.from(document.querySelectorAll('script'))) s.remove();
      return `<!doctype html>${document.documentElement.outerHTML}`;
    });
    await draw.close();
    const open = await context.newPage();
    await routeRendererFiles(open, printRendererDir());
    await open.route(`${PRINT_ORIGIN}/sheet.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await open.goto(`${PRINT_ORIGIN}/sheet.html`);
    await open.evaluate(() => document.fonts.ready.then(() => undefined));
    let staticPdf: Uint8Array = new Uint8Array();
    const printOnly = await median(5, async () => {
      staticPdf = new Uint8Array(await open.pdf(SHEET_PDF_OPTIONS));
    });

    console.log(`sheet: ${pages(oursPdf, dir)} pages (${(oursPdf.length / 1024).toFixed(0)} KB); static page: ${pages(staticPdf, dir)} pages (${(staticPdf.length / 1024).toFixed(0)} KB)`);
    report('sheet → PDF, warm (sheets.renderPdf)', ours, printOnly, 2);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`first sheet of a fresh process, asked once its background warm-up is done (${s(afterWarm.warmMs)} after start-up): ${s(afterWarm.ms)} ${afterWarm.ms < 2000 ? '✓ under 2 s' : '✗ over 2 s'}`);
    console.log(`first sheet of a fresh process, asked the moment its core is up (warm-up still running): ${s(asked.ms)} ${asked.ms < 2000 ? '✓ under 2 s' : '✗ over 2 s'}`);
    console.log(`first sheet of a process that never warmed (Chromium launched at the request, as the CLI): ${(first / 1000).toFixed(2)} s`);
  } finally {
    await browser.close();
    await renderer.close();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
