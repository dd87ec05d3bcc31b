import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createCoreRelay } from '../../../electron/main/coreRelay';
import { createSheetPrinter, PRINT_VIEW_URL, SHEET_PDF_OPTIONS, showScript, withPrintProcedure, withSheetPdfRequests, type CoreProcessPort, type PrintWindow, type SheetPrintJob } from '../../../electron/main/print';
import { serveCore, type ParentPort } from '../../../electron/core/host/coreService';
import { seedDemo } from '../../../electron/core/demo';
import { DEMO } from '../../../electron/core/demo/constants';
import { splitParentPort } from '../../../electron/core/sheets/parentPort';
import type { SheetData, SheetRecord } from '../../../shared/contract/sheets';
import { tempDir } from '../../helpers/tempDir';
import { fakePdf, NOW } from './helpers';

/** A hidden print window that records what main asks of it. */
function fakeWindow(log: string[], opts: { ready?: () => Promise<unknown>; printResult?: [boolean, string] } = {}): PrintWindow {
  let destroyed = false;
  return {
    loadURL: async (url) => void log.push(`load ${url}`),
    webContents: {
      executeJavaScript: async (code) => {
        log.push(`js ${code}`);
        return opts.ready ? opts.ready() : { pages: 2 };
      },
      printToPDF: async (options) => {
        log.push(`pdf ${JSON.stringify(options)}`);
        return fakePdf('desktop');
      },
      print: (options, callback) => {
        log.push(`print ${JSON.stringify(options)}`);
        callback(...(opts.printResult ?? [true, '']));
      },
    },
    isDestroyed: () => destroyed,
    destroy: () => {
      destroyed = true;
      log.push('destroy');
    },
  };
}

/** Run a show script against a stand-in print view; returns what it was handed. */
function handedBy(script: string): { shown?: unknown; rendered?: unknown } {
  const seen: { shown?: unknown; rendered?: unknown } = {};
  const window = { draindeskPrint: { show: (d: unknown) => (seen.shown = d), render: (q: unknown) => (seen.rendered = q) } };
  // The script main would run in the print window, run here against a stand-in view.
  new Function('window', script)(window);
  return seen;
}

describe('desktop printing (electron/main/print.ts) at its boundary', () => {
  it('hands the view exactly the data or a checked reference, nothing else', () => {
    const data = { title: '三合乡"防汛"</script>\\u2028', n: [1, 2], nested: { a: null } };
    expect(handedBy(showScript({ query: `token=${'a'.repeat(32)}`, data: JSON.stringify(data) }))).toEqual({ shown: data });
    expect(handedBy(showScript({ query: 'date=2026-08-10' }))).toEqual({ rendered: 'date=2026-08-10' });
    for (const bad of ['date=2026-08-10&x=1', 'id=../../etc', 'javascript:alert(1)', 'token=zz', '', 'date=2026-08-10")']) expect(() => showScript({ query: bad })).toThrow();
    expect(PRINT_VIEW_URL).toBe('app://draindesk/print.html?inline=1');
  });

  it('keeps one print window warm: loaded once, each sheet handed to it and printed in turn', async () => {
    const log: string[] = [];
    let opened = 0;
    const printer = createSheetPrinter(() => (opened++, fakeWindow(log)));
    const [a, b] = await Promise.all([
      printer.toPdf({ query: 'date=2026-08-10', data: '{"n":1}' }),
      printer.toPdf({ query: 'date=2026-08-09', data: '{"n":2}' }),
    ]);
    expect(new TextDecoder().decode(a)).toContain('%PDF');
    expect(new TextDecoder().decode(b)).toContain('%PDF');
    const pdf = `pdf ${JSON.stringify(SHEET_PDF_OPTIONS)}`;
    // One at a time, in order, in the one window: no reload, no destroy between sheets.
    const js = (query: string, data?: string) => `js ${showScript({ query, ...(data ? { data } : {}) })}`;
    expect(log).toEqual([`load ${PRINT_VIEW_URL}`, js('date=2026-08-10', '{"n":1}'), pdf, js('date=2026-08-09', '{"n":2}'), pdf]);
    expect(opened).toBe(1);
    expect(await printer.print('id=00000000-0000-4000-8000-000000000001')).toBe(true);
    expect(log.slice(5)).toEqual([js('id=00000000-0000-4000-8000-000000000001'), 'print {"silent":false,"printBackground":true}']);
    expect(opened).toBe(1);
  });

  it('warms the window at start-up, and replaces a window that failed or went away', async () => {
    const log: string[] = [];
    const windows: PrintWindow[] = [];
    let fail: string | null = null;
    const printer = createSheetPrinter(() => {
      const w = fakeWindow(log, { ready: async () => (fail ? Promise.reject(new Error(fail)) : { pages: 1 }) });
      windows.push(w);
      return w;
    });
    await printer.warm('date=2026-08-10');
    expect(log).toEqual([`load ${PRINT_VIEW_URL}`, 'js window.draindeskPrint.render("date=2026-08-10")']);

    // The view's own error fails the job, and that window is not used again.
    fail = '没有这份日报';
    await expect(printer.toPdf({ query: 'date=2026-08-10', data: '{}' })).rejects.toThrow('没有这份日报');
    expect(log.at(-1)).toBe('destroy');
    expect(log.some((l) => l.startsWith('pdf'))).toBe(false);
    // A failing warm-up never throws (a cold sheet is only slower).
    await expect(printer.warm('date=2026-08-10')).resolves.toBeUndefined();
    fail = null;
    await printer.toPdf({ query: 'date=2026-08-10', data: '{}' });
    expect(windows).toHaveLength(3);

    // A window whose page died (printWindow.ts destroys it) is replaced on the next sheet.
    windows.at(-1)!.destroy();
    await printer.toPdf({ query: 'date=2026-08-10', data: '{}' });
    expect(windows).toHaveLength(4);

    // A view that never gets ready times out, and its window goes.
    const stuck: string[] = [];
    const slow = createSheetPrinter(() => fakeWindow(stuck, { ready: () => new Promise(() => undefined) }), 50);
    await expect(slow.toPdf({ query: 'date=2026-08-10', data: '{}' })).rejects.toThrow(/not ready within/);
    expect(stuck.at(-1)).toBe('destroy');

    // The print dialog: printed, cancelled, or failed.
    expect(await createSheetPrinter(() => fakeWindow([], { printResult: [false, 'cancelled'] })).print('date=2026-08-10')).toBe(false);
    await expect(createSheetPrinter(() => fakeWindow([], { printResult: [false, 'no printer'] })).print('date=2026-08-10')).rejects.toThrow('no printer');
  });

  it('draws a sheet asked while the window is still warming once, without drawing the warm-up sheet first', async () => {
    const log: string[] = [];
    // The view loads only when the test says so, after both the warm-up and the sheet were asked.
    let loading: (loaded: () => void) => void = () => undefined;
    const loadStarted = new Promise<() => void>((resolve) => (loading = resolve));
    const printer = createSheetPrinter(() => ({
      ...fakeWindow(log),
      loadURL: (url: string) => new Promise<void>((resolve) => loading(() => (log.push(`load ${url}`), resolve()))),
    }));
    const warming = printer.warm('date=2026-08-09');
    const pdf = printer.toPdf({ query: 'date=2026-08-10', data: '{"n":1}' });
    (await loadStarted)();
    await Promise.all([warming, pdf]);
    expect(log).toEqual([`load ${PRINT_VIEW_URL}`, 'js window.draindeskPrint.show(JSON.parse("{\\"n\\":1}"))', `pdf ${JSON.stringify(SHEET_PDF_OPTIONS)}`]);
    // Once nothing waits, a warm-up draws its sheet again.
    await printer.warm('date=2026-08-09');
    expect(log.at(-1)).toBe('js window.draindeskPrint.render("date=2026-08-09")');
  });

  it('answers sheets.print itself (checked against the contract) and relays everything else', async () => {
    const relayed: string[] = [];
    const printed: string[] = [];
    const relay = withPrintProcedure(
      async (procedure) => {
        relayed.push(procedure);
        return { ok: true, value: null };
      },
      { print: async (query) => (printed.push(query), true) },
    );
    expect(await relay('sheets.print', { id: '00000000-0000-4000-8000-000000000001' })).toEqual({ ok: true, value: { printed: true } });
    expect(printed).toEqual(['id=00000000-0000-4000-8000-000000000001']);
    expect(await relay('sheets.print', { date: '2026-8-1' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await relay('sheets.print', { date: '2026-08-10', extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await relay('sheets.list', {});
    expect(relayed).toEqual(['sheets.list']);
    expect(printed).toHaveLength(1);
  });

  it('issues a sheet in the desktop arrangement: the core asks main for the PDF over its one channel', { timeout: 30_000 }, async () => {
    // The utility process's channel, both ends in this process.
    const toCore = new EventEmitter();
    const toMain = new EventEmitter();
    const coreSide: ParentPort = {
      on: (_event, listener) => void toCore.on('message', listener),
      postMessage: (m) => void toMain.emit('message', m),
    };
    const mainSide: CoreProcessPort = {
      postMessage: (m) => void toCore.emit('message', { data: m }),
      on: ((event: string, listener: (...args: unknown[]) => void) => void toMain.on(event, listener)) as CoreProcessPort['on'],
    };

    const { api, renderer } = splitParentPort(coreSide);
    const dataDir = tempDir();
    const core = await serveCore(api, { dataDir, transport: 'ipc', now: () => NOW, sheetRenderer: renderer });
    seedDemo(core!);
    try {
      const views: SheetData[] = [];
      let failWith: string | null = null;
      const printer = createSheetPrinter(() => fakeWindow([]));
      // The core hands main the sheet being issued with its request: the view is given exactly that.
      const viewingPrinter = {
        toPdf: async (job: SheetPrintJob) => {
          if (failWith) throw new Error(failWith);
          expect(job.query).toMatch(/^token=[0-9a-f]{32}$/);
          views.push(JSON.parse(job.data!) as SheetData);
          return printer.toPdf(job);
        },
        print: printer.print,
      };
      const relay = withPrintProcedure(createCoreRelay(withSheetPdfRequests(mainSide, viewingPrinter)), viewingPrinter);

      const issued = await relay('sheets.issue', { date: DEMO.today });
      expect(issued).toMatchObject({ ok: true, value: { number: 1, correction: 0 } });
      expect(views).toEqual([expect.objectContaining({ state: 'pending', number: 1 })]);
      const id = (issued as { value: SheetRecord }).value.id;
      const pdf = await relay('sheets.pdf', { id });
      expect(Buffer.from((pdf as { value: { contentBase64: string } }).value.contentBase64, 'base64').toString()).toContain('DrainDesk test sheet desktop');
      expect(await relay('sheets.print', { id })).toEqual({ ok: true, value: { printed: true } });

      // A print failure in main comes back to the page as an error, and nothing is issued.
      failWith = '打印服务未启动';
      const failed = await relay('sheets.issue', { date: '2026-08-09' });
      expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(JSON.stringify(failed)).toContain('打印服务未启动');
      expect(await relay('sheets.list', {})).toMatchObject({ ok: true, value: { nextNumber: 2 } });
    } finally {
      core?.close();
    }
  });
});
