import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createCoreRelay } from '../../../electron/main/coreRelay';
import { createSheetPrinter, PRINT_READY_SCRIPT, printViewUrl, SHEET_PDF_OPTIONS, withPrintProcedure, withSheetPdfRequests, type CoreProcessPort, type PrintWindow } from '../../../electron/main/print';
import { serveCore, type ParentPort } from '../../../electron/core/host/coreService';
import { seedDemo } from '../../../electron/core/demo';
import { DEMO } from '../../../electron/core/demo/constants';
import { splitParentPort } from '../../../electron/core/sheets/parentPort';
import type { SheetData, SheetRecord } from '../../../shared/contract/sheets';
import { tempDir } from '../../helpers/tempDir';
import { fakePdf, NOW } from './helpers';

/** A hidden print window that records what main asks of it. */
function fakeWindow(log: string[], opts: { ready?: () => Promise<unknown>; printResult?: [boolean, string] } = {}): PrintWindow {
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
    destroy: () => void log.push('destroy'),
  };
}

describe('desktop printing (electron/main/print.ts) at its boundary', () => {
  it('opens only the print view of a sheet, waits for its ready signal, prints, and always closes the window', async () => {
    expect(printViewUrl('token=' + 'a'.repeat(32))).toBe(`app://draindesk/print.html?token=${'a'.repeat(32)}`);
    for (const bad of ['date=2026-08-10&x=1', 'id=../../etc', 'javascript:alert(1)', 'token=zz', '']) expect(() => printViewUrl(bad)).toThrow();

    const log: string[] = [];
    const printer = createSheetPrinter(() => fakeWindow(log));
    expect(new TextDecoder().decode(await printer.toPdf('date=2026-08-10'))).toContain('%PDF');
    expect(log).toEqual(['load app://draindesk/print.html?date=2026-08-10', `js ${PRINT_READY_SCRIPT}`, `pdf ${JSON.stringify(SHEET_PDF_OPTIONS)}`, 'destroy']);

    // The view's own error (or a view that never gets ready) fails the job; the window still closes.
    const failing: string[] = [];
    const broken = createSheetPrinter(() => fakeWindow(failing, { ready: () => Promise.reject(new Error('没有这份日报')) }));
    await expect(broken.toPdf('date=2026-08-10')).rejects.toThrow('没有这份日报');
    expect(failing.at(-1)).toBe('destroy');
    expect(failing.some((l) => l.startsWith('pdf'))).toBe(false);
    const stuck: string[] = [];
    const slow = createSheetPrinter(() => fakeWindow(stuck, { ready: () => new Promise(() => undefined) }), 50);
    await expect(slow.toPdf('date=2026-08-10')).rejects.toThrow(/not ready within/);
    expect(stuck.at(-1)).toBe('destroy');

    // The print dialog: printed, cancelled, or failed.
    expect(await createSheetPrinter(() => fakeWindow([])).print('date=2026-08-10')).toBe(true);
    expect(await createSheetPrinter(() => fakeWindow([], { printResult: [false, 'cancelled'] })).print('date=2026-08-10')).toBe(false);
    await expect(createSheetPrinter(() => fakeWindow([], { printResult: [false, 'no printer'] })).print('date=2026-08-10')).rejects.toThrow('no printer');
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
      let relay: ReturnType<typeof createCoreRelay> | null = null;
      const printer = createSheetPrinter(() => fakeWindow([]));
      // The hidden window's print view reads the sheet being issued through the same IPC relay.
      const viewingPrinter = {
        toPdf: async (query: string) => {
          if (failWith) throw new Error(failWith);
          const r = await relay!('sheets.data', Object.fromEntries([query.split('=') as [string, string]]));
          if (!r.ok) throw new Error(r.error.message);
          views.push(r.value as SheetData);
          return printer.toPdf(query);
        },
        print: printer.print,
      };
      relay = withPrintProcedure(createCoreRelay(withSheetPdfRequests(mainSide, viewingPrinter)), viewingPrinter);

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
