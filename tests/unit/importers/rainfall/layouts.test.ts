import { describe, expect, it } from 'vitest';
import { parseRainfallFile } from '../../../../electron/core/importers/rainfall';
import { OPTIONS, fixture } from './helpers';

const csv = (text: string) => new Uint8Array(Buffer.from(text));

describe('rainfall layouts', () => {
  it('reads a wide table: one column per station, empty cells are no reading, the total row is a warning', async () => {
    const result = await parseRainfallFile('宽表.csv', fixture('wide.csv'), OPTIONS);
    expect(result.layout).toBe('wide');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { row: 2, date: '2026-07-01', station: '东风村', mm: 12.5 },
      { row: 2, date: '2026-07-01', station: '永安村', mm: 3 },
      { row: 3, date: '2026-07-02', station: '东风村', mm: 0 },
      { row: 3, date: '2026-07-02', station: '红旗村', mm: 8.2 },
      { row: 4, date: '2026-07-03', station: '东风村', mm: 45.6 },
      { row: 4, date: '2026-07-03', station: '红旗村', mm: 50.1 },
      { row: 4, date: '2026-07-03', station: '永安村', mm: 38 },
    ]);
    expect(result.stations).toEqual(['东风村', '红旗村', '永安村']);
    expect(result.warnings).toEqual([expect.objectContaining({ row: 5, zh: expect.stringContaining('合计') })]);
  });

  it('names an unknown station column once, on the header row, and imports the other stations', async () => {
    const result = await parseRainfallFile('w.csv', csv('日期,东风村,西山村\n2026-07-01,1,2\n2026-07-02,3,4\n'), OPTIONS);
    expect(result.rows.map((r) => r.station)).toEqual(['东风村', '东风村']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 1, column: '西山村' });
    expect(result.errors[0]?.zh).toContain('站点“西山村”不在站点列表中');
  });

  it('accepts new stations when allowed and lists them for confirmation', async () => {
    const bytes = csv('日期,站点,雨量\n2026-07-01,西山村,2\n2026-07-01,东风村,1\n');
    const result = await parseRainfallFile('l.csv', bytes, { ...OPTIONS, allowNewStations: true });
    expect(result.errors).toEqual([]);
    expect(result.stations).toEqual(['西山村', '东风村']);
    expect(result.newStations).toEqual(['西山村']);
  });

  it('matches station names regardless of spaces and full-width letters, using the list spelling', async () => {
    const bytes = csv('日期,站点,雨量\n2026-07-01, 东风村 ,2\n');
    const result = await parseRainfallFile('l.csv', bytes, { ...OPTIONS, knownStations: ['东风村', 'A区站'] });
    expect(result.rows).toEqual([{ row: 2, date: '2026-07-01', station: '东风村', mm: 2 }]);
    const wide = await parseRainfallFile('w.csv', csv('日期,Ａ区站(mm)\n2026-07-01,2\n'), { ...OPTIONS, knownStations: ['A区站'] });
    expect(wide.rows).toEqual([{ row: 2, date: '2026-07-01', station: 'A区站', mm: 2 }]);
  });

  it('reads the split corner header 日期\\站点 of a Chinese table as a wide date column', async () => {
    const result = await parseRainfallFile('w.csv', csv('日期\\站点,东风村,红旗村\n2026-07-01,1,2\n'), OPTIONS);
    expect(result.layout).toBe('wide');
    expect(result.rows).toHaveLength(2);
  });

  it('reports the same date twice in a wide table on the later row', async () => {
    const result = await parseRainfallFile('w.csv', csv('日期,东风村\n2026-07-01,1\n2026-07-02,2\n2026/7/1,3\n'), OPTIONS);
    expect(result.rows.map((r) => r.mm)).toEqual([1, 2]);
    expect(result.errors).toEqual([expect.objectContaining({ row: 4, zh: expect.stringContaining('第 2 行已有') })]);
  });
});
