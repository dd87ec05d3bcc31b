import type { SheetRef } from '../../../shared/contract/sheets';
import type { CoreContext } from '../context';
import type * as Headless from './headless';

/** One sheet to turn into PDF: which sheet, and the core it reads its data from. */
export interface SheetRenderJob {
  ref: SheetRef;
  ctx: CoreContext;
}

/** Prints the print view of a sheet to A4 PDF bytes, once the view says it is ready. */
export type SheetPdfRenderer = (job: SheetRenderJob) => Promise<Uint8Array>;

let configured: SheetPdfRenderer | null = null;

/**
 * Choose how sheets become PDF in this process: the desktop app sets Electron's printToPDF, tests
 * may set a fake; null goes back to the headless Chromium renderer.
 */
export function setSheetPdfRenderer(renderer: SheetPdfRenderer | null): void {
  configured = renderer;
}

// Loaded on first use and by a name the desktop bundler does not follow: playwright-core is a
// development dependency, used only by the CLI, browser mode and tests.
const HEADLESS_MODULE = './headless';

async function headless(job: SheetRenderJob): Promise<Uint8Array> {
  const mod = (await import(/* @vite-ignore */ HEADLESS_MODULE)) as typeof Headless;
  return mod.renderSheetPdfHeadless(job);
}

/** Close the headless renderer's warm Chromium if it was started (a CLI run ends with this). */
export async function closeSheetRenderer(): Promise<void> {
  if (configured) return;
  const mod = (await import(/* @vite-ignore */ HEADLESS_MODULE)) as typeof Headless;
  await mod.closePrintBrowser();
}

/** The `renderSheetPdf` port: whatever this process was given, else headless Chromium. */
export function renderSheetPdf(job: SheetRenderJob): Promise<Uint8Array> {
  return (configured ?? headless)(job);
}
