import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SheetData, SheetDraft } from '../../../shared/contract/sheets';
import { DEMO } from '../../../electron/core/demo/constants';
import { demoCore, fails, ok } from './helpers';

const row = { place: '兴隆村', task: 'clear', people: 60, excavators: 8, longArmExcavators: 2, dumpTrucks: 4, pumps: 10, note: '五干东5支沟' };

describe('the sheet page\'s draft (明日安排, signatures) and the Excel export', () => {
  it('saves the plan as a whole with history, and carries the signature names to the next day', async () => {
    const core = await demoCore();
    const empty = await ok<SheetDraft>(core, 'sheets.draft', { date: DEMO.today });
    expect(empty).toEqual({ date: DEMO.today, planText: '', planRows: [], signatures: { issuer: '', checker: '', preparer: '' }, updatedAt: null });

    const saved = await ok<SheetDraft>(core, 'sheets.saveDraft', { date: '2026-08-09', planText: ' 继续抽排 ', planRows: [row], signatures: { issuer: '王书记', checker: '李乡长', preparer: '张干事' } });
    expect(saved).toMatchObject({ planText: '继续抽排', planRows: [row], signatures: { issuer: '王书记' } });
    expect(saved.updatedAt).not.toBeNull();
    await ok(core, 'sheets.saveDraft', { date: '2026-08-09', planText: '改为清淤', planRows: [], signatures: saved.signatures });
    const history = core.db.prepare("SELECT before_json, row_json AS after_json FROM change_feed WHERE table_name = 'sheet_draft' AND row_id = '2026-08-09' ORDER BY seq").all() as { before_json: string | null; after_json: string }[];
    expect(history).toHaveLength(2);
    expect(history[0]!.before_json).toBeNull();
    expect(JSON.parse(history[1]!.before_json!).plan_text).toBe('继续抽排');

    // A day never saved starts with the names signed last.
    expect((await ok<SheetDraft>(core, 'sheets.draft', { date: DEMO.today })).signatures).toEqual({ issuer: '王书记', checker: '李乡长', preparer: '张干事' });
    // The plan prints on the sheet of its day.
    const data = await ok<SheetData>(core, 'sheets.data', { date: '2026-08-09' });
    expect(data.plan).toEqual({ text: '改为清淤', rows: [] });
  });

  it('answers bad plan rows with the row and field, and saves nothing', async () => {
    const core = await demoCore();
    const cases: [unknown, RegExp][] = [
      [{ date: DEMO.today, planRows: [{ ...row, people: -3 }] }, /planRows\[0\]\.people: 人数不能是负数/],
      [{ date: DEMO.today, planRows: [row, { ...row, task: 'swim' }] }, /planRows\[1\]\.task/],
      [{ date: DEMO.today, planRows: [{ ...row, place: ' ' }] }, /请填写村或作业点/],
      [{ date: DEMO.today, planRows: [{ ...row, pumps: 2.5 }] }, /水泵台数应为 0 到 5000 之间的整数/],
      [{ date: DEMO.today, planRows: Array.from({ length: 41 }, () => row) }, /最多 40 行/],
      [{ date: DEMO.today, planText: '很'.repeat(1501) }, /明日安排不超过 1500 个字/],
      [{ date: DEMO.today, signatures: { issuer: '王'.repeat(21) } }, /签发人不超过 20 个字/],
      [{ date: '2026-08-11', planText: '未来' }, /晚于今天/],
      [{ date: DEMO.today, extra: 1 }, /extra/],
    ];
    for (const [input, message] of cases) {
      const e = await fails(core, 'sheets.saveDraft', input);
      expect(e.code).toBe('invalid_input');
      expect(`${e.message} ${JSON.stringify(e.details)}`).toMatch(message);
    }
    expect(core.db.prepare('SELECT count(*) AS n FROM sheet_draft').get()).toEqual({ n: 0 });
    expect(core.db.prepare("SELECT count(*) AS n FROM change_feed WHERE table_name = 'sheet_draft'").get()).toEqual({ n: 0 });
  });

  it('exports the sheet\'s tables to .xlsx with the same figures', async () => {
    const core = await demoCore();
    await ok(core, 'sheets.saveDraft', { date: DEMO.today, planText: '明日安排', planRows: [row] });
    const file = await ok<{ fileName: string; mimeType: string; contentBase64: string }>(core, 'sheets.exportXlsx', { date: DEMO.today });
    expect(file.fileName).toBe(`${DEMO.townshipName}防汛排涝调度日报-第1期-${DEMO.today}-样稿.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['概况', '投入力量', '工程进展', '未疏通堵点', '优先疏通', '明日安排']);
    const values = (name: string) => book.getWorksheet(name)!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const force = values('投入力量');
    expect(force.at(-1)).toEqual(['合计', null, null, 700, 45, 7, 31, 196].map((v) => v ?? undefined));
    const works = values('工程进展');
    expect(works.find((r) => r[0] === '清淤高标准通畅沟渠')).toEqual(['清淤高标准通畅沟渠', 'm', 6569, 210000]);
    expect(works.find((r) => r[0] === '本季清淤沟渠蓄水能力')?.[3]).toBeCloseTo(105, 6);
    expect(values('概况').find((r) => r[0] === '较去年同期')).toEqual(['较去年同期', 82.1, '%']);
    expect(values('明日安排')[2]).toEqual([1, '兴隆村', '清淤', 60, 8, 2, 4, 10, '五干东5支沟']);
    expect(values('未疏通堵点')).toHaveLength(2 + 12);
  });
});
