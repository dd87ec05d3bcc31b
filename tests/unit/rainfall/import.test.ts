import { describe, expect, it } from 'vitest';
import { fails, gbkCsv, ok, rainCore, rainCounts, xlsx } from './helpers';

describe('rainfall import through the service', () => {
  it('imports a GBK CSV saved by Excel on a Chinese Windows PC', async () => {
    const { core, ids } = await rainCore();
    const file = { kind: 'readings' as const, fileName: '7月雨量.csv', contentBase64: gbkCsv(['日期,站点,雨量(mm)', '2026/7/1,三合堡站,12.5', '2026/7/1,兴隆站,8', '2026/7/1,永安站,10', '2026/7/2,三合堡站,0']) };
    const preview = await ok(core, 'rainfall.previewImport', file);
    expect(preview).toMatchObject({ format: 'csv', encoding: 'gbk', values: 4, added: 4, changed: 0, errors: [], errorRows: [] });
    expect(rainCounts(core).readings).toBe(0); // preview writes nothing

    const result = await ok(core, 'rainfall.import', file);
    expect(result).toMatchObject({ imported: 4, added: 4, changed: 0, skippedRows: [] });
    const grid = await ok(core, 'rainfall.grid', { from: '2026-07-01', to: '2026-07-02' });
    expect(grid.days[0]!.values).toEqual({ [ids['三合堡站']!]: 12.5, [ids['兴隆站']!]: 8, [ids['永安站']!]: 10 });
    expect(grid.days[0]!.townshipMm).toBeCloseTo(10.1667, 4); // the mean of the three stations
    const totals = await ok(core, 'totals.get', { date: '2026-07-02' });
    expect(totals.rain).toMatchObject({ dayMm: 0, seasonMm: 10.2, stationsReported: 1 });
  });

  it('imports an .xlsx workbook with a title row and Excel dates, in the wide layout', async () => {
    const { core } = await rainCore();
    const content = await xlsx([
      ['日期', '三合堡站', '兴隆站', '永安站'],
      [new Date(Date.UTC(2026, 6, 3)), 20, 22.4, 18],
      [new Date(Date.UTC(2026, 6, 4)), 3.5, null, 4.5],
    ]);
    const result = await ok(core, 'rainfall.import', { kind: 'readings', fileName: '雨量.xlsx', contentBase64: content });
    expect(result).toMatchObject({ imported: 5, added: 5 });
    const totals = await ok(core, 'totals.get', { date: '2026-07-04' });
    // 3 July: (20 + 22.4 + 18) / 3 = 20.13; 4 July: the two stations that reported, (3.5 + 4.5) / 2 = 4.
    expect(totals.rain).toMatchObject({ dayMm: 4, stationsReported: 2, seasonMm: 24.1 });
  });

  it('imports nothing while any row is bad, listing each with its row number; skipping exactly those rows imports the rest', async () => {
    const { core } = await rainCore();
    const file = {
      kind: 'readings' as const,
      fileName: 'bad.csv',
      contentBase64: gbkCsv([
        '日期,站点,雨量',
        '2026-07-05,三合堡站,12',
        '2026-07-05,兴隆站,-3',
        '2026-07-05,东风站,9',
        '2026-08-02,永安站,4',
        '2026-07-06,永安站,abc',
        '2026-07-06,兴隆站,6',
      ]),
    };
    const preview = await ok(core, 'rainfall.previewImport', file);
    expect(preview.errorRows).toEqual([3, 4, 5, 6]);
    expect(preview.errors.map((e) => e.zh)).toEqual([
      expect.stringContaining('第 3 行'),
      expect.stringContaining('站点“东风站”不在站点列表中'),
      expect.stringContaining('晚于今天'),
      expect.stringContaining('雨量“abc”不是数字'),
    ]);
    expect(preview.values).toBe(2);

    const refused = await fails(core, 'rainfall.import', file);
    expect(refused.code).toBe('import_invalid');
    expect(refused.message).toContain('4 行有误，未导入任何数据');
    expect(refused.message).toContain('第 3 行');
    expect(refused.details).toMatchObject({ errorRows: [3, 4, 5, 6] });
    expect(rainCounts(core)).toEqual({ readings: 0, baseline: 0, changes: 0 });

    const partly = await fails(core, 'rainfall.import', { ...file, skipRows: [3, 4] });
    expect(partly.details).toMatchObject({ errorRows: [5, 6] });
    expect(rainCounts(core).readings).toBe(0);

    // Naming a valid row too skips it as well: exactly the rows named are left out.
    const done = await ok(core, 'rainfall.import', { ...file, skipRows: [3, 4, 5, 6, 7] });
    expect(done).toMatchObject({ imported: 1, skippedRows: [3, 4, 5, 6, 7] });
    expect(rainCounts(core).readings).toBe(1);
  });

  it('refuses a file with the wrong columns as a whole, with a clear message', async () => {
    const { core } = await rainCore();
    const error = await fails(core, 'rainfall.previewImport', {
      kind: 'readings',
      fileName: 'wrong.csv',
      contentBase64: gbkCsv(['姓名,电话', '张三,13800000000']),
    });
    expect(error.code).toBe('import_invalid');
    expect(error.message).toContain('找不到表头');
    expect(rainCounts(core).readings).toBe(0);
  });

  it('adds new stations only when asked to', async () => {
    const { core } = await rainCore();
    const file = { kind: 'readings' as const, fileName: 'new.csv', contentBase64: gbkCsv(['日期,站点,雨量', '2026-07-07,东风站,9']) };
    expect((await ok(core, 'rainfall.previewImport', file)).errorRows).toEqual([2]);
    const result = await ok(core, 'rainfall.import', { ...file, allowNewStations: true });
    expect(result.newStations).toEqual(['东风站']);
    expect((await ok(core, 'rainfall.stations', {})).map((s) => s.name)).toContain('东风站');
  });

  it('overwrites changed values (history keeps the old) and undo puts the whole import back', async () => {
    const { core } = await rainCore();
    const v1 = { kind: 'readings' as const, fileName: 'a.csv', contentBase64: gbkCsv(['日期,站点,雨量', '2026-07-08,三合堡站,10', '2026-07-08,兴隆站,20']) };
    await ok(core, 'rainfall.import', v1);
    const v2 = { kind: 'readings' as const, fileName: 'b.csv', contentBase64: gbkCsv(['日期,站点,雨量', '2026-07-08,三合堡站,10', '2026-07-08,兴隆站,25', '2026-07-08,永安站,30']) };
    expect(await ok(core, 'rainfall.previewImport', v2)).toMatchObject({ added: 1, changed: 1, unchanged: 1 });
    await ok(core, 'rainfall.import', v2);
    expect((await ok(core, 'totals.get', { date: '2026-07-08' })).rain.dayMm).toBe(21.7);
    await ok(core, 'rainfall.undo', {});
    expect((await ok(core, 'totals.get', { date: '2026-07-08' })).rain.dayMm).toBe(15);
    expect(rainCounts(core).readings).toBe(2);
  });

  it("imports last year's series as the baseline and reports the season change", async () => {
    const { core } = await rainCore();
    await ok(core, 'rainfall.import', { kind: 'readings', fileName: 'a.csv', contentBase64: gbkCsv(['日期,站点,雨量', '2026-06-10,三合堡站,39.02']) });
    const baseline = await xlsx([['日期', '雨量'], ['2025-06-05', 10], ['2025-06-10', 11.43], ['2025-07-25', 50]], '2025年同期雨量');
    const preview = await ok(core, 'rainfall.previewImport', { kind: 'baseline', fileName: '去年.xlsx', contentBase64: baseline });
    expect(preview).toMatchObject({ values: 3, errors: [] });
    await ok(core, 'rainfall.import', { kind: 'baseline', fileName: '去年.xlsx', contentBase64: baseline });
    const t = await ok(core, 'totals.get', { date: '2026-07-20' });
    expect(t.rain).toMatchObject({ seasonMm: 39, lastYearSeasonMm: 21.4, changePct: 82.2, lastYearFrom: '2025-06-01', lastYearTo: '2025-07-20' });
    const badYear = await ok(core, 'rainfall.previewImport', { kind: 'baseline', fileName: 'b.csv', contentBase64: gbkCsv(['日期,雨量', '2024-06-05,3']) });
    expect(badYear.errors[0]!.zh).toContain('不在去年汛期内');
  });
});
