import type { SheetPrintReady } from '../../../shared/contract/sheets';
import { CONTENT_HEIGHT_PX, pageCss } from './page';

declare global {
  interface Window {
    /** The print view's readiness, awaited by Electron's printToPDF, the headless CLI and tests. */
    draindeskPrint?: { ready: Promise<SheetPrintReady> };
  }
}

let settle: { resolve: (v: SheetPrintReady) => void; reject: (e: Error) => void } | null = null;
const ready = new Promise<SheetPrintReady>((resolve, reject) => {
  settle = { resolve, reject };
});
// Rejections are for the awaiting printer; the page itself shows the error.
ready.catch(() => undefined);

/** Publish the ready promise and the page's @page rule before anything renders. */
export function installPrintSignals(): void {
  window.draindeskPrint = { ready };
  document.documentElement.dataset.printState = 'loading';
  setPageRule(false);
}

function setPageRule(numbered: boolean): void {
  let style = document.getElementById('sheet-page-rule');
  if (!style) {
    style = document.createElement('style');
    style.id = 'sheet-page-rule';
    document.head.append(style);
  }
  style.textContent = pageCss(numbered);
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/**
 * Once the data are drawn and the map has gone idle: wait for the fonts, let layout settle, number
 * the pages if the sheet runs past one ("第 x 页 共 y 页"), and say so.
 */
export async function markReady(doc: HTMLElement): Promise<SheetPrintReady> {
  await document.fonts.ready;
  await frame();
  await frame();
  const pages = Math.max(1, Math.ceil(doc.getBoundingClientRect().height / CONTENT_HEIGHT_PX - 0.02));
  setPageRule(pages > 1);
  document.documentElement.dataset.printPages = String(pages);
  document.documentElement.dataset.printState = 'ready';
  const info = { pages };
  settle?.resolve(info);
  return info;
}

export function markError(message: string): void {
  document.documentElement.dataset.printState = 'error';
  settle?.reject(new Error(message));
}
