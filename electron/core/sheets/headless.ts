import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppError } from '../../../shared/contract/errors';
import { SHEET_PRINT_PAGE, sheetPrintQuery, type SheetPrintReady } from '../../../shared/contract/sheets';
import { createDispatch } from '../api/dispatch';
import { startHttpHost, type HttpHost } from '../host/http';
import { launchPrintBrowser } from './browser';
import type { CoreContext } from '../context';
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

// One Chromium for the process, launched on first use and kept warm, and one print page per core
// kept loaded: the next sheet is drawn in place (draindeskPrint.render) without loading the view's
// scripts, fonts and map worker again. Both close after a minute without renders.
interface Warm {
  browser: Promise<Browser>;
  context: Promise<BrowserContext>;
  pages: Map<CoreContext, Promise<WarmPage>>;
}
interface WarmPage {
  page: Page;
  host: HttpHost;
  /** Renders in one page run one after another. */
  queue: Promise<unknown>;
}

let warm: Warm | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let active = 0;

function browserState(): Warm {
  if (!warm) {
    const browser = launchPrintBrowser();
    const state: Warm = { browser, context: browser.then((b) => b.newContext(PRINT_CONTEXT)), pages: new Map() };
    browser.then(
      (b) => b.on('disconnected', () => warm === state && (warm = null)),
      () => warm === state && (warm = null),
    );
    warm = state;
  }
  return warm;
}

async function openPage(ctx: CoreContext, query: string): Promise<WarmPage> {
  const host = await startHttpHost({ dispatch: createDispatch(ctx), staticDir: printRendererDir(), port: 0 });
  try {
    const page = await (await browserState().context).newPage();
    const response = await page.goto(`${host.url}${SHEET_PRINT_PAGE}?${query}`);
    const loaded = response?.ok() && (await page.evaluate(() => 'draindeskPrint' in globalThis));
    if (!loaded) {
      await page.close();
      throw new AppError('not_found', {
        zh: `调度日报打印页面没有打开（HTTP ${response?.status() ?? '无响应'}）；界面文件可能缺失或正在重新构建，请稍后重试`,
        en: `The sheet print view did not open (HTTP ${response?.status() ?? 'no response'}); the UI files may be missing or being rebuilt; try again`,
      });
    }
    return { page, host, queue: Promise.resolve() };
  } catch (error) {
    await host.close();
    throw error;
  }
}

async function dropPage(ctx: CoreContext, entry: Promise<WarmPage>): Promise<void> {
  if (warm?.pages.get(ctx) === entry) warm.pages.delete(ctx);
  const w = await entry.catch(() => null);
  if (!w) return;
  await w.page.close().catch(() => undefined);
  await w.host.close();
}

/** Close the warm pages and Chromium (the CLI does so before it exits). */
export async function closePrintBrowser(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const w = warm;
  warm = null;
  if (!w) return;
  for (const [ctx, entry] of w.pages) await dropPage(ctx, entry);
  await (await w.browser.catch(() => null))?.close();
}

function release(): void {
  active--;
  if (active > 0 || !warm) return;
  idleTimer = setTimeout(() => void closePrintBrowser(), IDLE_CLOSE_MS);
  idleTimer.unref();
}

/**
 * Browser mode, the CLI and tests: the built renderer and this core's API served on 127.0.0.1 (a
 * free port, for the print page only), the print view in headless Chromium, its ready signal, then
 * A4 PDF. The first sheet loads the page; later ones are drawn in the same page.
 */
export async function renderSheetPdfHeadless(job: SheetRenderJob): Promise<Uint8Array> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  active++;
  try {
    const query = sheetPrintQuery(job.ref);
    const state = browserState();
    let entry = state.pages.get(job.ctx);
    const fresh = !entry;
    if (!entry) {
      entry = openPage(job.ctx, query);
      state.pages.set(job.ctx, entry);
    }
    const current = entry;
    const w = await current.catch(async (error: unknown) => {
      await dropPage(job.ctx, current);
      throw error;
    });
    const run = w.queue.then(async () => {
      if (!fresh) await w.page.evaluate((q) => void (globalThis as unknown as { draindeskPrint: { render(q: string): unknown } }).draindeskPrint.render(q), query);
      await waitForPrintReady(w.page);
      return new Uint8Array(await w.page.pdf(SHEET_PDF_OPTIONS));
    });
    w.queue = run.catch(() => undefined);
    try {
      return await run;
    } catch (error) {
      // A page that failed once is not trusted with the next sheet.
      await dropPage(job.ctx, current);
      throw error;
    }
  } finally {
    release();
  }
}
