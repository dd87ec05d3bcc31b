import type { SheetData, SheetPrintReady } from '../../../shared/contract/sheets';
import { CONTENT_HEIGHT_PX, pageCss } from './page';

/** What the print view offers whoever prints it (Electron main, the headless renderer, tests). */
export interface PrintSignals {
  /** The sheet on screen is ready to print: data loaded, map drawn, fonts loaded. Rejects with the view's error. */
  ready: Promise<SheetPrintReady>;
  /**
   * Show another sheet in this same page (`date=…`, `id=…` or `token=…`) and resolve when it is
   * ready: a warm page prints the next sheet without loading its scripts again.
   */
  render(query: string): Promise<SheetPrintReady>;
  /**
   * Draw the sheet data the printer hands over (the headless renderer: the page asks no API) in
   * this same page, and resolve when it is ready.
   */
  show(data: SheetData): Promise<SheetPrintReady>;
}

declare global {
  interface Window {
    draindeskPrint?: PrintSignals;
  }
}

interface Pending {
  id: number;
  resolve: (v: SheetPrintReady) => void;
  reject: (e: Error) => void;
}

let current: Pending | null = null;
let lastId = 0;

/** Start a new render: a fresh ready promise, published on window.draindeskPrint. Returns its id. */
export function beginRender(): number {
  const id = ++lastId;
  const ready = new Promise<SheetPrintReady>((resolve, reject) => {
    current = { id, resolve, reject };
  });
  // Rejections are for the awaiting printer; the page itself shows the error.
  ready.catch(() => undefined);
  if (window.draindeskPrint) window.draindeskPrint.ready = ready;
  document.documentElement.dataset.printState = 'loading';
  setPageRule(false);
  return id;
}

/** Publish the print signals; `render` shows another sheet in place, `show` draws handed-over data. */
export function installPrintSignals(render: (query: string) => void, show: (data: SheetData) => void): void {
  window.draindeskPrint = {
    ready: Promise.resolve({ pages: 0 }),
    render(query) {
      render(query);
      return window.draindeskPrint!.ready;
    },
    show(data) {
      show(data);
      return window.draindeskPrint!.ready;
    },
  };
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
 * Once the data and the map are drawn: wait for the fonts, let layout settle, number
 * the pages if the sheet runs past one ("第 x 页 共 y 页"), and say so. A render that was replaced
 * by a newer one says nothing.
 */
export async function markReady(id: number, doc: HTMLElement): Promise<SheetPrintReady | null> {
  await document.fonts.ready;
  await frame();
  await frame();
  if (current?.id !== id) return null;
  const pages = Math.max(1, Math.ceil(doc.getBoundingClientRect().height / CONTENT_HEIGHT_PX - 0.02));
  setPageRule(pages > 1);
  document.documentElement.dataset.printPages = String(pages);
  document.documentElement.dataset.printState = 'ready';
  const info = { pages };
  current.resolve(info);
  return info;
}

export function markError(id: number, message: string): void {
  if (current?.id !== id) return;
  document.documentElement.dataset.printState = 'error';
  current.reject(new Error(message));
}
