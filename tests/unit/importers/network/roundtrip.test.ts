import { describe, expect, it } from 'vitest';
import { toNetworkFeatures } from '../../../../electron/core/importers/network/convert';
import { exportCsv, exportGeoJson, exportKml, exportNetwork } from '../../../../electron/core/importers/network/export';
import { parseNetworkFile } from '../../../../electron/core/importers/network/parse';
import type { NetworkFeature } from '../../../../electron/core/importers/network/types';
import { AppError } from '../../../../shared/contract/errors';
import { utf8 } from './helpers';

const NETWORK: NetworkFeature[] = [
  {
    layer: 'ditch',
    id: '0a8f2c1e-1d3b-4c5e-9f70-1234567890ab',
    geometry: { type: 'LineString', coordinates: [[124.20000000007704, 43.400000000052444], [124.21, 43.405], [124.22, 43.408]] },
    properties: { name: '一号支沟', kind: 'branch', village: '三家子村', bottom_width_m: 1.5, depth_m: 1.2, side_slope: 1.5, manning_n: 0.025, slope: 0.0005, condition: 'silted', work: 'cleared', work_date: '2025-07-20', note: '2024 年秋清淤' },
    attributes: { NAME_EN: 'No. 1 branch ditch', 管理单位: '三合乡水利站', status: '在用' },
  },
  {
    layer: 'ditch',
    id: null,
    geometry: { type: 'MultiLineString', coordinates: [[[124.18, 43.39], [124.18, 43.42]], [[124.181, 43.39], [124.182, 43.4]]] },
    properties: { name: '西大沟, "老沟"', kind: 'main', village: null, bottom_width_m: null, depth_m: null, side_slope: null, manning_n: null, slope: null, condition: null, work: null, work_date: null, note: null },
  },
  {
    layer: 'culvert',
    id: 'c-5',
    geometry: { type: 'Point', coordinates: [124.205, 43.4025] },
    properties: { name: '5号涵管', diameter_m: 0.8, length_m: 6, barrels: 2, material: '混凝土', laid_date: '2025-07-12', note: null },
    attributes: { 建设年份: '2019' },
  },
  {
    layer: 'blockage',
    id: 'b-3',
    geometry: { type: 'Point', coordinates: [124.215, 43.4065] },
    properties: { name: '3号堵点', status: 'in_progress', reported_at: '2025-07-28T00:30:00Z', village: '三家子村', note: '涵管口被秸秆堵住\n需钩机 & 人工' },
  },
  {
    layer: 'blockage',
    id: 'b-4',
    geometry: { type: 'Point', coordinates: [124.2185, 43.4102] },
    properties: { name: null, status: null, reported_at: null, village: null, note: null },
  },
  {
    layer: 'area',
    id: 'a-1',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [[124.19, 43.395], [124.23, 43.395], [124.23, 43.415], [124.19, 43.415], [124.19, 43.395]],
        [[124.2, 43.4], [124.2, 43.41], [124.21, 43.41], [124.2, 43.4]],
      ],
    },
    properties: { name: '三家子村片区', kind: 'village', runoff_coefficient: 0.6, note: '含三家子屯' },
  },
];

async function reimport(fileName: string, text: string): Promise<NetworkFeature[]> {
  const preview = await parseNetworkFile(fileName, utf8(text));
  const result = toNetworkFeatures(preview, { crs: preview.detectedCrs ?? 'wgs84', mapping: preview.suggestedMapping });
  return result.features.map(({ sourceIndex: _ignored, ...f }) => f as NetworkFeature);
}

// KML and CSV group rows by layer in the export order; GeoJSON keeps the given order.
const byLayer = (fs: NetworkFeature[]) => ['ditch', 'culvert', 'blockage', 'area'].flatMap((l) => fs.filter((f) => f.layer === l));

describe('export → import round trip', () => {
  it('GeoJSON: exact, detected as our WGS84 export', async () => {
    const text = exportGeoJson(NETWORK);
    const preview = await parseNetworkFile('network.geojson', utf8(text));
    expect(preview.detectedCrs).toBe('wgs84');
    expect(preview.crsReason.en).toContain('DrainDesk');
    expect(preview.suggestedMapping.layer).toBe('layer');
    expect(await reimport('network.geojson', text)).toEqual(NETWORK);
  });

  it('KML: exact, with Chinese folder names and enum labels', async () => {
    const text = exportKml(NETWORK);
    expect(text).toContain('<?xml version="1.0" encoding="UTF-8"?>');
    for (const folder of ['沟渠', '涵管', '堵点', '片区']) expect(text).toContain(`<Folder><name>${folder}</name>`);
    expect(text).toContain('<value>支沟</value>');
    expect(text).toContain('<displayName>底宽(米)</displayName>');
    const preview = await parseNetworkFile('network.kml', utf8(text));
    expect(preview.detectedCrs).toBe('wgs84');
    expect(await reimport('network.kml', text)).toEqual(byLayer(NETWORK));
  });

  it('CSV with WKT: exact, BOM for Excel, WGS84 from the column name', async () => {
    const text = exportCsv(NETWORK);
    expect(text.startsWith('\uFEFFlayer,id,name,kind,village,')).toBe(true);
    expect(text.split('\r\n')[0]?.endsWith(',wkt_wgs84')).toBe(true);
    const preview = await parseNetworkFile('network.csv', utf8(text));
    expect(preview.detectedCrs).toBe('wgs84');
    expect(await reimport('network.csv', text)).toEqual(NETWORK);
  });

  it('CSV with lon/lat columns: exact for points, refused for lines', async () => {
    const pointsOnly = NETWORK.filter((f) => f.geometry.type === 'Point');
    const text = exportCsv(pointsOnly, { csvGeometry: 'lonlat' });
    expect(text.split('\r\n')[0]?.endsWith(',lon_wgs84,lat_wgs84')).toBe(true);
    expect(await reimport('points.csv', text)).toEqual(pointsOnly);
    expect(() => exportCsv(NETWORK, { csvGeometry: 'lonlat' })).toThrow(AppError);
  });

  it('exportNetwork names the extension and MIME type', () => {
    expect(exportNetwork(NETWORK, 'kml')).toMatchObject({ extension: 'kml', mimeType: 'application/vnd.google-earth.kml+xml' });
    expect(exportNetwork(NETWORK, 'geojson').extension).toBe('geojson');
    expect(exportNetwork(NETWORK, 'csv').mimeType).toBe('text/csv');
  });
});
