import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppError } from '../../../shared/contract/errors';
import { SHEET_PRINT_PAGE, sheetPrintQuery, type SheetPrintReady } from '../../../shared/contract/sheets';
import { createDispatch } from '../api/dispatch';
import { startHttpHost } from '../host/http';
import { launchPrintBrowser } from './browser';
import type { SheetRenderJob } from './port';
import { printRendererDir } from './rendererDir';

/** How long the print view may take to say it is ready before the render is given up. */
export const READY_TIMEOUT_MS = 60_000;

/** Options Chromium prints the sheet with; the page size and margins come from the view's CSS. */
export const SHEET_PDF_OPTIONS = { format: 'A4', printBackground: true, preferCSSPageSize: true } as const;

/** The page the print view is laid out in: A4 wide, and twice the pixels so the map prints sharp. */
export const PRINT_CONTEXT = { viewport: { width: 794, height: 1123 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } as const;

/** A warm Chromium stays up this long after the last render, then closes. */
const IDLE_CLOSE_MS = 60_000;

/**
 * Wait for the print view's own ready signal (data loaded, fonts loaded, map idle), never a fixed
 * delay; a view that reports an error fails the render with its message.
 */
export async function waitForPrintReady(page: Page, timeoutMs = READY_TIMEOUT_MS): Promise<SheetPrintReady> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('internal', { zh: `调度日报打印页面 ${timeoutMs / 1000} 秒内未就绪`, en: `The sheet print view was not ready within ${timeoutMs / 1000} s` })),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([
      page.evaluate(() => (globalThis as unknown as { draindeskPrint: { ready: Promise<SheetPrintReady> } }).draindeskPrint.ready).catch((error: unknown) => {
        const message = error instanceof Error ? error.message.replace(/^page\.evaluate: (Error: )?/, '').split('\n')[0]! : String(error);
        throw new AppError('internal', { zh: `调度日报无法生成：${message}`, en: `The sheet could not be drawn: ${message}` });
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// One Chromium for the process, launched on first use and reused (browser mode issues a sheet a
// day; the bench and tests render many): the print view's scripts stay in its cache.
let warm: { browser: Promise<Browser>; context: Promise<BrowserContext> } | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let active = 0;

function acquire(): Promise<BrowserContext> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (!warm) {
    const browser = launchPrintBrowser();
    const context = browser.then((b) => b.newContext(PRINT_CONTEXT));
    warm = { browser, context };
    browser.then(
      (b) => b.on('disconnected', () => (warm = null)),
      () => (warm = null),
    );
  }
  active++;
  return warm.context;
}

function release(): void {
  active--;
  if (active > 0 || !warm) return;
  idleTimer = setTimeout(() => void closePrintBrowser(), IDLE_CLOSE_MS);
  idleTimer.unref();
}

/** Close the warm Chromium (the CLI does so before it exits). */
export async function closePrintBrowser(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const w = warm;
  warm = null;
  if (w) await (await w.browser.catch(() => null))?.close();
}

/**
 * Browser mode, the CLI and tests: serve the built renderer and this core's API on 127.0.0.1 (a
 * free port, only for this render), open the print view in headless Chromium, wait for it to be
 * ready and print it to A4 PDF.
 */
export async function renderSheetPdfHeadless(job: SheetRenderJob): Promise<Uint8Array> {
  const host = await startHttpHost({ dispatch: createDispatch(job.ctx), staticDir: printRendererDir(), port: 0 });
  let page: Page | null = null;
  try {
    const context = await acquire().catch((error: unknown) => {
      active--;
      throw error;
    });
    try {
      page = await context.newPage();
      await page.goto(`${host.url}${SHEET_PRINT_PAGE}?${sheetPrintQuery(job.ref)}`);
      await waitForPrintReady(page);
      return new Uint8Array(await page.pdf(SHEET_PDF_OPTIONS));
    } finally {
      await page?.close().catch(() => undefined);
      release();
    }
  } finally {
    await host.close();
  }
}
