/**
 * Writing our network out as GeoJSON, KML or CSV, always WGS84, always readable back by
 * parseNetworkFile + toNetworkFeatures with the suggested mapping to the same features:
 * numbers are written at full precision, empty fields are written too so the mapping finds them.
 */
import type { Position } from 'geojson';
import { AppError } from '../../../../shared/contract/errors';
import type { SimpleGeometry } from '../../../../shared/geo/geometry';
import { geometryToWkt } from '../../../../shared/geo/wkt';
import { DRAINDESK_GENERATOR } from './geojson';
import { DRAINDESK_KML_MARK } from './kml';
import { ALL_FIELDS, enumLabel, FIELD_LABELS, fieldsOf, LAYER_FIELDS, LAYER_LABELS, LAYERS } from './schema';
import type { NetworkFeature, NetworkField, NetworkLayer } from './types';

/** Export formats. */
export type ExportFormat = 'geojson' | 'kml' | 'csv';

/** How CSV carries geometry: a `wkt_wgs84` column (any geometry) or `lon_wgs84`/`lat_wgs84` columns (points only). */
export type CsvGeometry = 'wkt' | 'lonlat';

/** Options for the writers. */
export interface ExportOptions {
  /** KML document name; default "排涝调度台 沟渠网络". */
  documentName?: string;
  /** CSV geometry columns; default 'wkt'. */
  csvGeometry?: CsvGeometry;
}

function valueOf(f: NetworkFeature, field: NetworkField): string | number | null {
  return (f.properties as unknown as Record<string, string | number | null>)[field] ?? null;
}

const RESERVED = new Set<string>(['layer', 'id', 'wkt_wgs84', 'lon_wgs84', 'lat_wgs84']);

/**
 * A feature's kept file attributes as [column name, value]. A name that is one of this layer's own
 * fields (or layer/id/geometry) is written as `<name>_file`; any other name, even another layer's
 * field, reads back as an attribute because only the feature's own layer's fields are mapped.
 */
export function attributeEntries(f: NetworkFeature): [string, string | number | boolean | null][] {
  const own = new Set<string>(fieldsOf(f.layer));
  return Object.entries(f.attributes ?? {}).map(([k, v]) => [RESERVED.has(k) || own.has(k as NetworkField) ? `${k}_file` : k, v]);
}

/** GeoJSON FeatureCollection; each feature carries `properties.layer` and all its layer's fields. */
export function exportGeoJson(features: readonly NetworkFeature[]): string {
  const out = features.map((f) => {
    const properties: Record<string, string | number | null> = { layer: f.layer };
    for (const field of fieldsOf(f.layer)) properties[field] = valueOf(f, field);
    for (const [k, v] of attributeEntries(f)) properties[k] ??= v as string | number | null;
    return { type: 'Feature', ...(f.id !== null ? { id: f.id } : {}), geometry: f.geometry, properties };
  });
  return `${JSON.stringify({ type: 'FeatureCollection', generator: DRAINDESK_GENERATOR, features: out }, null, 1)}\n`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function kmlCoords(ps: readonly Position[]): string {
  return ps.map((p) => `${String(p[0])},${String(p[1])}`).join(' ');
}

function kmlRing(tag: 'outerBoundaryIs' | 'innerBoundaryIs', ring: readonly Position[]): string {
  return `<${tag}><LinearRing><coordinates>${kmlCoords(ring)}</coordinates></LinearRing></${tag}>`;
}

function kmlPolygon(rings: readonly Position[][]): string {
  return `<Polygon>${rings.map((r, i) => kmlRing(i === 0 ? 'outerBoundaryIs' : 'innerBoundaryIs', r)).join('')}</Polygon>`;
}

function kmlGeometry(g: SimpleGeometry): string {
  switch (g.type) {
    case 'Point':
      return `<Point><coordinates>${kmlCoords([g.coordinates])}</coordinates></Point>`;
    case 'LineString':
      return `<LineString><tessellate>1</tessellate><coordinates>${kmlCoords(g.coordinates)}</coordinates></LineString>`;
    case 'Polygon':
      return kmlPolygon(g.coordinates);
    case 'MultiPoint':
      return `<MultiGeometry>${g.coordinates.map((c) => kmlGeometry({ type: 'Point', coordinates: c })).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${g.coordinates.map((c) => kmlGeometry({ type: 'LineString', coordinates: c })).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${g.coordinates.map(kmlPolygon).join('')}</MultiGeometry>`;
  }
}

function kmlData(name: string, label: string, value: string): string {
  return `<Data name="${xml(name)}"><displayName>${xml(label)}</displayName><value>${xml(value)}</value></Data>`;
}

function kmlPlacemark(f: NetworkFeature): string {
  const data = [kmlData('layer', '图层', f.layer)];
  if (f.id !== null) data.push(kmlData('id', '编号', f.id));
  for (const field of fieldsOf(f.layer)) {
    if (field === 'name') continue; // carried by <name>
    const spec = LAYER_FIELDS[f.layer][field];
    const v = valueOf(f, field);
    const text = v === null ? '' : spec?.type === 'enum' ? enumLabel(spec, String(v)) : String(v);
    data.push(kmlData(field, FIELD_LABELS[field].zh, text));
  }
  for (const [k, v] of attributeEntries(f)) data.push(kmlData(k, k, v === null ? '' : String(v)));
  const name = valueOf(f, 'name');
  return [
    '<Placemark>',
    name !== null ? `<name>${xml(String(name))}</name>` : '',
    `<styleUrl>#${f.layer}</styleUrl>`,
    `<ExtendedData>${data.join('')}</ExtendedData>`,
    kmlGeometry(f.geometry),
    '</Placemark>',
  ].join('');
}

// KML colours are aabbggrr.
const STYLES: Record<NetworkLayer, string> = {
  ditch: '<LineStyle><color>ffd08a1e</color><width>3</width></LineStyle>',
  culvert: '<IconStyle><color>ff00a5ff</color></IconStyle>',
  blockage: '<IconStyle><color>ff0000ff</color></IconStyle>',
  area: '<LineStyle><color>ff3c8c3c</color></LineStyle><PolyStyle><color>403c8c3c</color></PolyStyle>',
};

/** KML 2.2 in UTF-8: one Folder per layer (沟渠/涵管/堵点/片区), enum values in Chinese. */
export function exportKml(features: readonly NetworkFeature[], options: ExportOptions = {}): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${DRAINDESK_KML_MARK} export; coordinates WGS84 -->`,
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${xml(options.documentName ?? '排涝调度台 沟渠网络')}</name>`,
    ...LAYERS.map((l) => `<Style id="${l}">${STYLES[l]}</Style>`),
  ];
  for (const layer of LAYERS) {
    const members = features.filter((f) => f.layer === layer);
    if (members.length === 0) continue;
    lines.push(`<Folder><name>${LAYER_LABELS[layer].zh}</name>`, ...members.map(kmlPlacemark), '</Folder>');
  }
  lines.push('</Document>', '</kml>', '');
  return lines.join('\n');
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV in UTF-8 with a BOM (so Excel shows Chinese): columns layer, id, every field of every layer,
 * then `wkt_wgs84` — or `lon_wgs84`, `lat_wgs84` when csvGeometry is 'lonlat', which only points allow.
 */
export function exportCsv(features: readonly NetworkFeature[], options: ExportOptions = {}): string {
  const mode = options.csvGeometry ?? 'wkt';
  if (mode === 'lonlat') {
    const notPoint = features.findIndex((f) => f.geometry.type !== 'Point');
    if (notPoint >= 0) {
      throw new AppError('invalid_input', {
        zh: '经纬度列只能导出点(涵管、堵点);含有线或面时请选择 WKT 格式',
        en: 'lon/lat columns can only hold points (culverts, blockages); choose WKT when exporting lines or polygons',
      }, { feature: notPoint + 1 });
    }
  }
  const geometryHeader = mode === 'wkt' ? ['wkt_wgs84'] : ['lon_wgs84', 'lat_wgs84'];
  // Another layer's field name (a ditch's "status") shares that column; the rest get their own.
  const fieldNames = new Set<string>(ALL_FIELDS);
  const extra = [...new Set(features.flatMap((f) => attributeEntries(f).map(([k]) => k)))].filter((k) => !fieldNames.has(k));
  const rows = [['layer', 'id', ...ALL_FIELDS, ...extra, ...geometryHeader].map(csvCell).join(',')];
  for (const f of features) {
    const own = new Set<string>(fieldsOf(f.layer));
    const attrs = new Map(attributeEntries(f));
    const attr = (k: string) => {
      const v = attrs.get(k);
      return v === undefined || v === null ? null : typeof v === 'boolean' ? String(v) : v;
    };
    const cells = [f.layer, f.id, ...ALL_FIELDS.map((field) => (own.has(field) ? valueOf(f, field) : attr(field))), ...extra.map(attr)];
    const g = f.geometry;
    if (mode === 'wkt') cells.push(geometryToWkt(g));
    else if (g.type === 'Point') cells.push(g.coordinates[0] as number, g.coordinates[1] as number);
    rows.push(cells.map(csvCell).join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** Writes features in a format, with the file extension and MIME type to save it under. */
export function exportNetwork(
  features: readonly NetworkFeature[],
  format: ExportFormat,
  options: ExportOptions = {},
): { text: string; extension: string; mimeType: string } {
  switch (format) {
    case 'geojson':
      return { text: exportGeoJson(features), extension: 'geojson', mimeType: 'application/geo+json' };
    case 'kml':
      return { text: exportKml(features, options), extension: 'kml', mimeType: 'application/vnd.google-earth.kml+xml' };
    case 'csv':
      return { text: exportCsv(features, options), extension: 'csv', mimeType: 'text/csv' };
  }
}
