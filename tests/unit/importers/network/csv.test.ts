import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { toNetworkFeatures } from '../../../../electron/core/importers/network/convert';
import { parseNetworkFile } from '../../../../electron/core/importers/network/parse';
import { fixture, importError, utf8 } from './helpers';

describe('CSV', () => {
  it('reads a GBK CSV with 经度/纬度, DMS coordinates and Chinese statuses', async () => {
    const p = await parseNetworkFile('堵点.csv', fixture('blockages-gbk.csv'));
    expect(p.format).toBe('csv');
    expect(p.encoding).toBe('gbk');
    expect(p.detectedCrs).toBeNull();
    expect(p.crsReason.zh).toContain('GCJ-02');
    expect(p.features[2]?.where).toEqual({ zh: '第 4 行', en: 'line 4' });
    const r = toNetworkFeatures(p, { crs: 'wgs84' });
    expect(r.counts.blockage).toBe(3);
    expect(r.features.map((f) => f.properties)).toEqual([
      { name: '3号堵点', status: 'assigned', reported_at: '2025-07-28T00:30:00.000Z', village: '三家子村', note: '涵管口被秸秆堵住,需钩机' },
      { name: '西大沟桥下', status: 'in_progress', reported_at: '2025-07-28T01:05:00.000Z', village: '三家子村', note: '水漫过路面' },
      { name: '王家屯东', status: 'reported', reported_at: '2025-07-28T23:10:00.000Z', village: '王家屯', note: null },
    ]);
    const dms = r.features[2]?.geometry.coordinates as number[];
    expect(dms[0]).toBeCloseTo(124 + 11 / 60 + 28.3 / 3600, 10);
    expect(dms[1]).toBeCloseTo(43 + 23 / 60 + 55.3 / 3600, 10);
  });

  it('reads UTF-8 with a BOM, tabs, lon/lat names and a CRS in the column name', async () => {
    const text = '\uFEFFname\tlng(GCJ02)\tlat(GCJ02)\n涵管A\t124.2\t43.4\n';
    const p = await parseNetworkFile('points.txt', utf8(text));
    expect(p.encoding).toBe('utf-8');
    expect(p.detectedCrs).toBe('gcj02');
    expect(p.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [124.2, 43.4] });
    expect(p.features[0]?.suggestedLayer).toBe('culvert');
  });

  it('reads UTF-16 (Excel "Unicode text") and x/y columns', async () => {
    const bytes = new Uint8Array(iconv.encode('名称\tx\ty\r\n一号\t124.2\t43.4\r\n', 'utf-16le', { addBOM: true }));
    const p = await parseNetworkFile('table.txt', bytes);
    expect(p.encoding).toBe('utf-16le');
    expect(p.features[0]?.geometry.coordinates).toEqual([124.2, 43.4]);
  });

  it('swaps columns when "longitude" holds latitudes (surveyors call northing X)', async () => {
    const p = await parseNetworkFile('swap.csv', utf8('名称,X,Y\n甲,43.4,124.2\n乙,43.41,124.21\n'));
    expect(p.features[0]?.geometry.coordinates).toEqual([124.2, 43.4]);
    expect(p.warnings.map((w) => w.code)).toEqual(['lon_lat_swapped']);
  });

  it('reads lines and polygons from a WKT column, quoted with commas inside', async () => {
    const p = await parseNetworkFile('lines.csv', utf8('name,wkt\n一号支沟,"LINESTRING (124.2 43.4, 124.21 43.405)"\n'));
    expect(p.features[0]?.geometry).toEqual({ type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.405]] });
  });

  it('detects Ovital CSVs by name', async () => {
    const p = await parseNetworkFile('奥维导出.csv', utf8('名称,经度,纬度\n甲,124.2,43.4\n'));
    expect(p.detectedCrs).toBe('gcj02');
  });

  it('names the line of a bad or missing coordinate', async () => {
    const bad = await importError('p.csv', utf8('名称,经度,纬度\n甲,124.2,43.4\n乙,124.2,北\n丙,,43.4\n'));
    expect(bad.details.reason).toBe('bad_coordinates');
    expect(bad.details.line).toBe(3);
    expect(bad.messageZh).toContain('第 3 行');
    expect(bad.messageZh).toContain('共 2 行有问题');
    expect(bad.messageEn).toContain('line 3');
    const range = await importError('q.csv', utf8('名称,经度,纬度\n甲,124.2,43.4\n乙,224.2,43.4\n'));
    expect(range.messageZh).toContain('第 3 行');
    expect(range.messageEn).toContain('outside [-180, 180]');
  });

  it('refuses a table without coordinate columns, showing its header', async () => {
    const e = await importError('台账.csv', utf8('名称,村,备注\n甲,三家子村,\n'));
    expect(e.details.reason).toBe('no_coordinate_columns');
    expect(e.messageZh).toContain('名称, 村, 备注');
  });

  it('refuses an unclosed quote with its line', async () => {
    const e = await importError('q.csv', utf8('name,lon,lat\n"a,124.2,43.4\n'));
    expect(e.details.reason).toBe('bad_csv');
    expect(e.details.line).toBe(2);
  });

  it('refuses bytes that are neither UTF-8 nor GBK', async () => {
    const e = await importError('bad-encoding.csv', fixture('bad-encoding.csv'));
    expect(e.details.reason).toBe('unknown_encoding');
    expect(e.messageZh).toContain('UTF-8');
  });
});
