import { AppError } from '../../../shared/contract/errors';
import type { SheetData, SheetRef } from '../../../shared/contract/sheets';
import type { CoreContext } from '../context';

/**
 * One sheet to turn into PDF: its data, assembled by the core (the headless renderer hands exactly
 * this to the print view), and its reference (Electron's print window reads it back over IPC).
 */
export interface SheetRenderJob {
  ref: SheetRef;
  data: SheetData;
  ctx: CoreContext;
}

/**
 * Prints a sheet's print view to A4 PDF bytes once the view says it is ready. The entry point
 * gives the core one (Electron's printToPDF, headless Chromium, a test's fake); `prepare`, if
 * present, is called before the sheet's data are assembled, so a cold renderer starts meanwhile;
 * `warm`, if present, is called once when the app has started (issue 15): it opens the print view
 * in the background and draws `sample()` there (today's sheet), so the first real sheet finds
 * the page loaded, its code run once and its fonts in. Resolves when that is done (or gave up).
 */
export interface SheetPdfRenderer {
  (job: SheetRenderJob): Promise<Uint8Array>;
  prepare?: () => void;
  warm?: (sample: () => SheetData) => Promise<void>;
}

/** What a core opened without a renderer answers (a library use that never prints). */
export const noSheetRenderer: SheetPdfRenderer = () =>
  Promise.reject(
    new AppError('internal', {
      zh: '本进程没有配置日报打印（PDF）功能；请在桌面程序、浏览器模式或命令行中生成日报',
      en: 'This process has no sheet printer; make the sheet from the desktop app, browser mode or the CLI',
    }),
  );
