/** The demo township on a fresh core, a fake PDF renderer, and calls through the dispatcher. */
import { afterEach } from 'vitest';
import { seedDemo } from '../../../electron/core/demo';
import { DEMO } from '../../../electron/core/demo/constants';
import type { SheetPdfRenderer } from '../../../electron/core/sheets/port';
import { tempCore } from '../../helpers/tempDir';

export type Core = Awaited<ReturnType<typeof tempCore>>;

/** 20:00 on the demo's "today" in the township: the evening the sheet is issued. */
export const NOW = new Date(`${DEMO.today}T20:00:00+08:00`);

// The renderer the demo cores print with: the core is given one that asks whichever this test chose.
let chosen: SheetPdfRenderer | null = null;
const testRenderer: SheetPdfRenderer = (job) => (chosen ? chosen(job) : Promise.reject(new Error('no renderer chosen in this test')));

export async function demoCore(): Promise<Core> {
  const core = await tempCore({ now: () => NOW, sheetRenderer: testRenderer });
  seedDemo(core);
  return core;
}

export async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

export async function fails(core: Core, procedure: string, input: unknown): Promise<{ code: string; message: string; messageEn: string; details?: unknown }> {
  const r = await core.dispatch(procedure, input);
  if (r.ok) throw new Error(`${procedure} should have failed`);
  return r.error;
}

/** A small but well-formed PDF whose text names the sheet it was asked for (so tests can tell them apart). */
export function fakePdf(label: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% DrainDesk test sheet ${label}\n${'%'.repeat(120)}\n%%EOF\n`);
}

/** Print with this renderer in this test's demo cores. */
export function useRenderer(renderer: SheetPdfRenderer): void {
  chosen = renderer;
}

afterEach(() => {
  chosen = null;
});
