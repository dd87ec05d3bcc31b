import { describe, expect, it } from 'vitest';
import { toNetworkFeatures } from '../../../../electron/core/importers/network/convert';
import { parseNetworkFile } from '../../../../electron/core/importers/network/parse';
import { fixture, importError, utf8 } from './helpers';

const fc = (features: unknown[], extra: Record<string, unknown> = {}) => utf8(JSON.stringify({ type: 'FeatureCollection', ...extra, features }));

describe('GeoJSON', () => {
  it('reads a FeatureCollection as WGS84 (RFC 7946) with fields, samples and a suggested mapping', async () => {
    const p = await parseNetworkFile('ditches.geojson', fc([
      { type: 'Feature', id: 7, properties: { 名称: '一号支沟', 类型: '支沟', 底宽: '1.5m', 村: '三家子村' }, geometry: { type: 'LineString', coordinates: [[124.2, 43.4, 0], [124.21, 43.405, 0]] } },
      { type: 'Feature', properties: { 名称: '二号支沟', 类型: '条田沟', 底宽: 0.8, 村: null, extra: { a: 1 } }, geometry: { type: 'LineString', coordinates: [[124.2, 43.41], [124.21, 43.415]] } },
    ]));
    expect(p.format).toBe('geojson');
    expect(p.detectedCrs).toBe('wgs84');
    expect(p.crsReason.en).toContain('RFC 7946');
    expect(p.fields).toEqual([
      { name: '名称', samples: ['一号支沟', '二号支沟'], filled: 2 },
      { name: '类型', samples: ['支沟', '条田沟'], filled: 2 },
      { name: '底宽', samples: ['1.5m', '0.8'], filled: 2 },
      { name: '村', samples: ['三家子村'], filled: 1 },
      { name: 'extra', samples: ['{"a":1}'], filled: 1 },
    ]);
    expect(p.suggestedMapping).toEqual({ layer: null, id: null, fields: { name: '名称', kind: '类型', village: '村', bottom_width_m: '底宽' }, points: 'auto' });
    const r = toNetworkFeatures(p, { crs: 'wgs84' });
    expect(r.features[0]).toMatchObject({ layer: 'ditch', id: '7', geometry: { type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.405]] } });
    expect(r.features[0]?.properties).toMatchObject({ name: '一号支沟', kind: 'branch', bottom_width_m: 1.5, village: '三家子村' });
    expect(r.features[1]?.properties).toMatchObject({ kind: 'field', bottom_width_m: 0.8, village: null });
  });

  it('accepts a single Feature, a bare geometry and an array of Features', async () => {
    const point = { type: 'Point', coordinates: [124.2, 43.4] };
    expect((await parseNetworkFile('a.json', utf8(JSON.stringify({ type: 'Feature', properties: null, geometry: point })))).counts.total).toBe(1);
    expect((await parseNetworkFile('b.json', utf8(JSON.stringify(point)))).counts.total).toBe(1);
    expect((await parseNetworkFile('c.json', utf8(JSON.stringify([{ type: 'Feature', properties: {}, geometry: point }])))).counts.total).toBe(1);
  });

  it('skips null geometries with one merged warning', async () => {
    const p = await parseNetworkFile('n.geojson', fc([
      { type: 'Feature', properties: {}, geometry: null },
      { type: 'Feature', properties: {}, geometry: null },
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [124.2, 43.4] } },
    ]));
    expect(p.warnings).toEqual([{ code: 'no_geometry', message: { zh: '2 个要素没有坐标,已跳过', en: '2 feature(s) have no geometry and were skipped' } }]);
    expect(p.features[0]?.index).toBe(1);
  });

  it('names the feature with NaN, out-of-range or missing coordinates', async () => {
    const nan = await importError('bad-nan.geojson', fixture('bad-nan.geojson'));
    expect(nan.details).toMatchObject({ reason: 'bad_coordinates', line: 3 });
    expect(nan.messageZh).toContain('第 3 行含有 NaN');

    const range = await importError('bad-out-of-range.geojson', fixture('bad-out-of-range.geojson'));
    expect(range.details.reason).toBe('bad_coordinates');
    expect(range.messageZh).toContain('第 2 个要素“坏点”');
    expect(range.messageZh).toContain('纬度 95.4 超出 [-90, 90]');
    expect(range.messageEn).toContain('feature 2 "坏点"');

    const missing = await importError('bad-missing-coordinates.geojson', fixture('bad-missing-coordinates.geojson'));
    expect(missing.messageZh).toContain('第 1 个要素“一号支沟”:缺少坐标');
    expect(missing.messageEn).toContain('coordinates are missing');

    const noGeometry = await importError('g.geojson', fc([{ type: 'Feature', properties: {} }]));
    expect(noGeometry.messageEn).toContain('feature 1 has no geometry');

    const stringy = await importError('s.geojson', fc([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: ['124.2', 43.4] } }]));
    expect(stringy.messageEn).toContain('longitude is not a finite number');
  });

  it('takes a projected crs member, and asks for the system of metres that name none', async () => {
    const p = await parseNetworkFile('metres-no-crs.geojson', fixture('metres-no-crs.geojson'));
    expect(p.detectedCrs).toBeNull();
    expect(p.crsReason.zh).toContain('坐标是米');
    const named = await parseNetworkFile('m.geojson', fc([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [597000, 4806000] } }], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4550' } } }));
    expect(named.detectedCrs).toBe('EPSG:4550');
    const zoned = await parseNetworkFile('z.geojson', fc([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [41597000, 4806000] } }]));
    expect(zoned.detectedCrs).toBe('EPSG:4529');
    // Degrees a little out of range are a typo, not metres.
    const typo = await importError('t.geojson', fc([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [124.2, 95.4] } }]));
    expect(typo.messageEn).toContain('latitude 95.4');
  });

  it('reports the line of a JSON syntax error and truncated JSON', async () => {
    const syntax = await importError('x.geojson', utf8('{"type":"FeatureCollection",\n"features":[\n{"type":"Feature" "properties":{}}]}'));
    expect(syntax.details).toMatchObject({ reason: 'bad_json', line: 3 });
    expect(syntax.messageZh).toContain('第 3 行');
    const cut = await importError('y.geojson', utf8('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[124.2,'));
    expect(cut.messageZh).toContain('截断');
  });

  it('refuses JSON that is not GeoJSON', async () => {
    expect((await importError('z.json', utf8('{"rows":[1,2]}'))).details.reason).toBe('not_geojson');
    expect((await importError('w.json', utf8('[1, 2]'))).details.reason).toBe('not_geojson');
  });
});
