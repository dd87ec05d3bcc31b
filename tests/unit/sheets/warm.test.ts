import { describe, expect, it } from 'vitest';
import { warmSheetPrinting } from '../../../electron/core/services/sheets/warm';
import type { SheetPdfRenderer } from '../../../electron/core/sheets/port';
import { DEMO } from '../../../electron/core/demo/constants';
import { seedDemo } from '../../../electron/core/demo';
import type { SheetData } from '../../../shared/contract/sheets';
import { tempCore } from '../../helpers/tempDir';
import { NOW } from './helpers';

// At start-up the renderer is warmed with today's draft (issue 15): the sample it draws is the
// sheet the office will ask for, built only when the renderer asks for it.
describe('warming the sheet printer at start-up', () => {
  it("hands the renderer today's draft, built only when the renderer asks", async () => {
    let sample: (() => SheetData) | null = null;
    const renderer: SheetPdfRenderer = Object.assign(() => Promise.reject(new Error('not printing here')), {
      warm: async (s: () => SheetData) => void (sample = s),
    });
    const core = await tempCore({ now: () => NOW, sheetRenderer: renderer });
    try {
      seedDemo(core);
      await warmSheetPrinting(core.ctx);
      expect(sample).not.toBeNull();
      const data = sample!();
      expect(data).toMatchObject({ date: DEMO.today, state: 'draft', number: 1 });
      expect(data.map.features.length).toBeGreaterThan(0);
    } finally {
      core.close();
    }
  });

  it('is a no-op for a renderer that cannot warm (a test fake, Electron main warms itself)', async () => {
    const core = await tempCore({ now: () => NOW, sheetRenderer: () => Promise.reject(new Error('never')) });
    try {
      await expect(warmSheetPrinting(core.ctx)).resolves.toBeUndefined();
    } finally {
      core.close();
    }
  });
});
