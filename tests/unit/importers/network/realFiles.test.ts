import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toNetworkFeatures } from '../../../../electron/core/importers/network/convert';
import { exportGeoJson } from '../../../../electron/core/importers/network/export';
import { exportGpkg } from '../../../../electron/core/importers/network/exportGpkg';
import { parseNetworkFile } from '../../../../electron/core/importers/network/parse';
import type { ImportedNetworkFeature, NetworkFeature, ToNetworkOptions } from '../../../../electron/core/importers/network/types';
import { LAYERS } from '../../../../electron/core/importers/network/schema';
import type { AppError } from '../../../../shared/contract/errors';
import { lineLengthM } from '../../../../shared/geo/length';
import { WGS84_POINTS } from '../../../fixtures/network/build/fixtures';
import { fixture, importError, utf8 } from './helpers';

type LonLat = [number, number];
const metres = (a: LonLat, b: LonLat) => lineLengthM([a, b]);
const strip = (fs: ImportedNetworkFeature[]): NetworkFeature[] => fs.map(({ sourceIndex: _s, ...f }) => f as NetworkFeature);

async function importFile(name: string, bytes: Uint8Array, options: Partial<ToNetworkOptions> = {}) {
  const preview = await parseNetworkFile(name, bytes);
  const result = toNetworkFeatures(preview, { crs: preview.detectedCrs ?? 'wgs84', ...options });
  return { preview, result, features: strip(result.features) };
}

/** Export to GeoJSON and GeoPackage and read back: names, attributes and positions must survive both. */
async function expectRoundTrip(features: NetworkFeature[]): Promise<void> {
  for (const [name, bytes] of [['back.geojson', utf8(exportGeoJson(features))], ['back.gpkg', exportGpkg(features, '2025-07-30T00:00:00Z')]] as const) {
    const back = (await importFile(name, bytes)).features;
    // A GeoPackage holds a table per layer, so it gives them back layer by layer.
    if (name.endsWith('.gpkg')) features = LAYERS.flatMap((l) => features.filter((f) => f.layer === l));
    expect(back.map((f) => [f.layer, f.properties.name, f.attributes ?? {}]), name).toEqual(features.map((f) => [f.layer, f.properties.name, f.attributes ?? {}]));
    expect(JSON.stringify(back.map((f) => f.geometry)), name).toBe(JSON.stringify(features.map((f) => f.geometry)));
  }
}

const first = (g: NetworkFeature['geometry']): LonLat => (g.type === 'Point' ? (g.coordinates as LonLat) : g.type === 'LineString' ? (g.coordinates[0] as LonLat) : g.type === 'MultiLineString' ? (g.coordinates[0]![0] as LonLat) : [0, 0]);

describe('files offices really have, made from our own network', () => {
  it('CGCS2000 Gauss-Krüger zone 41 shapefile (zone in the easting, NAME_CN, GBK behind a UTF-8 .cpg)', async () => {
    const { preview, result, features } = await importFile('gk.zip', fixture('gk-zone41-shp.zip'));
    expect(preview.detectedCrs).toBe('EPSG:4529');
    expect(preview.warnings.map((w) => w.code)).toContain('cpg_utf8_is_gbk');
    expect(features.map((f) => f.properties.name)).toEqual(['一号支沟', '西大沟']);
    expect(features[0]?.properties).toMatchObject({ kind: 'branch', bottom_width_m: 1.5 });
    expect(features[0]?.attributes).toEqual({ 管理单位: '三合乡水利站' });
    expect(metres(first(features[0]!.geometry), WGS84_POINTS.ditch1[0]!)).toBeLessThan(0.1);
    // Multipart: kept as one feature here, and the warning says it becomes one ditch per part.
    expect(features[1]?.geometry.type).toBe('MultiLineString');
    expect(result.warnings.find((w) => w.code === 'multiline_split')?.message.zh).toContain('2 段');
    await expectRoundTrip(features);
  });

  it('the same network as GDAL writes it to a GeoPackage (EPSG:4529 in gpkg_spatial_ref_sys)', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../fixtures/network/external/ogr2ogr-gk-zone41.gpkg', import.meta.url)));
    const { preview, features } = await importFile('qgis.gpkg', bytes);
    expect(preview.format).toBe('gpkg');
    expect(preview.detectedCrs).toBe('EPSG:4529');
    expect(features.map((f) => f.properties.name)).toEqual(['一号支沟', '西大沟']);
    expect(features[0]?.attributes).toEqual({ 管理单位: '三合乡水利站' });
    expect(metres(first(features[0]!.geometry), WGS84_POINTS.ditch1[0]!)).toBeLessThan(0.1);
  });

  it('Xian 1980 metres in a GeoJSON crs member: datum warned, or shifted with seven parameters', async () => {
    const { preview, result, features } = await importFile('x80.geojson', fixture('xian80-cm123.geojson'));
    expect(preview.detectedCrs).toBe('EPSG:2386');
    expect(result.warnings.find((w) => w.code === 'datum_not_shifted')?.message.zh).toContain('西安80');
    expect(features.map((f) => [f.layer, f.properties.name])).toEqual([['culvert', '5号涵管'], ['ditch', '一号支沟']]);
    expect(features[0]?.properties).toMatchObject({ diameter_m: 0.8 });
    expect(features[1]?.properties.note).toBe('2019年清淤');
    // Without a shift the position is read on the file's own datum: tens of centimetres to metres here, never ~0.
    expect(metres(first(features[0]!.geometry), WGS84_POINTS.culvert5)).toBeLessThan(5);
    const shifted = await importFile('x80.geojson', fixture('xian80-cm123.geojson'), { datumShift: { dx: 24, dy: -123, dz: -94, rx: 0.02, ry: -0.25, rz: -0.13, ppm: 1.1 } });
    expect(shifted.result.warnings.map((w) => w.code)).not.toContain('datum_not_shifted');
    expect(metres(first(shifted.features[0]!.geometry), first(features[0]!.geometry))).toBeGreaterThan(50);
    await expectRoundTrip(features);
  });

  it('Google Earth KML: a long HTML description kept whole as text, an empty placemark skipped by name', async () => {
    const { preview, result, features } = await importFile('ge.kml', fixture('google-earth-long-description.kml'));
    expect(preview.warnings.find((w) => w.code === 'placemark_no_coordinates')?.message.zh).toContain('待补坐标的堵点');
    expect(features.map((f) => f.properties.name)).toEqual(['一号支沟', '3号堵点']);
    const ditch = features[0]!;
    expect(ditch.properties.note?.length).toBeLessThanOrEqual(500);
    expect(ditch.properties.note).not.toContain('<td>');
    expect(String(ditch.attributes?.description_full)).toContain('检查30');
    expect(result.warnings.map((w) => w.code)).toContain('note_shortened');
    expect(features[1]?.properties.note).toBe('秸秆&杂草');
    await expectRoundTrip(features);
  });

  it('a GBK KML declared UTF-8: names read as GBK, with a warning', async () => {
    const { preview, features } = await importFile('gbk.kml', fixture('gbk-declared-utf8.kml'));
    expect(preview.encoding).toBe('gbk');
    expect(preview.warnings.map((w) => w.code)).toContain('declared_utf8_is_gbk');
    expect(features.map((f) => f.properties.name)).toEqual(['一号支沟', '5号涵管']);
  });

  it('a LIBKML KMZ: every linked layer read, attributes of SchemaData kept', async () => {
    const { preview, features } = await importFile('qgis.kmz', fixture('libkml-layers.kmz'));
    expect(preview.counts.bySourceLayer).toEqual({ 沟渠: 1, 涵管: 1 });
    expect(features.map((f) => [f.layer, f.properties.name])).toEqual([['ditch', '一号支沟'], ['culvert', '5号涵管']]);
    expect(features[0]?.attributes).toMatchObject({ 管理单位: '三合乡水利站' });
    await expectRoundTrip(features);
  });

  it('says what a NetworkLink-only KML is', async () => {
    const e = await importError('link.kml', fixture('network-link-only.kml'));
    expect(e.details.reason).toBe('network_link_only');
    expect(e.messageZh).toContain('网络链接');
    expect(e.messageZh).toContain('https://example.org/water/network.kml');
  });

  it('refuses a cut .shp naming every lost record, and (0, 0) naming the feature', async () => {
    const cut = await importError('cut.zip', fixture('bad-damaged-shp.zip'));
    expect(cut.messageZh).toContain('只能读出 10 个图形');
    expect(cut.messageZh).toContain('第 11“11号沟”');
    const preview = await parseNetworkFile('zero.geojson', fixture('bad-null-island.geojson'));
    let zero: unknown;
    try {
      toNetworkFeatures(preview, { crs: 'wgs84' });
    } catch (error) {
      zero = error;
    }
    expect((zero as AppError).code).toBe('import_invalid');
    expect((zero as AppError).messageZh).toMatch(/第 2 个要素“手机未定位”.*\(0, 0\)/);
    expect((zero as AppError).messageEn).toContain('nothing was imported');
  });
});
