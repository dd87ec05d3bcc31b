import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeploymentDay } from '../../../shared/contract/deployments';
import type { SheetData, SheetRecord } from '../../../shared/contract/sheets';
import { DEMO } from '../../../electron/core/demo/constants';
import { createDispatch } from '../../../electron/core/api/dispatch';
import { demoCore, fails, fakePdf, ok, useRenderer, type Core } from './helpers';

type List = { season: string | null; seasons: string[]; records: SheetRecord[]; nextNumber: number };

/** A renderer that reads the sheet being issued through the print view's procedure, like the real one. */
function recordingRenderer(seen: SheetData[]) {
  useRenderer(async ({ ref, ctx }) => {
    const r = await createDispatch(ctx)('sheets.data', ref);
    if (!r.ok) throw new Error(r.error.message);
    const data = r.value as SheetData;
    seen.push(data);
    return fakePdf(`No.${data.number}.${data.correction}`);
  });
}

const pdfFiles = (core: Core) => {
  const dir = join(core.ctx.dataDir, 'sheets', '2026');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('签发: issuing, numbering and the archive', () => {
  it('freezes the number, the data and the PDF, and reopens them exactly after the data change', { timeout: 30_000 }, async () => {
    const core = await demoCore();
    const seen: SheetData[] = [];
    recordingRenderer(seen);
    await ok(core, 'sheets.saveDraft', { date: DEMO.today, planText: '明日重点疏通五干东5支沟。', signatures: { issuer: '王书记', checker: '李乡长', preparer: '张干事' } });

    const record = await ok<SheetRecord>(core, 'sheets.issue', { date: DEMO.today });
    expect(record).toMatchObject({ date: DEMO.today, season: '2026', number: 1, correction: 0, superseded: false, signatures: { issuer: '王书记' } });
    // The print view saw the sheet being issued (its number, not "draft") through a token.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ state: 'pending', number: 1, sheetId: record.id, plan: { text: '明日重点疏通五干东5支沟。' } });

    // The PDF lies beside the database with its hash in the archive.
    const files = pdfFiles(core);
    expect(files).toHaveLength(1);
    const bytes = readFileSync(join(core.ctx.dataDir, 'sheets', '2026', files[0]!));
    const pdf = await ok<{ fileName: string; contentBase64: string; sha256: string }>(core, 'sheets.pdf', { id: record.id });
    expect(Buffer.from(pdf.contentBase64, 'base64').equals(bytes)).toBe(true);
    expect(pdf.sha256).toBe(record.pdfSha256);
    expect(pdf.fileName).toBe(`${DEMO.townshipName}防汛排涝调度日报-第1期-${DEMO.today}.pdf`);

    // The day's figures change afterwards…
    const day = await ok<DeploymentDay>(core, 'deployments.day', { date: DEMO.today });
    const rows = day.rows.map(({ id, placeKind, place, blockageId, task, excavators, longArmExcavators, dumpTrucks, pumps, hours }, i) => ({
      id, placeKind, place, blockageId, task, people: i === 0 ? 1 : 0, excavators, longArmExcavators, dumpTrucks, pumps, hours,
    }));
    await ok(core, 'deployments.saveDay', { date: DEMO.today, rows });
    await ok(core, 'sheets.saveDraft', { date: DEMO.today, planText: '改过的安排' });
    const draft = await ok<SheetData>(core, 'sheets.data', { date: DEMO.today });
    expect(draft.totals.deployment.people).toBe(1);
    // …and the issued sheet still reads as it was signed.
    const frozen = await ok<SheetData>(core, 'sheets.data', { id: record.id });
    expect(frozen).toMatchObject({ state: 'issued', number: 1, sheetId: record.id, plan: { text: '明日重点疏通五干东5支沟。' } });
    expect(frozen.totals.deployment).toMatchObject(DEMO.today_deployment);
    expect((await ok<{ sha256: string }>(core, 'sheets.pdf', { id: record.id })).sha256).toBe(record.pdfSha256);
    // The draft of an issued day is numbered as its correction would be.
    expect(draft).toMatchObject({ number: 1, correction: 1 });
  });

  it('numbers a season without gaps: a day issued twice, a failed render and a concurrent issue take no number', { timeout: 30_000 }, async () => {
    const core = await demoCore();
    recordingRenderer([]);
    expect((await ok<SheetRecord>(core, 'sheets.issue', { date: '2026-08-08' })).number).toBe(1);

    const again = await fails(core, 'sheets.issue', { date: '2026-08-08' });
    expect(again.code).toBe('conflict');
    expect(again.message).toContain('更正重发');

    useRenderer(async () => {
      throw new Error('打印机卡纸');
    });
    const failed = await fails(core, 'sheets.issue', { date: '2026-08-09' });
    expect(failed.message).toContain('打印机卡纸');
    useRenderer(async () => new TextEncoder().encode('not a pdf at all'));
    expect((await fails(core, 'sheets.issue', { date: '2026-08-09' })).message).toContain('PDF');
    expect(pdfFiles(core)).toHaveLength(1);

    recordingRenderer([]);
    const [a, b] = await Promise.all([ok<SheetRecord>(core, 'sheets.issue', { date: '2026-08-09' }), ok<SheetRecord>(core, 'sheets.issue', { date: DEMO.today })]);
    expect([a.number, b.number]).toEqual([2, 3]);
    const list = await ok<List>(core, 'sheets.list', {});
    expect(list.records.map((r) => r.number)).toEqual([3, 2, 1]);
    expect(list).toMatchObject({ season: '2026', seasons: ['2026'], nextNumber: 4 });
    expect(pdfFiles(core)).toHaveLength(3);
    expect((await fails(core, 'sheets.issue', { date: '2026-08-11' })).code).toBe('invalid_input');
  });

  it('re-issues a correction (第N期 更正) keeping the original', { timeout: 30_000 }, async () => {
    const core = await demoCore();
    const seen: SheetData[] = [];
    recordingRenderer(seen);
    const original = await ok<SheetRecord>(core, 'sheets.issue', { date: DEMO.today });
    await ok(core, 'sheets.issue', { date: '2026-08-09' });

    const noReason = await fails(core, 'sheets.issue', { date: DEMO.today, correction: { of: original.id, reason: '  ' } });
    expect(noReason.code).toBe('invalid_input');
    const fixed = await ok<SheetRecord>(core, 'sheets.issue', { date: DEMO.today, correction: { of: original.id, reason: '水泵台数录入有误' } });
    expect(fixed).toMatchObject({ number: 1, correction: 1, correctionOf: original.id, correctionReason: '水泵台数录入有误' });
    expect(seen.at(-1)).toMatchObject({ number: 1, correction: 1, correctionReason: '水泵台数录入有误', correctsIssuedAt: original.issuedAt });

    // Only the latest issue of a number can be corrected; the original stays, marked superseded.
    expect((await fails(core, 'sheets.issue', { date: DEMO.today, correction: { of: original.id, reason: '再改' } })).code).toBe('conflict');
    expect((await fails(core, 'sheets.issue', { date: '2026-08-07', correction: { of: original.id, reason: '再改' } })).code).toBe('conflict');
    const list = await ok<List>(core, 'sheets.list', { season: '2026' });
    expect(list.records.map((r) => [r.number, r.correction, r.superseded])).toEqual([
      [2, 0, false],
      [1, 1, false],
      [1, 0, true],
    ]);
    expect(list.nextNumber).toBe(3);
    expect((await ok<SheetData>(core, 'sheets.data', { id: original.id })).correction).toBe(0);
    expect((await ok<{ fileName: string }>(core, 'sheets.pdf', { id: fixed.id })).fileName).toContain('第1期更正1');
  });

  it('refuses an archived PDF that was altered or lost, and an unknown sheet', { timeout: 30_000 }, async () => {
    const core = await demoCore();
    recordingRenderer([]);
    const record = await ok<SheetRecord>(core, 'sheets.issue', { date: DEMO.today });
    const file = join(core.ctx.dataDir, 'sheets', '2026', pdfFiles(core)[0]!);
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('tampered')]));
    const altered = await fails(core, 'sheets.pdf', { id: record.id });
    expect(altered).toMatchObject({ code: 'db_corrupt' });
    expect(altered.message).toContain('已被改动');
    rmSync(file);
    const lost = await fails(core, 'sheets.pdf', { id: record.id });
    expect(lost.code).toBe('not_found');
    expect(lost.message).toContain('不见了');
    expect((await fails(core, 'sheets.pdf', { id: '00000000-0000-4000-8000-000000000000' })).code).toBe('not_found');
    expect((await fails(core, 'sheets.data', { token: 'f'.repeat(32) })).code).toBe('not_found');
  });

  it('leaves printing to the desktop app and the browser', async () => {
    const core = await demoCore();
    const r = await fails(core, 'sheets.print', { date: DEMO.today });
    expect(r.code).toBe('conflict');
    expect(r.message).toContain('浏览器');
  });
});
