import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toNetworkFeatures } from '../../../../electron/core/importers/network/convert';
import { parseNetworkFile } from '../../../../electron/core/importers/network/parse';
import { WGS84_POINTS } from '../../../fixtures/network/build/fixtures';
import { lineLengthM } from '../../../../shared/geo/length';
import { fixture, utf8 } from './helpers';

/** Ground distance, for checking converted coordinates land where they should. */
const near = (a: number[], b: number[]) => lineLengthM([a, b]);

describe('KML from Ovital (奥维互动地图)', () => {
  it('is detected as GCJ-02 with the reason, and keeps the folder paths', async () => {
    const p = await parseNetworkFile('ovital-field-team.ovkml', fixture('ovital-field-team.ovkml'));
    expect(p.format).toBe('kml');
    expect(p.encoding).toBe('utf-8');
    expect(p.detectedCrs).toBe('gcj02');
    expect(p.crsReason.zh).toContain('奥维');
    expect(p.crsReason.en).toContain('Ovital');
    expect(p.counts.total).toBe(7);
    expect(p.counts.byGeometry).toEqual({ point: 5, line: 1, polygon: 1 });
    expect(p.counts.bySourceLayer).toEqual({ 三家子村: 7 });
    const first = p.features[0];
    expect(first?.folderPath).toEqual(['三家子村', '堵点']);
    expect(first?.properties.folder).toBe('三家子村/堵点');
    expect(first?.where.zh).toBe('第 1 个地标“3号堵点”');
    // Style properties are not data.
    expect(p.fields.map((f) => f.name)).toEqual(['name', 'description', 'timestamp', 'folder']);
    expect(p.suggestedMapping.fields).toMatchObject({ name: 'name', note: 'description', reported_at: 'timestamp' });
  });

  it('puts points on layers by folder and name, and converts GCJ-02 back to WGS84', async () => {
    const p = await parseNetworkFile('ovital-field-team.ovkml', fixture('ovital-field-team.ovkml'));
    const r = toNetworkFeatures(p, { crs: 'gcj02' });
    const byName = new Map(r.features.map((f) => [f.properties.name, f]));
    expect(byName.get('3号堵点')?.layer).toBe('blockage'); // name and folder
    expect(byName.get('西大沟桥下')?.layer).toBe('blockage'); // folder 堵点
    expect(byName.get('5号')?.layer).toBe('culvert'); // folder 涵管
    expect(byName.get('王家屯涵洞')?.layer).toBe('culvert'); // name 涵
    expect(byName.get('新发现积水点')?.layer).toBe('blockage'); // no hint: default, with a warning
    expect(byName.get('一号支沟')?.layer).toBe('ditch');
    expect(byName.get('三家子村片区')?.layer).toBe('area');
    expect(r.counts).toEqual({ ditch: 1, culvert: 2, blockage: 3, area: 1 });
    expect(r.warnings.find((w) => w.code === 'point_default')?.features).toEqual([6]);

    const blockage = byName.get('3号堵点');
    expect(blockage?.properties).toEqual({
      name: '3号堵点',
      status: null,
      reported_at: '2025-07-28T00:30:00.000Z',
      village: '三家子村', // from the folder
      note: '涵管口被秸秆堵住',
    });
    const ditch = byName.get('一号支沟');
    expect(ditch?.layer === 'ditch' && ditch.properties.kind).toBe('branch'); // folder 支沟
    // Back to the true positions within a centimetre.
    expect(near((blockage?.geometry.coordinates ?? []) as number[], WGS84_POINTS.blockage3)).toBeLessThan(0.01);
    const line = ditch?.geometry.type === 'LineString' ? ditch.geometry.coordinates : [];
    line.forEach((c, i) => expect(near(c, WGS84_POINTS.ditch1[i] as number[])).toBeLessThan(0.01));
    // Read as if WGS84, it would be ~500 m off: the conversion matters.
    const wrong = toNetworkFeatures(p, { crs: 'wgs84' }).features[0];
    expect(near((wrong?.geometry.coordinates ?? []) as number[], WGS84_POINTS.blockage3)).toBeGreaterThan(300);
  });

  it('falls back to WGS84 for a renamed Ovital file without traces, saying to choose GCJ-02 if it was Ovital', async () => {
    const p = await parseNetworkFile('三家子村.kml', fixture('ovital-field-team.ovkml'));
    expect(p.detectedCrs).toBe('wgs84');
    expect(p.crsReason.zh).toContain('GCJ-02');
  });

  it('recognises Ovital by a trace in the document', async () => {
    const text = new TextDecoder().decode(fixture('ovital-field-team.ovkml')).replace('<Document>', '<!-- Ovital Map export --><Document>');
    const p = await parseNetworkFile('points.kml', utf8(text));
    expect(p.detectedCrs).toBe('gcj02');
  });

  it('reads a GBK KML that declares its encoding', async () => {
    const iconv = (await import('iconv-lite')).default;
    const kml = '<?xml version="1.0" encoding="GBK"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>二号涵管</name><Point><coordinates>124.2,43.4</coordinates></Point></Placemark></Document></kml>';
    const p = await parseNetworkFile('gbk.kml', new Uint8Array(iconv.encode(kml, 'gbk')));
    expect(p.encoding).toBe('gbk');
    expect(p.features[0]?.properties.name).toBe('二号涵管');
    expect(p.features[0]?.suggestedLayer).toBe('culvert');
  });

  it('turns MultiGeometry into Multi* geometries, splitting mixed ones', async () => {
    const kml = `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name>两段沟</name><MultiGeometry><LineString><coordinates>124.2,43.4 124.21,43.41</coordinates></LineString><LineString><coordinates>124.22,43.4 124.23,43.41</coordinates></LineString></MultiGeometry></Placemark>
      <Placemark><name>混合</name><MultiGeometry><Point><coordinates>124.2,43.4</coordinates></Point><LineString><coordinates>124.22,43.4 124.23,43.41</coordinates></LineString></MultiGeometry></Placemark>
      <Placemark><name>无坐标</name></Placemark>
    </Document></kml>`;
    const p = await parseNetworkFile('multi.kml', utf8(kml));
    expect(p.features.map((f) => f.geometry.type)).toEqual(['MultiLineString', 'Point', 'LineString']);
    expect(p.features[2]?.where.en).toBe('placemark 2 "混合" part 2');
    expect(p.warnings.map((w) => w.code).sort()).toEqual(['mixed_geometry', 'placemark_no_coordinates']);
    expect(p.warnings.find((w) => w.code === 'placemark_no_coordinates')?.message.zh).toContain('第 3 个地标“无坐标”');
  });
});

describe('KMZ', () => {
  it('reads doc.kml inside, ignoring the icon, with Chinese ExtendedData mapped', async () => {
    const p = await parseNetworkFile('network.kmz', fixture('network.kmz'));
    expect(p.format).toBe('kmz');
    expect(p.detectedCrs).toBe('wgs84');
    expect(p.counts.bySourceLayer).toEqual({ 沟渠: 1, 涵管: 1 });
    expect(p.suggestedMapping.fields).toMatchObject({ kind: '类型', bottom_width_m: '底宽', depth_m: '沟深', side_slope: '边坡', condition: '状况', diameter_m: '管径', barrels: '孔数' });
    const r = toNetworkFeatures(p, { crs: 'wgs84' });
    expect(r.features.map((f) => [f.layer, f.properties])).toEqual([
      ['ditch', { name: '一号支沟', kind: 'branch', village: null, bottom_width_m: 1.5, depth_m: 1.2, side_slope: 1.5, manning_n: null, slope: null, condition: 'silted', work: null, work_date: null, note: null }],
      ['culvert', { name: '5号涵管', diameter_m: 0.8, length_m: null, barrels: 2, material: null, laid_date: null, note: null }],
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['assumed_mm']);
  });

  it('takes any .kml when there is no doc.kml, and detects .ovkmz as Ovital', async () => {
    const kml = fixture('ovital-field-team.ovkml');
    const p = await parseNetworkFile('share.ovkmz', zipSync({ '三家子村.kml': kml, 'files/a.png': new Uint8Array([1]) }));
    expect(p.format).toBe('kmz');
    expect(p.detectedCrs).toBe('gcj02');
    expect(p.counts.total).toBe(7);
  });
});
