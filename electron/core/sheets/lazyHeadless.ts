import type { SheetData } from '../../../shared/contract/sheets';
import type { HeadlessSheetRenderer } from './headless';
import type { SheetPdfRenderer } from './port';

/** The headless renderer, loaded on first use: most CLI commands never print. */
export function lazyHeadlessSheetRenderer(opts: { rendererDir?: () => string } = {}): SheetPdfRenderer & { warm(sample: () => SheetData): Promise<void>; close(): Promise<void> } {
  let loaded: Promise<HeadlessSheetRenderer> | null = null;
  const get = () => (loaded ??= import('./headless').then((m) => m.createHeadlessSheetRenderer(opts)));
  const render: SheetPdfRenderer = (job) => get().then((r) => r(job));
  return Object.assign(render, {
    prepare: () => void get().then((r) => r.prepare(), () => undefined),
    warm: (sample: () => SheetData) => get().then((r) => r.warm(sample), () => undefined),
    close: async () => {
      if (loaded) await (await loaded.catch(() => null))?.close();
    },
  });
}
