import type { SheetData } from '../../../shared/contract/sheets';
import type { HeadlessSheetRenderer } from './headless';
import type { SheetPdfRenderer } from './port';
import { startPrintBrowser, type StartedBrowser } from './startedBrowser';

/**
 * The headless renderer, loaded on first use: playwright-core takes a while to import, and most
 * CLI commands never print. On first use Chromium starts at once, while playwright-core is still
 * being imported, and the renderer attaches to it (issue 15: the first sheet of a process); a
 * Chromium started later (after an idle close or a crash) is launched the ordinary way.
 */
export function lazyHeadlessSheetRenderer(opts: { rendererDir?: () => string } = {}): SheetPdfRenderer & { warm(sample: () => SheetData): Promise<void>; close(): Promise<void> } {
  let loaded: Promise<HeadlessSheetRenderer> | null = null;
  let early: StartedBrowser | null = null;
  const get = () =>
    (loaded ??= (() => {
      early = startPrintBrowser();
      return import('./headless').then(async (m) => {
        const { connectPrintBrowser, launchPrintBrowser } = await import('./browser');
        const launch = () => {
          const started = early;
          early = null;
          return started ? connectPrintBrowser(started) : launchPrintBrowser();
        };
        return m.createHeadlessSheetRenderer({ ...opts, launch });
      });
    })());
  const render: SheetPdfRenderer = (job) => get().then((r) => r(job));
  return Object.assign(render, {
    prepare: () => void get().then((r) => r.prepare(), () => undefined),
    warm: (sample: () => SheetData) => get().then((r) => r.warm(sample), () => undefined),
    close: async () => {
      early?.stop();
      early = null;
      if (loaded) await (await loaded.catch(() => null))?.close();
    },
  });
}
