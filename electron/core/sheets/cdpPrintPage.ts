import { SHEET_PRINT_INLINE, SHEET_PRINT_PAGE } from '../../../shared/contract/printView';
import type { SheetPrintReady } from '../../../shared/contract/sheets';
import type { CdpConnection, CdpEvent } from './cdp';
import { drawFailed, PRINT_CONTEXT, PRINT_ORIGIN, printFileAnswer, printViewMissing, READY_TIMEOUT_MS, SHEET_PDF_OPTIONS, withinReadyTimeout } from './view';

/** The print view open in its own browser context, waiting for sheet data. */
export interface PrintPage {
  /** Hand the view a sheet's data (as JSON) and resolve once it says it is ready. */
  show(json: string): Promise<SheetPrintReady>;
  /** The page as A4 PDF bytes. */
  pdf(): Promise<Uint8Array>;
  close(): Promise<void>;
}

interface Evaluated {
  result: { value?: unknown };
  exceptionDetails?: { text: string; exception?: { description?: string } };
}

/** A4 in inches, as Playwright's page.pdf({ format: 'A4' }) asks Chromium for it. */
const A4 = { paperWidth: 8.27, paperHeight: 11.7 };

/**
 * Open the print view over the DevTools protocol (issue 15: what Playwright did, without its
 * second of import): a fresh browser context laid out as PRINT_CONTEXT, every request answered
 * from the built renderer's files in `dir` (others refused), the view loaded and its script run.
 */
export async function openCdpPrintPage(cdp: CdpConnection, dir: string): Promise<PrintPage> {
  const { browserContextId } = await cdp.send<{ browserContextId: string }>('Target.createBrowserContext', { disposeOnDetach: true });
  const dispose = () => cdp.send('Target.disposeBrowserContext', { browserContextId }).then(() => undefined, () => undefined);
  let stopListening = () => {};
  try {
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    const page = <T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}) => cdp.send<T>(method, params, sessionId);
    let documentStatus: number | null = null;
    let loaded: () => void = () => {};
    const onEvent = (event: CdpEvent) => {
      if (event.sessionId !== sessionId) return;
      if (event.method === 'Page.loadEventFired') loaded();
      if (event.method !== 'Fetch.requestPaused') return;
      const { requestId, request, resourceType } = event.params as { requestId: string; request: { url: string }; resourceType: string };
      const answer = printFileAnswer(dir, request.url);
      if (answer === 'refuse') return void page('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
      if (resourceType === 'Document') documentStatus = answer.status;
      void page('Fetch.fulfillRequest', {
        requestId,
        responseCode: answer.status,
        responseHeaders: Object.entries(answer.headers).map(([name, value]) => ({ name, value })),
        body: Buffer.from(answer.body).toString('base64'),
      }).catch(() => undefined);
    };
    stopListening = cdp.onEvent(onEvent);
    await Promise.all([
      page('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] }),
      page('Page.enable'),
      page('Emulation.setDeviceMetricsOverride', { width: PRINT_CONTEXT.viewport.width, height: PRINT_CONTEXT.viewport.height, deviceScaleFactor: PRINT_CONTEXT.deviceScaleFactor, mobile: false }),
      page('Emulation.setLocaleOverride', { locale: PRINT_CONTEXT.locale }),
      page('Emulation.setTimezoneOverride', { timezoneId: PRINT_CONTEXT.timezoneId }),
    ]);
    const evaluate = async (expression: string): Promise<unknown> => {
      const r = await page<Evaluated>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value;
    };
    const load = new Promise<void>((resolve) => (loaded = resolve));
    const navigated = await page<{ errorText?: string }>('Page.navigate', { url: `${PRINT_ORIGIN}/${SHEET_PRINT_PAGE}?${SHEET_PRINT_INLINE}` });
    if (!navigated.errorText) await withinReadyTimeout(load);
    if (navigated.errorText || documentStatus !== 200 || (await evaluate(`'draindeskPrint' in globalThis`)) !== true) throw printViewMissing(documentStatus);
    return {
      show: (json) =>
        withinReadyTimeout(
          evaluate(`globalThis.draindeskPrint.show(JSON.parse(${JSON.stringify(json)}))`).then(
            (ready) => ready as SheetPrintReady,
            (error: unknown) => {
              throw drawFailed(error);
            },
          ),
          READY_TIMEOUT_MS,
        ),
      pdf: async () => {
        const { data } = await page<{ data: string }>('Page.printToPDF', {
          ...A4,
          printBackground: SHEET_PDF_OPTIONS.printBackground,
          preferCSSPageSize: SHEET_PDF_OPTIONS.preferCSSPageSize,
          landscape: false,
          displayHeaderFooter: false,
          scale: 1,
          marginTop: 0,
          marginBottom: 0,
          marginLeft: 0,
          marginRight: 0,
          generateTaggedPDF: false,
          generateDocumentOutline: false,
        });
        return new Uint8Array(Buffer.from(data, 'base64'));
      },
      close: async () => {
        stopListening();
        await dispose();
      },
    };
  } catch (error) {
    stopListening();
    await dispose();
    throw error;
  }
}
