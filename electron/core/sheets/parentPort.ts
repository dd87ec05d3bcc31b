import { AppError, isWireError, type WireError } from '../../../shared/contract/errors';
import { sheetPrintQuery } from '../../../shared/contract/sheets';
import type { ParentPort } from '../host/coreService';
import type { SheetPdfRenderer } from './port';

/** The core asks Electron main to print a sheet's view to PDF (the utility process has no windows). */
export interface SheetPdfRequest {
  kind: 'sheet-pdf';
  renderId: number;
  /** The print view's query string, e.g. `token=…`. */
  query: string;
  /** The sheet's data as JSON, for main to hand to its warm print view (issue 15): the view asks nothing. */
  data?: string;
}

/** Main's answer: the PDF bytes as base64, or an error. */
export interface SheetPdfReply {
  kind: 'sheet-pdf-result';
  renderId: number;
  pdfBase64?: string;
  error?: WireError;
}

export function isSheetPdfReply(data: unknown): data is SheetPdfReply {
  return typeof data === 'object' && data !== null && (data as SheetPdfReply).kind === 'sheet-pdf-result' && typeof (data as SheetPdfReply).renderId === 'number';
}

/**
 * Share the utility process's one channel to main between the API relay and sheet printing:
 * returns the port serveCore should listen on (everything but print replies) and the renderer that
 * asks main for a PDF and waits for its reply.
 */
export function splitParentPort(port: ParentPort): { api: ParentPort; renderer: SheetPdfRenderer } {
  let next = 1;
  const waiting = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: unknown) => void }>();
  const apiListeners: Parameters<ParentPort['on']>[1][] = [];
  port.on('message', (event) => {
    const data: unknown = event.data;
    if (isSheetPdfReply(data)) {
      const w = waiting.get(data.renderId);
      if (!w) return;
      waiting.delete(data.renderId);
      if (data.pdfBase64 !== undefined) w.resolve(new Uint8Array(Buffer.from(data.pdfBase64, 'base64')));
      else {
        const e = isWireError(data.error) ? data.error : { code: 'internal' as const, message: '打印失败', messageEn: 'Printing failed' };
        w.reject(new AppError(e.code, { zh: e.message, en: e.messageEn }));
      }
      return;
    }
    for (const listener of apiListeners) listener(event);
  });
  const api: ParentPort = {
    on: (_event, listener) => void apiListeners.push(listener),
    postMessage: (message) => port.postMessage(message),
  };
  const renderer: SheetPdfRenderer = ({ ref, data }) =>
    new Promise((resolve, reject) => {
      const renderId = next++;
      waiting.set(renderId, { resolve, reject });
      const request: SheetPdfRequest = { kind: 'sheet-pdf', renderId, query: sheetPrintQuery(ref), data: JSON.stringify(data) };
      port.postMessage(request);
    });
  return { api, renderer };
}
