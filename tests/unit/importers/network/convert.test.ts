import { describe, expect, it } from 'vitest';
import { toNetworkFeatures } from '../../../../electron/core/importers/network/convert';
import { parseNetworkFile } from '../../../../electron/core/importers/network/parse';
import { suggestMapping } from '../../../../electron/core/importers/network/suggest';
import { utf8 } from './helpers';

const points = (rows: string[]) => parseNetworkFile('p.csv', utf8(['名称,经度,纬度,类别,管径,状态', ...rows].join('\n')));

describe('toNetworkFeatures', () => {
  it('classifies points by name: 涵 → culvert, 堵 → blockage, 堵 winning over 涵', async () => {
    const p = await points(['三号涵管,124.2,43.4,,,', '李家堵点,124.21,43.4,,,', '涵管堵塞,124.22,43.4,,,']);
    expect(toNetworkFeatures(p, { crs: 'wgs84' }).features.map((f) => f.layer)).toEqual(['culvert', 'blockage', 'blockage']);
  });

  it('uses filled culvert or blockage fields when the name says nothing', async () => {
    const p = await points(['甲,124.2,43.4,,0.8,', '乙,124.21,43.4,,,处理中']);
    expect(toNetworkFeatures(p, { crs: 'wgs84' }).features.map((f) => f.layer)).toEqual(['culvert', 'blockage']);
  });

  it('reads a layer column of Chinese layer names, found by its values', async () => {
    const p = await points(['甲,124.2,43.4,涵管,,', '乙,124.21,43.4,堵点,,']);
    expect(p.suggestedMapping.layer).toBe('类别');
    expect(p.counts.byLayer).toMatchObject({ culvert: 1, blockage: 1 });
  });

  it('lets the user say what points are, and override single features', async () => {
    const p = await points(['甲,124.2,43.4,,,', '乙,124.21,43.4,,,', '丙,124.22,43.4,,,']);
    const mapping = { ...p.suggestedMapping, points: 'culvert' as const };
    const r = toNetworkFeatures(p, { crs: 'wgs84', mapping, layerOverrides: { 2: 'blockage', 3: 'ditch' } });
    expect(r.features.map((f) => f.layer)).toEqual(['culvert', 'blockage', 'culvert']);
    expect(r.warnings.map((w) => w.code)).toEqual(['override_mismatch']);
  });

  it('follows an edited mapping and leaves unreadable values empty with a warning', async () => {
    const p = await parseNetworkFile('d.csv', utf8('名字,宽,WKT\n一号,abc,"LINESTRING (124.2 43.4, 124.21 43.41)"\n二号,2,"LINESTRING (124.2 43.4, 124.21 43.41)"\n'));
    const r = toNetworkFeatures(p, { crs: 'wgs84', mapping: { layer: null, id: null, fields: { name: '名字', bottom_width_m: '宽' }, points: 'auto' } });
    expect(r.features.map((f) => f.layer === 'ditch' && f.properties.bottom_width_m)).toEqual([null, 2]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]?.code).toBe('bad_value');
    expect(r.warnings[0]?.features).toEqual([1]);
    expect(r.warnings[0]?.message.zh).toContain('“abc”');
  });

  it('converts BD-09 input to WGS84 and drops altitude', async () => {
    const p = await parseNetworkFile('b.geojson', utf8(JSON.stringify({ type: 'Point', coordinates: [124.2128, 43.4089, 160] })));
    const f = toNetworkFeatures(p, { crs: 'bd09' }).features[0];
    const c = f?.geometry.coordinates as number[];
    expect(c).toHaveLength(2);
    expect(c[0]).toBeLessThan(124.2128 - 0.01);
  });

  it('splits a multipoint into separate points', async () => {
    const p = await parseNetworkFile('m.geojson', utf8(JSON.stringify({ type: 'Feature', properties: { name: '涵管组' }, geometry: { type: 'MultiPoint', coordinates: [[124.2, 43.4], [124.21, 43.4]] } })));
    const r = toNetworkFeatures(p, { crs: 'wgs84' });
    expect(r.features.map((f) => [f.layer, f.geometry.type, f.sourceIndex])).toEqual([['culvert', 'Point', 1], ['culvert', 'Point', 1]]);
  });
});

describe('suggestMapping', () => {
  it('prefers our exact names, then synonyms, then .dbf-truncated names, then values', () => {
    const features = [{ properties: { name: 'a', 名称: 'b', BOTTOM_WID: 1, RUNOFF_COE: 0.5, 现况: '淤积', 说明: 'x' } }];
    const m = suggestMapping(features, Object.keys(features[0]!.properties));
    expect(m.fields).toEqual({ name: 'name', bottom_width_m: 'BOTTOM_WID', runoff_coefficient: 'RUNOFF_COE', condition: '现况', note: '说明' });
  });

  it('strips units from column names', () => {
    const m = suggestMapping([{ properties: { '底宽(m)': 1, '沟深（米）': 2 } }], ['底宽(m)', '沟深（米）']);
    expect(m.fields).toEqual({ bottom_width_m: '底宽(m)', depth_m: '沟深（米）' });
  });
});
