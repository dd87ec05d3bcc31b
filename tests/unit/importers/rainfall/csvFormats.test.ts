import { describe, expect, it } from 'vitest';
import { parseRainfallFile } from '../../../../electron/core/importers/rainfall';
import { csvFixtures } from '../../../fixtures/rainfall/build';
import { OPTIONS, fixture } from './helpers';

describe('rainfall CSV formats', () => {
  it('reads a CSV saved by Excel on Chinese Windows (GBK, CRLF)', async () => {
    const result = await parseRainfallFile('雨量.csv', fixture('gbk-excel.csv'), OPTIONS);
    expect(result.encoding).toBe('gbk');
    expect(result.layout).toBe('long');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { row: 2, date: '2026-07-01', station: '东风村', mm: 12.5 },
      { row: 3, date: '2026-07-01', station: '红旗村', mm: 8 },
      { row: 4, date: '2026-07-02', station: '东风村', mm: 0 },
      { row: 5, date: '2026-07-02', station: '红旗村', mm: 23.4 },
      { row: 6, date: '2026-07-03', station: '永安村', mm: 41.2 },
    ]);
    expect(result.stations).toEqual(['东风村', '红旗村', '永安村']);
    expect(result.dateRange).toEqual({ from: '2026-07-01', to: '2026-07-03' });
  });

  it('reads UTF-8 with a BOM, quoted commas and a line break inside a quoted note', async () => {
    const result = await parseRainfallFile('雨量.csv', fixture('utf8-bom.csv'), OPTIONS);
    expect(result.encoding).toBe('utf-8');
    expect(result.errors).toEqual([]);
    // The quoted note spans two lines but is one Excel row, so the next reading is row 4.
    expect(result.rows).toEqual([
      { row: 2, date: '2026-07-03', station: '东风村', mm: 31.5 },
      { row: 3, date: '2026-07-03', station: '红旗村', mm: 28 },
      { row: 4, date: '2026-07-04', station: '东风村', mm: 6.2 },
    ]);
  });

  it('finds the header below a title row, reads tabs, and skips a signature line with a warning', async () => {
    const result = await parseRainfallFile('雨量.txt', fixture('title-row.csv'), OPTIONS);
    expect(result.rows).toEqual([
      { row: 3, date: '2026-07-05', station: '东风村', mm: 15 },
      { row: 4, date: '2026-07-05', station: '永安村', mm: 9.5 },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.row).toBe(5);
    expect(result.warnings[0]?.zh).toContain('制表人：张三');
  });

  it('reads full-width digits, unit suffixes and 7月3日 without a year', async () => {
    const text = '日期,站点,雨量\n7月3日,东风村,１２．５\n2026年7月4日星期六,红旗村,3.5mm\n2026/7/5 8:00,永安村,微量\n';
    const result = await parseRainfallFile('a.csv', new Uint8Array(Buffer.from(text)), OPTIONS);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.date, r.mm])).toEqual([
      ['2026-07-03', 12.5],
      ['2026-07-04', 3.5],
      ['2026-07-05', 0],
    ]);
  });

  it('keeps the committed CSV fixtures identical to what the builder writes', () => {
    for (const [name, bytes] of Object.entries(csvFixtures())) {
      expect(Buffer.from(fixture(name)).equals(Buffer.from(bytes)), `${name} is stale: run npx tsx tests/fixtures/rainfall/build.ts`).toBe(true);
    }
  });
});
