import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toNetworkFeatures } from '../../../../electron/core/importers/network/convert';
import { exportGpkg } from '../../../../electron/core/importers/network/exportGpkg';
import { exportLedger } from '../../../../electron/core/importers/network/exportLedger';
import { exportShapefileZip } from '../../../../electron/core/importers/network/exportShapefile';
import { parseNetworkFile } from '../../../../electron/core/importers/network/parse';
import type { NetworkFeature } from '../../../../electron/core/importers/network/types';

/** A network with every layer, Chinese names, kept file attributes and a long note. */
const NETWORK: NetworkFeature[] = [
  {
    layer: 'ditch',
    id: '0a8f2c1e-1d3b-4c5e-9f70-1234567890ab',
    geometry: { type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.405], [124.22, 43.408]] },
    properties: { name: '一号支沟', kind: 'branch', village: '三家子村', bottom_width_m: 1.5, depth_m: 1.2, side_slope: 1.5, manning_n: 0.025, slope: 0.0005, condition: 'silted', work: 'cleared', work_date: '2025-07-20', note: '2024 年秋清淤' },
    attributes: { NAME_EN: 'No. 1 branch ditch', 管理单位: '三合乡水利站' },
  },
  {
    layer: 'culvert',
    id: '1b8f2c1e-1d3b-4c5e-9f70-1234567890ab',
    geometry: { type: 'Point', coordinates: [124.205, 43.4025] },
    properties: { name: '5号涵管', diameter_m: 0.8, length_m: 6, barrels: 2, material: '混凝土', laid_date: '2025-07-12', note: null },
    attributes: { 建设年份: '2019' },
  },
  {
    layer: 'blockage',
    id: '2b8f2c1e-1d3b-4c5e-9f70-1234567890ab',
    geometry: { type: 'Point', coordinates: [124.215, 43.4065] },
    properties: { name: '3号堵点', status: 'in_progress', reported_at: '2025-07-28T00:30:00Z', village: '三家子村', note: '涵管口被秸秆堵住' },
  },
  {
    layer: 'area',
    id: '3b8f2c1e-1d3b-4c5e-9f70-1234567890ab',
    geometry: { type: 'Polygon', coordinates: [[[124.19, 43.395], [124.23, 43.395], [124.23, 43.415], [124.19, 43.415], [124.19, 43.395]]] },
    properties: { name: '三家子村片区', kind: 'village', runoff_coefficient: 0.6, note: null },
  },
];

async function reimport(fileName: string, bytes: Uint8Array) {
  const preview = await parseNetworkFile(fileName, bytes);
  const result = toNetworkFeatures(preview, { crs: preview.detectedCrs ?? 'wgs84' });
  return { preview, features: result.features.map(({ sourceIndex: _s, ...f }) => f as NetworkFeature) };
}

/** Vertices as numbers; a polygon's ring as a sorted set (Shapefile rings run clockwise, GeoJSON's the other way). */
function numbers(g: NetworkFeature['geometry']): number[] {
  const flat = (c: unknown) => JSON.stringify(c).match(/-?\d+\.?\d*/g)!.map(Number);
  if (g.type !== 'Polygon') return flat(g.coordinates);
  return g.coordinates.flatMap((ring) => ring.slice(1).map((p) => `${p[0]},${p[1]}`).sort().flatMap((t) => t.split(',').map(Number)));
}

/** Positions compared to 1e-9° (0.1 mm): the formats store doubles. */
function expectSame(actual: NetworkFeature[], expected: NetworkFeature[]): void {
  expect(actual.map((f) => [f.layer, f.id, f.properties, f.attributes ?? {}])).toEqual(expected.map((f) => [f.layer, f.id, f.properties, f.attributes ?? {}]));
  actual.forEach((f, i) => {
    expect(f.geometry.type).toBe(expected[i]!.geometry.type);
    const a = numbers(f.geometry);
    const b = numbers(expected[i]!.geometry);
    expect(a.length).toBe(b.length);
    a.forEach((v, j) => expect(Math.abs(v - b[j]!)).toBeLessThan(1e-9));
  });
}

describe('binary exports → import round trip', () => {
  it('GeoPackage: names, attributes and positions come back; EPSG:4326 detected', async () => {
    const bytes = exportGpkg(NETWORK, '2025-07-30T00:00:00Z');
    const { preview, features } = await reimport('network.gpkg', bytes);
    expect(preview.format).toBe('gpkg');
    expect(preview.detectedCrs).toBe('wgs84');
    expectSame(features, NETWORK);
  });

  it('zipped Shapefile in GBK with a GBK .cpg, and in UTF-8: the same features back', async () => {
    const gbk = exportShapefileZip(NETWORK, 'gbk');
    expect(gbk.warnings).toEqual([]);
    expect(new TextDecoder().decode(unzipSync(gbk.bytes)['ditches.cpg'])).toBe('GBK');
    const fromGbk = await reimport('network.zip', gbk.bytes);
    expect(fromGbk.preview.encoding).toBe('gbk');
    expectSame(fromGbk.features, NETWORK);
    // In UTF-8 a Chinese character takes 3 of dBASE's 10 name bytes: 管理单位 becomes 管理单, with a warning.
    const utf = exportShapefileZip(NETWORK, 'utf-8');
    expect(utf.warnings[0]?.zh).toContain('管理单位 → 管理单');
    const fromUtf = await reimport('network.zip', utf.bytes);
    expect(fromUtf.preview.encoding).toBe('utf-8');
    const cutNames = NETWORK.map((f) => (f.attributes ? { ...f, attributes: Object.fromEntries(Object.entries(f.attributes).map(([k, v]) => [k.replace('管理单位', '管理单').replace('建设年份', '建设年'), v])) } : f));
    expectSame(fromUtf.features, cutNames);
  });

  it('Shapefile: a 300-character note is cut to 254 bytes with a warning', () => {
    const long = [{ ...NETWORK[2]!, properties: { ...NETWORK[2]!.properties, note: '长'.repeat(300) } } as NetworkFeature];
    expect(exportShapefileZip(long).warnings[0]?.zh).toContain('254');
  });

  it('Excel ledger: a sheet per layer, Chinese titles, start/end lon/lat, and the same features back', async () => {
    const bytes = await exportLedger(NETWORK, () => 1234.5);
    const { preview, features } = await reimport('沟渠台账.xlsx', bytes);
    expect(preview.format).toBe('xlsx');
    expect(preview.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['名称', '底宽(米)', '起点经度', '终点纬度'].filter((n) => !n.includes('经度') && !n.includes('纬度'))));
    expectSame(features, NETWORK);
  });

  it('Excel ledger without WKT: a ditch from its start and end positions', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('沟渠台账');
    sheet.addRow(['序号', '名称', '类型', '底宽(米)', '起点经度', '起点纬度', '终点经度', '终点纬度', '管理单位']);
    sheet.addRow([1, '二号支沟', '支沟', 2, 124.2, 43.4, 124.21, 43.41, '水利站']);
    const { features } = await reimport('台账.xlsx', new Uint8Array(await book.xlsx.writeBuffer()));
    expect(features).toHaveLength(1);
    expect(features[0]).toMatchObject({ layer: 'ditch', geometry: { type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.41]] }, attributes: { 管理单位: '水利站' } });
    expect(features[0]?.properties).toMatchObject({ name: '二号支沟', kind: 'branch', bottom_width_m: 2 });
  });
});
