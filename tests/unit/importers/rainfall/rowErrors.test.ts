import { describe, expect, it } from 'vitest';
import { parseRainfallFile } from '../../../../electron/core/importers/rainfall';
import { OPTIONS, fixture } from './helpers';

describe('rainfall row errors', () => {
  it('collects every bad row with its Excel row number and keeps the good ones', async () => {
    const result = await parseRainfallFile('bad.csv', fixture('bad-rows.csv'), OPTIONS);
    expect(result.rows).toEqual([
      { row: 2, date: '2026-07-01', station: '东风村', mm: 12.5 },
      { row: 12, date: '2026-07-05', station: '永安村', mm: 0.5 },
    ]);
    const byRow = new Map(result.errors.map((e) => [e.row, e]));
    expect([...byRow.keys()]).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(byRow.get(3)?.zh).toBe('第 3 行 C 列“雨量”：雨量 -3 mm 是负数');
    expect(byRow.get(4)?.zh).toContain('雨量“大雨”不是数字');
    expect(byRow.get(5)?.zh).toContain('日期 2026-08-15 晚于今天（2026-07-20）');
    expect(byRow.get(6)?.zh).toContain('早于汛期开始日期 2026-06-01');
    expect(byRow.get(7)?.zh).toContain('6120 mm 超过单日 2000 mm');
    expect(byRow.get(8)?.zh).toContain('站点“西山村”不在站点列表中');
    expect(byRow.get(9)?.zh).toContain('第 2 行已有');
    expect(byRow.get(10)?.zh).toContain('缺少日期');
    expect(byRow.get(11)?.zh).toContain('无法识别日期“2026-13-01”');
    expect(byRow.get(3)?.en).toBe('Row 3, column C (雨量): the rainfall -3 mm is negative');
    expect(byRow.get(3)?.column).toBe('雨量');
  });

  it('lists every problem of one row, not just the first', async () => {
    const bytes = new Uint8Array(Buffer.from('日期,站点,雨量\n2026-09-01,西山村,-1\n'));
    const result = await parseRainfallFile('a.csv', bytes, OPTIONS);
    expect(result.errors.map((e) => e.row)).toEqual([2, 2, 2]);
    expect(result.errors.map((e) => e.column)).toEqual(['日期', '站点', '雨量']);
  });

  it('accepts 0 and exactly 500 mm, and treats an empty long-layout value as missing', async () => {
    const bytes = new Uint8Array(Buffer.from('日期,站点,雨量\n2026-07-01,东风村,0\n2026-07-01,红旗村,500\n2026-07-01,永安村,\n'));
    const result = await parseRainfallFile('a.csv', bytes, OPTIONS);
    expect(result.rows.map((r) => r.mm)).toEqual([0, 500]);
    expect(result.errors).toEqual([expect.objectContaining({ row: 4, zh: expect.stringContaining('缺少雨量') })]);
  });
});
