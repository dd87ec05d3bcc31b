import type { Browser, Page, Route } from 'playwright-core';
import { AppError } from '../../../shared/contract/errors';
import { SHEET_PRINT_PAGE, SHEET_PRINT_INLINE, type SheetData, type SheetPrintReady } from '../../../shared/contract/sheets';
import { appCsp } from '../../../shared/security/csp';
import { readStatic, resolveStaticPath } from '../host/staticFiles';
import { launchPrintBrowser } from './browser';
import type { SheetPdfRenderer, SheetRenderJob } from './port';
import { printRendererDir } from './rendererDir';

/** How long the print view may take to say it is ready before the render is given up. */
export const READY_TIMEOUT_MS = 60_000;

/** Options Chromium prints the sheet with; the page size and margins come from the view's CSS. */
export const SHEET_PDF_OPTIONS = { format: 'A4', printBackground: true, preferCSSPageSize: true } as const;

/** The page the print view is laid out in: A4 wide, and twice the pixels so the map prints sharp. */
export const PRINT_CONTEXT = { viewport: { width: 794, height: 1123 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } as const;

/**
 * The origin the print view is loaded from. Nothing listens there: every request to it is answered
 * in process from the built renderer's files, and every other request is refused, so the page sees
 * no API at all, only the sheet data it is handed.
 */
export const PRINT_ORIGIN = 'http://print.draindesk.invalid';

/**
 * Wait for the print view's own ready signal (data drawn, fonts loaded, map drawn), never a fixed
 * delay; a view that reports an error fails the render with its message. With `json`, the sheet
 * data are handed to the view (`draindeskPrint.show`) in the same round trip.
 */
export async function waitForPrintReady(page: Page, timeoutMs = READY_TIMEOUT_MS, json?: string): Promise<SheetPrintReady> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('internal', { zh: `调度日报打印页面 ${timeoutMs / 1000} 秒内未就绪`, en: `The sheet print view was not ready within ${timeoutMs / 1000} s` })),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([
      page
        .evaluate((handed) => {
          const print = (globalThis as unknown as { draindeskPrint: { ready: Promise<SheetPrintReady>; show(d: SheetData): Promise<SheetPrintReady> } }).draindeskPrint;
          return handed === null ? print.ready : print.show(JSON.parse(handed) as SheetData);
        }, json ?? null)
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message.replace(/^page\.evaluate: (Error: )?/, '').split('\n')[0]! : String(error);
          throw new AppError('internal', { zh: `调度日报无法生成：${message}`, en: `The sheet could not be drawn: ${message}` });
        }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Serve the built renderer's files to the page from this process; refuse everything else. */
export async function routeRendererFiles(page: Page, dir: string): Promise<void> {
  await page.route('**/*', (route: Route) => {
    const url = new URL(route.request().url());
    if (url.origin !== PRINT_ORIGIN) return route.abort('blockedbyclient');
    const file = resolveStaticPath(dir, url.pathname);
    if (!file) return route.fulfill({ status: 404, body: 'not found' });
    const { body, type } = readStatic(file);
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = appCsp();
    return route.fulfill({ status: 200, headers, body });
  });
}

/** Open the print view, waiting for sheet data (it fetches nothing itself). */
async function openPrintPage(browser: Browser, dir: string): Promise<Page> {
  const context = await browser.newContext(PRINT_CONTEXT);
  const page = await context.newPage();
  try {
    await routeRendererFiles(page, dir);
    const response = await page.goto(`${PRINT_ORIGIN}/${SHEET_PRINT_PAGE}?${SHEET_PRINT_INLINE}`);
    const loaded = response?.ok() && (await page.evaluate(() => 'draindeskPrint' in globalThis));
    if (!loaded) {
      throw new AppError('not_found', {
        zh: `调度日报打印页面没有打开（HTTP ${response?.status() ?? '无响应'}）；界面文件可能缺失或正在重新构建，请稍后重试`,
        en: `The sheet print view did not open (HTTP ${response?.status() ?? 'no response'}); the UI files may be missing or being rebuilt; try again`,
      });
    }
    return page;
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}

/** The headless renderer: a sheet renderer with a warm-up and a close for its Chromium. */
export interface HeadlessSheetRenderer extends SheetPdfRenderer {
  prepare(): void;
  warm(sample: () => SheetData): Promise<void>;
  /** Close the warm page and Chromium (the CLI does so before it exits). */
  close(): Promise<void>;
}

/**
 * Browser mode, the CLI and benches: the print view in headless Chromium, loaded once from the
 * built renderer's files and kept warm. Each sheet's data are handed to the open page
 * (`draindeskPrint.show`), drawn in place, and printed once the view says it is ready; renders run
 * one after another. Chromium launches on `warm` (browser mode, at start-up), `prepare` (called
 * before the data are assembled) or the first render, and stays up while the process runs (a sheet
 * is printed several times a day; a cold start costs seconds), unless `idleCloseMs` says otherwise.
 * `launch` starts Chromium some other way (the lazy renderer attaches to one it started early).
 */
export function createHeadlessSheetRenderer(opts: { rendererDir?: () => string; idleCloseMs?: number; launch?: () => Promise<Browser> } = {}): HeadlessSheetRenderer {
  let browser: Promise<Browser> | null = null;
  let page: Promise<Page> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let idleTimer: NodeJS.Timeout | null = null;
  let active = 0;

  const warmPage = (): Promise<Page> => {
    if (!page) {
      const launching = (browser ??= (opts.launch ?? launchPrintBrowser)());
      launching.then(
        (b) => b.on('disconnected', () => launching === browser && ((browser = null), (page = null))),
        () => launching === browser && ((browser = null), (page = null)),
      );
      const opening = launching.then((b) => openPrintPage(b, (opts.rendererDir ?? printRendererDir)()));
      opening.catch(() => page === opening && (page = null));
      page = opening;
    }
    return page;
  };

  const dropPage = async (failed: Promise<Page>) => {
    if (page === failed) page = null;
    const p = await failed.catch(() => null);
    await p?.context().close().catch(() => undefined);
  };

  const close = async () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const b = browser;
    const p = page;
    browser = null;
    page = null;
    if (p) await dropPage(p);
    await (await b?.catch(() => null))?.close();
  };

  // Handed over as one JSON string: cheaper across the protocol than a structured object.
  const draw = async (p: Page, data: SheetData): Promise<Uint8Array> => {
    await waitForPrintReady(p, READY_TIMEOUT_MS, JSON.stringify(data));
    return new Uint8Array(await p.pdf(SHEET_PDF_OPTIONS));
  };

  /** Run one job on the warm page after the ones before it; a page that failed once is dropped. */
  const onPage = <T>(job: (p: Page) => Promise<T>): Promise<T> => {
    const current = warmPage();
    const run = queue.then(async () => job(await current));
    queue = run.catch(() => undefined);
    return run.catch(async (error: unknown) => {
      await dropPage(current);
      throw error;
    });
  };

  const render = async (job: SheetRenderJob): Promise<Uint8Array> => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    active++;
    try {
      return await onPage((p) => draw(p, job.data));
    } finally {
      active--;
      if (active === 0 && browser && opts.idleCloseMs !== undefined) {
        idleTimer = setTimeout(() => void close(), opts.idleCloseMs);
        idleTimer.unref();
      }
    }
  };

  return Object.assign(render, {
    prepare: () => {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      warmPage().catch(() => undefined);
    },
    warm: (sample: () => SheetData) =>
      // Drawn, not printed: the page's code runs once and the fonts the sheet uses load.
      onPage(async (p) => {
        // A real sheet already waiting goes first: the page is loaded, which is most of the warm-up.
        if (active > 0) return;
        let json: string;
        try {
          json = JSON.stringify(sample());
        } catch {
          return; // no sample to draw (e.g. a file being restored): the page stays loaded all the same
        }
        await waitForPrintReady(p, READY_TIMEOUT_MS, json);
      }).catch(() => undefined),
    close,
  });
}
