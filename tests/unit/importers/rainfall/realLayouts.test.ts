import { describe, expect, it } from 'vitest';
import { parseRainfallFile } from '../../../../electron/core/importers/rainfall';
import { OPTIONS, fixture, rejection } from './helpers';

describe('rainfall layouts real sources write', () => {
  it('reads a long table with English headers as long, keeping 564 mm with a warning to check it', async () => {
    const r = await parseRainfallFile('english-long.csv', fixture('english-long.csv'), OPTIONS);
    expect(r.layout).toBe('long');
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { row: 2, date: '2026-07-01', station: '东风村', mm: 12.5 },
      { row: 3, date: '2026-07-02', station: '东风村', mm: 564 },
      { row: 4, date: '2026-07-01', station: '红旗村', mm: 0.4 },
    ]);
    const check = r.warnings.find((w) => w.row === 3);
    expect(check?.zh).toContain('564 mm 超过单日 500 mm');
    expect(check?.zh).toContain('请核对');
    expect(check?.en).toContain('check the original record');
  });

  it('refuses a value above the world record, naming the row', async () => {
    const r = await parseRainfallFile('bad.csv', fixture('bad-rows.csv'), OPTIONS);
    expect(r.errors.find((e) => e.row === 7)?.zh).toContain('6120 mm 超过单日 2000 mm');
  });

  it('reads a CMA station file: 年/月/日 columns, 0.1 mm, trace, missing and rain+snow codes', async () => {
    const r = await parseRainfallFile('cma.csv', fixture('cma-station.csv'), { ...OPTIONS, allowNewStations: true });
    expect(r.errors).toEqual([]);
    expect(r.stations).toEqual(['50953']);
    expect(r.rows.map((x) => [x.date, x.mm])).toEqual([
      ['2026-07-01', 12.5],
      ['2026-07-02', 0],
      ['2026-07-04', 1.2],
    ]);
    expect(r.warnings.find((w) => w.row === 4)?.zh).toContain('缺测');
  });

  it('fails a CSV whose quote never closes the same way for rainfall as for the network', async () => {
    const bytes = new Uint8Array(Buffer.from('日期,站点,雨量\n2026-07-01,东风村,12\n2026-07-02,"红旗村,8\n2026-07-03,永安村,3\n'));
    const e = await rejection(parseRainfallFile('cut.csv', bytes, OPTIONS));
    expect(e.code).toBe('import_invalid');
    expect(e.messageZh).toContain('第 3 行的引号没有闭合');
  });
});
