import type { Page, Route } from 'playwright-core';
import type { SheetData, SheetPrintReady } from '../../../shared/contract/sheets';
import { openCdpPrintPage, type PrintPage } from './cdpPrintPage';
import type { SheetPdfRenderer, SheetRenderJob } from './port';
import { printRendererDir } from './rendererDir';
import { startPrintBrowser, type StartedBrowser } from './startedBrowser';
import { drawFailed, printFileAnswer, READY_TIMEOUT_MS, withinReadyTimeout } from './view';

export { PRINT_CONTEXT, PRINT_ORIGIN, READY_TIMEOUT_MS, SHEET_PDF_OPTIONS } from './view';

/**
 * For a Playwright page showing the print view (the bench's baseline, tests): wait for the view's
 * own ready signal (data drawn, fonts loaded, map drawn), never a fixed delay; a view that reports
 * an error fails with its message. With `json`, the sheet data are handed to the view
 * (`draindeskPrint.show`) in the same round trip.
 */
export function waitForPrintReady(page: Page, timeoutMs = READY_TIMEOUT_MS, json?: string): Promise<SheetPrintReady> {
  return withinReadyTimeout(
    page
      .evaluate((handed) => {
        const print = (globalThis as unknown as { draindeskPrint: { ready: Promise<SheetPrintReady>; show(d: SheetData): Promise<SheetPrintReady> } }).draindeskPrint;
        return handed === null ? print.ready : print.show(JSON.parse(handed) as SheetData);
      }, json ?? null)
      .catch((error: unknown) => {
        throw drawFailed(error);
      }),
    timeoutMs,
  );
}

/** For a Playwright page: serve the built renderer's files to it from this process; refuse everything else. */
export async function routeRendererFiles(page: Page, dir: string): Promise<void> {
  await page.route('**/*', (route: Route) => {
    const answer = printFileAnswer(dir, route.request().url());
    if (answer === 'refuse') return route.abort('blockedbyclient');
    return route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
  });
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
 */
export function createHeadlessSheetRenderer(opts: { rendererDir?: () => string; idleCloseMs?: number } = {}): HeadlessSheetRenderer {
  let browser: StartedBrowser | null = null;
  let page: Promise<PrintPage> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let idleTimer: NodeJS.Timeout | null = null;
  let active = 0;

  const warmPage = (): Promise<PrintPage> => {
    if (!page) {
      const opening = (async () => {
        const dir = (opts.rendererDir ?? printRendererDir)();
        if (!browser || browser.cdp.closed) {
          const started = startPrintBrowser();
          started.cdp.onClose(() => started === browser && ((browser = null), (page = null)));
          browser = started;
        }
        const started = browser;
        try {
          return await openCdpPrintPage(started.cdp, dir);
        } catch (error) {
          // A Chromium that died on the way says why (e.g. a missing library).
          throw started.cdp.closed && started.exitReason ? drawFailed(new Error(started.exitReason)) : error;
        }
      })();
      opening.catch(() => page === opening && (page = null));
      page = opening;
    }
    return page;
  };

  const dropPage = async (failed: Promise<PrintPage>) => {
    if (page === failed) page = null;
    const p = await failed.catch(() => null);
    await p?.close().catch(() => undefined);
  };

  const close = async () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const b = browser;
    const p = page;
    browser = null;
    page = null;
    if (p) await dropPage(p);
    if (b && !b.cdp.closed) {
      const exited = new Promise<void>((resolve) => b.cdp.onClose(resolve));
      await b.cdp.send('Browser.close').catch(() => undefined);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    }
    b?.stop();
  };

  // Handed over as one JSON string: cheaper across the protocol than a structured object.
  const draw = async (p: PrintPage, data: SheetData): Promise<Uint8Array> => {
    await p.show(JSON.stringify(data));
    return p.pdf();
  };

  /** Run one job on the warm page after the ones before it; a page that failed once is dropped. */
  const onPage = <T>(job: (p: PrintPage) => Promise<T>): Promise<T> => {
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
        await p.show(json);
      }).catch(() => undefined),
    close,
  });
}
