import type { Result } from '../../shared/contract';
import { AppError, type WireError } from '../../shared/contract/errors';
import { SHEET_PRINT_INLINE, SHEET_PRINT_PAGE, sheetPrintQuery, sheetProcedures } from '../../shared/contract/sheets';
import { parseInput } from '../../shared/contract/validation';
import type { SheetPdfReply, SheetPdfRequest } from '../core/sheets/parentPort';
import type { CorePort, CoreReply, CoreRequest } from './coreRelay';
import type { Relay } from './ipc';
import { APP_ORIGIN } from './security';

/**
 * Printing the daily sheet in the desktop app (issues 7 and 15). Main owns windows and printers, so
 * it answers two things: the core's requests for a sheet's PDF (签发 and the draft PDF) and the
 * page's `sheets.print` (the system print dialog). Both use one hidden print window, loaded once
 * (warmed after the main window has loaded) and kept: each sheet's data are handed to its view
 * (`draindeskPrint.show`, or `render(query)` when only a reference is known), the view's own ready
 * signal is awaited, then printToPDF or print. The Electron parts (the window) come in through
 * `openWindow`, so this file is tested without Electron.
 */

/** The parts of a hidden BrowserWindow the printer uses. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  webContents: {
    executeJavaScript(code: string, userGesture?: boolean): Promise<unknown>;
    printToPDF(options: typeof SHEET_PDF_OPTIONS): Promise<Uint8Array>;
    print(options: { silent: boolean; printBackground: boolean }, callback: (success: boolean, failureReason: string) => void): void;
  };
  isDestroyed(): boolean;
  destroy(): void;
}

/** printToPDF's options: the page size and margins come from the view's @page rule. */
export const SHEET_PDF_OPTIONS = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true } as const;

/** The print view as the warm window loads it: waiting for sheets to be handed to it. */
export const PRINT_VIEW_URL = `${APP_ORIGIN}/${SHEET_PRINT_PAGE}?${SHEET_PRINT_INLINE}`;

/** Only what the core's port produces: date=…, id=… or token=… (nothing else reaches the view). */
const QUERY = /^(date=\d{4}-\d{2}-\d{2}|id=[0-9a-f-]{36}|token=[0-9a-f]{32})$/;

function checkQuery(query: string): string {
  if (!QUERY.test(query)) throw new AppError('invalid_input', { zh: '打印请求无效', en: 'Invalid print request' });
  return query;
}

/** A sheet to print: its reference, and (from the core) its data as JSON, handed to the view as they are. */
export interface SheetPrintJob {
  query: string;
  data?: string;
}

/**
 * The script that shows a job's sheet in the warm view and resolves once it is ready (data drawn,
 * fonts loaded): the data handed over as a JSON string literal, or the reference for the view to
 * fetch. Nothing but a checked query or a string literal reaches the code.
 */
export function showScript(job: SheetPrintJob): string {
  const query = checkQuery(job.query);
  return job.data !== undefined
    ? `window.draindeskPrint.show(JSON.parse(${JSON.stringify(job.data)}))`
    : `window.draindeskPrint.render(${JSON.stringify(query)})`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('internal', { zh: `调度日报打印页面 ${ms / 1000} 秒内未就绪`, en: `The sheet print view was not ready within ${ms / 1000} s` })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface SheetPrinter {
  /** The job's sheet as A4 PDF bytes. */
  toPdf(job: SheetPrintJob): Promise<Uint8Array>;
  /** The system print dialog for the sheet `query` names; false when the user cancels. */
  print(query: string): Promise<boolean>;
  /** Load the print view now and draw `query`'s sheet there (after start-up); never fails. */
  warm(query: string): Promise<void>;
}

/**
 * A printer with one warm hidden window: opened on first use (or `warm`), reused for every job,
 * one job at a time. A window whose job failed, or that went away, is destroyed and the next job
 * opens a fresh one.
 */
export function createSheetPrinter(openWindow: () => PrintWindow, readyTimeoutMs = 60_000): SheetPrinter {
  let view: Promise<PrintWindow> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const open = (): Promise<PrintWindow> =>
    (view ??= (async () => {
      const win = openWindow();
      try {
        await win.loadURL(PRINT_VIEW_URL);
        return win;
      } catch (error) {
        win.destroy();
        throw error;
      }
    })());
  const drop = async (failed: Promise<PrintWindow>) => {
    if (view === failed) view = null;
    const win = await failed.catch(() => null);
    if (win && !win.isDestroyed()) win.destroy();
  };
  // Sheets asked for and not yet printed: a warm-up that finds one waiting only loads the view.
  let asked = 0;
  const onView = <T>(script: () => string | null, fn: (win: PrintWindow) => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      if (view && (await view.catch(() => null))?.isDestroyed() !== false) view = null;
      const current = open();
      try {
        const win = await current;
        const code = script();
        if (code !== null) await withTimeout(win.webContents.executeJavaScript(code, true), readyTimeoutMs);
        return await fn(win);
      } catch (error) {
        // A window that failed once is not trusted with the next sheet.
        await drop(current);
        throw error;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const asking = <T>(job: () => Promise<T>): Promise<T> => {
    asked++;
    return job().finally(() => asked--);
  };
  return {
    toPdf: (job) => {
      const script = showScript(job);
      return asking(() => onView(() => script, (win) => win.webContents.printToPDF(SHEET_PDF_OPTIONS)));
    },
    print: (query) => {
      const script = showScript({ query });
      return asking(() =>
        onView(
          () => script,
        (win) =>
          new Promise<boolean>((resolve, reject) => {
            win.webContents.print({ silent: false, printBackground: true }, (success, reason) => {
              if (success) resolve(true);
              else if (reason === 'cancelled') resolve(false);
              else reject(new AppError('internal', { zh: `打印失败：${reason}`, en: `Printing failed: ${reason}` }));
            });
          }),
        ),
      );
    },
    // A sheet asked meanwhile goes first (issue 15): the loaded view is most of the warm-up.
    warm: (query) => {
      const script = showScript({ query });
      return onView(() => (asked > 0 ? null : script), async () => undefined).catch(() => undefined);
    },
  };
}

function wire(error: unknown): WireError {
  if (error instanceof AppError) return error.toWire();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `打印失败：${message}`, messageEn: `Printing failed: ${message}` };
}

/** Answer `sheets.print` here (main owns the printer); relay every other call to the core. */
export function withPrintProcedure(relay: Relay, printer: Pick<SheetPrinter, 'print'>): Relay {
  return async (procedure, input): Promise<Result<unknown>> => {
    if (procedure !== 'sheets.print') return relay(procedure, input);
    try {
      const ref = parseInput(sheetProcedures['sheets.print'].input, input === undefined ? {} : input);
      return { ok: true, value: { printed: await printer.print(sheetPrintQuery(ref)) } };
    } catch (error) {
      return { ok: false, error: wire(error) };
    }
  };
}

/** The utility process as main sees it: replies to calls, and the core's own print requests. */
export interface CoreProcessPort {
  postMessage(message: CoreRequest | SheetPdfReply): void;
  on(event: 'message', listener: (message: CoreReply | SheetPdfRequest) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
}

function isPdfRequest(message: unknown): message is SheetPdfRequest {
  return typeof message === 'object' && message !== null && (message as SheetPdfRequest).kind === 'sheet-pdf';
}

/**
 * The core's channel with its print requests taken out: each is printed to PDF and answered on
 * the same channel; the relay sees only replies to its calls.
 */
export function withSheetPdfRequests(port: CoreProcessPort, printer: Pick<SheetPrinter, 'toPdf'>): CorePort {
  const replyListeners: ((message: CoreReply) => void)[] = [];
  port.on('message', (message) => {
    if (!isPdfRequest(message)) {
      for (const listener of replyListeners) listener(message);
      return;
    }
    const { renderId, query, data } = message;
    printer.toPdf({ query, ...(typeof data === 'string' ? { data } : {}) }).then(
      (bytes) => port.postMessage({ kind: 'sheet-pdf-result', renderId, pdfBase64: Buffer.from(bytes).toString('base64') }),
      (error: unknown) => port.postMessage({ kind: 'sheet-pdf-result', renderId, error: wire(error) }),
    );
  });
  return {
    postMessage: (message) => port.postMessage(message),
    on: ((event: 'message' | 'exit', listener: (arg: never) => void) => {
      if (event === 'message') replyListeners.push(listener as (message: CoreReply) => void);
      else port.on('exit', listener as (code: number) => void);
    }) as CorePort['on'],
  };
}
