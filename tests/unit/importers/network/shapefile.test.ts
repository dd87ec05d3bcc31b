import iconv from 'iconv-lite';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toNetworkFeatures } from '../../../../electron/core/importers/network/convert';
import { parseNetworkFile } from '../../../../electron/core/importers/network/parse';
import type { Point } from 'geojson';
import { lineLengthM } from '../../../../shared/geo/length';
import { writeShapefile } from '../../../../electron/core/importers/network/shapefileWriter';
import { fixture, importError } from './helpers';

const gbk = (t: string) => new Uint8Array(iconv.encode(t, 'gbk'));
const PRJ = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

function culvertZip(extra: Record<string, Uint8Array>, encode = gbk): Uint8Array {
  const parts = writeShapefile({
    type: 'point',
    shapes: [[[[124.205, 43.4025]]]],
    columns: [{ name: '名称', type: 'C', length: 20 }],
    records: [['三号涵管']],
    encode,
  });
  return zipSync({ 'c.shp': parts.shp, 'c.shx': parts.shx, 'c.dbf': parts.dbf, ...extra });
}

describe('zipped shapefile', () => {
  it('reads every layer, GBK with a .cpg and GBK assumed without one, zip names in GBK', async () => {
    const p = await parseNetworkFile('沟渠涵管.zip', fixture('ditches-culverts-gbk.zip'));
    expect(p.format).toBe('shapefile');
    expect(p.encoding).toBe('gbk');
    expect(p.detectedCrs).toBe('wgs84');
    expect(p.crsReason.en).toContain('GCS_WGS_1984');
    expect(p.counts.bySourceLayer).toEqual({ 沟渠: 2, 涵管: 2 });
    expect(p.features[0]?.where.zh).toBe('沟渠.shp 第 1 条记录');
    expect(p.fields.find((f) => f.name === '类型')?.samples).toEqual(['支沟', '干沟']);
    expect(p.warnings.map((w) => w.message.zh)).toEqual(['涵管.shp 没有 .cpg,属性文字按 GBK 读取']);
    const r = toNetworkFeatures(p, { crs: 'wgs84' });
    expect(r.features.map((f) => f.properties)).toEqual([
      { name: '一号支沟', kind: 'branch', village: '三家子村', bottom_width_m: 1.5, depth_m: 1.2, side_slope: null, manning_n: null, slope: null, condition: 'silted', work: null, work_date: null, note: null },
      { name: '西大沟', kind: 'main', village: '王家屯', bottom_width_m: 4, depth_m: 2.5, side_slope: null, manning_n: null, slope: null, condition: 'clear', work: null, work_date: null, note: null },
      { name: '5号涵管', diameter_m: 0.8, length_m: null, barrels: 2, material: null, laid_date: '2025-07-12', note: null },
      { name: '王家屯涵洞', diameter_m: 1, length_m: null, barrels: 1, material: null, laid_date: null, note: null },
    ]);
    expect(r.features[0]?.geometry).toEqual({ type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.405], [124.22, 43.408]] });
  });

  it('reads UTF-8 when the bytes are UTF-8 and there is no .cpg', async () => {
    const p = await parseNetworkFile('c.zip', culvertZip({ 'c.prj': strToU8(PRJ) }, strToU8));
    expect(p.encoding).toBe('utf-8');
    expect(p.features[0]?.properties['名称']).toBe('三号涵管');
    expect(p.detectedCrs).toBe('wgs84');
  });

  it('honours the .cpg code page, e.g. 936', async () => {
    const p = await parseNetworkFile('c.zip', culvertZip({ 'c.cpg': strToU8('936') }));
    expect(p.features[0]?.properties['名称']).toBe('三号涵管');
    expect(p.detectedCrs).toBeNull();
    expect(p.crsReason.zh).toContain('.prj');
  });

  it('refuses an unknown .cpg encoding', async () => {
    const e = await importError('c.zip', culvertZip({ 'c.cpg': strToU8('KLINGON-1') }));
    expect(e.details.reason).toBe('unknown_encoding');
    expect(e.messageZh).toContain('KLINGON-1');
  });

  it('reads a Gauss-Krüger .prj without an EPSG code as the system it describes and converts to within 0.1 m of PROJ', async () => {
    const p = await parseNetworkFile('gk-cm123-shp.zip', fixture('gk-cm123-shp.zip'));
    expect(p.detectedCrs).toBe('EPSG:4550');
    expect(p.crsReason.zh).toContain('CGCS2000_3_Degree_GK_CM_123E');
    const [point] = toNetworkFeatures(p, { crs: 'EPSG:4550' }).features;
    // printf "597000 4806000" | gdaltransform -s_srs EPSG:4550 -t_srs EPSG:4490 -output_xy
    const [lon, lat] = (point?.geometry as Point).coordinates as [number, number];
    expect(lineLengthM([[lon, lat], [124.197048890526, 43.3833070768726]])).toBeLessThan(0.1);
    expect(point?.properties.name).toBe('P1');
  });

  it('warns about Beijing 54 / Xian 80 datums', async () => {
    const prj = 'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    const p = await parseNetworkFile('c.zip', culvertZip({ 'c.prj': strToU8(prj) }));
    expect(p.warnings.map((w) => w.code)).toContain('old_datum');
  });

  it('refuses a damaged .dbf and .shp', async () => {
    const parts = writeShapefile({ type: 'point', shapes: [[[[124.2, 43.4]]]], columns: [{ name: 'N', type: 'C', length: 5 }], records: [['a']], encode: strToU8 });
    const cutDbf = await importError('x.zip', zipSync({ 'x.shp': parts.shp, 'x.dbf': parts.dbf.subarray(0, 40) }));
    expect(cutDbf.details.reason).toBe('bad_shapefile');
    expect(cutDbf.messageEn).toContain('.dbf');
    const badShp = await importError('y.zip', zipSync({ 'y.shp': new Uint8Array(120).fill(7), 'y.dbf': parts.dbf }));
    expect(badShp.details.reason).toBe('bad_shapefile');
  });

  it('refuses a zip with no .shp, listing what is inside', async () => {
    const e = await importError('bad-no-shp.zip', fixture('bad-no-shp.zip'));
    expect(e.details.reason).toBe('zip_no_shp');
    expect(e.messageZh).toContain('readme.txt');
  });

  it('refuses a lone .shp or .dbf with advice to zip the parts', async () => {
    const parts = writeShapefile({ type: 'point', shapes: [[[[124.2, 43.4]]]], columns: [{ name: 'N', type: 'C', length: 5 }], records: [['a']], encode: strToU8 });
    expect((await importError('沟渠.shp', parts.shp)).details.reason).toBe('shp_missing_part');
    expect((await importError('沟渠.dbf', parts.dbf)).messageZh).toContain('.zip');
  });
});
