import { describe, expect, it } from 'vitest';
import { parseLastYearBaseline } from '../../../../electron/core/importers/rainfall';
import { SEASON, baselineWorkbook } from '../../../fixtures/rainfall/build';
import { fixture } from './helpers';

const OPTIONS = { seasonStart: SEASON.seasonStart };

describe('last-year baseline', () => {
  it('reads a date + mm series in GBK and rejects dates that are not last year', async () => {
    const result = await parseLastYearBaseline('去年.csv', fixture('baseline-series.csv'), OPTIONS);
    expect(result.layout).toBe('series');
    expect(result.encoding).toBe('gbk');
    expect(result.rows).toEqual([
      { row: 2, date: '2025-06-01', mm: 0, readings: 1 },
      { row: 3, date: '2025-06-02', mm: 12.3, readings: 1 },
      { row: 4, date: '2025-06-03', mm: 4.7, readings: 1 },
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.row).toBe(5);
    expect(result.errors[0]?.zh).toContain('不在去年汛期内（应在 2025-06-01 至 2025-12-31 之间）');
  });

  it('averages the stations of a wide workbook into the township value, ignoring the average column', async () => {
    const result = await parseLastYearBaseline('去年.xlsx', await baselineWorkbook(), OPTIONS);
    expect(result.layout).toBe('wide');
    expect(result.stations).toEqual(['东风村', '红旗村', '永安村']);
    expect(result.rows).toEqual([
      { row: 2, date: '2025-06-01', mm: 20, readings: 3 },
      { row: 3, date: '2025-06-02', mm: 6, readings: 2 },
    ]);
    expect(result.warnings).toEqual([expect.objectContaining({ row: 1, column: '平均' })]);
  });

  it('averages a long table per day and reads 6月2日 as last year', async () => {
    const text = '日期,站点,雨量\n6月2日,东风村,10\n6月2日,红旗村,5\n6月3日,东风村,1\n';
    const result = await parseLastYearBaseline('a.csv', new Uint8Array(Buffer.from(text)), OPTIONS);
    expect(result.layout).toBe('long');
    expect(result.rows).toEqual([
      { row: 2, date: '2025-06-02', mm: 7.5, readings: 2 },
      { row: 4, date: '2025-06-03', mm: 1, readings: 1 },
    ]);
  });
});
