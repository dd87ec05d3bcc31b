import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SheetData } from '../../shared/contract/sheets';
import { openCore, type Core } from '../../electron/core/app';
import { seedDemo } from '../../electron/core/demo';
import { DEMO } from '../../electron/core/demo/constants';
import { addDays } from '../../shared/domain/dates';
import { createHeadlessSheetRenderer } from '../../electron/core/sheets/headless';
import { ARTIFACTS } from './harness';

// The headless renderer prints exactly the data it is handed (no API behind the page), and its
// warm page prints each sheet's own data, not the one before.
const renderer = createHeadlessSheetRenderer({ rendererDir: () => join(process.cwd(), 'dist/renderer') });
let core: Core | null = null;
afterAll(async () => {
  await renderer.close();
  core?.close();
});

const squeeze = (s: string) => s.replace(/\s+/g, '');
function text(pdf: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'draindesk-e2e-pdf-')), 'sheet.pdf');
  writeFileSync(file, pdf);
  return squeeze(execFileSync('pdftotext', [file, '-']).toString());
}

describe('the headless sheet renderer', () => {
  it('prints the data it is handed, sheet after sheet in one warm page, warmed beforehand', { timeout: 240_000 }, async () => {
    core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'draindesk-e2e-render-')), transport: 'test', now: () => new Date(`${DEMO.today}T20:00:00+08:00`) });
    seedDemo(core);
    const dataOf = async (date: string) => {
      const r = await core!.dispatch('sheets.data', { date });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as SheetData;
    };
    const today = await dataOf(DEMO.today);
    // A title no database holds: only the handed-over data can put it on paper.
    const handed = { ...today, title: '测试专用标题甲乙丙' };
    // Warmed at start-up with a sample (drawn, never printed); the first real sheet is its own.
    renderer.prepare();
    await renderer.warm(() => ({ ...today, title: '预热样稿标题' }));
    const first = text(await renderer({ ref: { date: DEMO.today }, data: handed, ctx: core.ctx }));
    expect(first).toContain('测试专用标题甲乙丙');
    expect(first).not.toContain('预热样稿标题');

    const yesterday = await dataOf(addDays(DEMO.today, -1));
    const secondPdf = await renderer({ ref: { date: yesterday.date }, data: { ...yesterday, title: '第二份标题丁戊己' }, ctx: core.ctx });
    writeFileSync(join(ARTIFACTS, 'sheet-warm-second.pdf'), secondPdf); // to look at: the map redrawn in the warm page
    const second = text(secondPdf);
    expect(second).toContain('第二份标题丁戊己');
    expect(second).not.toContain('测试专用标题甲乙丙');
    expect(second).toContain(`${Number(yesterday.date.slice(5, 7))}月${Number(yesterday.date.slice(8, 10))}日`);
  });
});
