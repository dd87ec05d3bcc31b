/**
 * The step every format shares: raw GeoJSON-like features → NormalizedFeature. Checks each
 * geometry (a file with a bad coordinate fails as a whole, naming the feature: no partial import),
 * flattens KML MultiGeometry, and flattens property values to scalars.
 */
import type { Geometry } from 'geojson';
import type { Bilingual } from '../../../../shared/contract/errors';
import { geometryKind, isSimpleGeometryType, type GeometryKind, type SimpleGeometry } from '../../../../shared/geo/geometry';
import { validateGeometry } from '../../../../shared/geo/validate';
import { importInvalid } from './errors';
import type { NormalizedFeature, PropertyValue } from './types';
import type { Warnings } from './warnings';

/** A feature as a format reader hands it over. */
export interface RawFeature {
  geometry: unknown;
  properties: Record<string, unknown> | null | undefined;
  id?: unknown;
  where: Bilingual;
  folderPath?: string[];
  sourceLayer?: string | null;
}

/** Problems listed in AppError.details, at most. */
const MAX_LISTED_PROBLEMS = 100;

function dateText(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** One property value as a scalar: nested objects become JSON text, dates YYYY-MM-DD. */
export function toPropertyValue(value: unknown): PropertyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return dateText(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function idText(id: unknown): string | null {
  if (typeof id === 'string' && id.trim() !== '') return id.trim();
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return null;
}

/** Members of a (possibly nested) GeometryCollection, flattened. */
function members(g: Geometry): SimpleGeometry[] {
  return g.type === 'GeometryCollection' ? g.geometries.flatMap(members) : [g];
}

/** Merges same-kind members into one Multi* geometry. */
function merge(kind: GeometryKind, parts: SimpleGeometry[]): SimpleGeometry {
  if (parts.length === 1) return parts[0] as SimpleGeometry;
  if (kind === 'point') {
    return { type: 'MultiPoint', coordinates: parts.flatMap((p) => (p.type === 'Point' ? [p.coordinates] : p.type === 'MultiPoint' ? p.coordinates : [])) };
  }
  if (kind === 'line') {
    return { type: 'MultiLineString', coordinates: parts.flatMap((p) => (p.type === 'LineString' ? [p.coordinates] : p.type === 'MultiLineString' ? p.coordinates : [])) };
  }
  return { type: 'MultiPolygon', coordinates: parts.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : p.type === 'MultiPolygon' ? p.coordinates : [])) };
}

/** KML MultiGeometry arrives as a GeometryCollection: one Multi* if all parts agree, else one feature per kind. */
function splitCollection(g: Geometry): SimpleGeometry[] {
  const parts = members(g);
  const kinds = [...new Set(parts.map(geometryKind))];
  return kinds.map((kind) => merge(kind, parts.filter((p) => geometryKind(p) === kind)));
}

function folderKey(properties: Record<string, PropertyValue>): string {
  return 'folder' in properties ? 'kml_folder' : 'folder';
}

/**
 * Turns raw features into NormalizedFeatures numbered from 1. Features without geometry are
 * skipped with a warning; any invalid geometry throws import_invalid listing every problem found.
 */
export function normalizeFeatures(raw: readonly RawFeature[], fileName: string, warnings: Warnings, options: { ranges?: boolean } = {}): NormalizedFeature[] {
  const problems: { where: Bilingual; message: Bilingual; path: string }[] = [];
  let problemCount = 0;
  const out: NormalizedFeature[] = [];
  for (const r of raw) {
    if (r.geometry === null || r.geometry === undefined) {
      warnings.add('no_geometry', (n) => ({ zh: `${n} 个要素没有坐标,已跳过`, en: `${n} feature(s) have no geometry and were skipped` }));
      continue;
    }
    const found = validateGeometry(r.geometry, 'geometry', { ranges: options.ranges ?? true });
    if (found.length > 0) {
      problemCount += found.length;
      for (const p of found) if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ where: r.where, message: p.message, path: p.path });
      continue;
    }
    const geometry = r.geometry as Geometry;
    const parts: SimpleGeometry[] = geometry.type === 'GeometryCollection' ? splitCollection(geometry) : [geometry];
    if (geometry.type === 'GeometryCollection' && parts.length > 1) {
      warnings.add('mixed_geometry', (n) => ({ zh: `${n} 个要素同时含点、线或面,已按类型拆开`, en: `${n} feature(s) mixed points, lines or polygons and were split by type` }));
    }
    const properties: Record<string, PropertyValue> = {};
    for (const [key, value] of Object.entries(r.properties ?? {})) properties[key] = toPropertyValue(value);
    const folderPath = r.folderPath ?? [];
    if (folderPath.length > 0) properties[folderKey(properties)] = folderPath.join('/');
    parts.forEach((part, i) => {
      if (!isSimpleGeometryType(part.type)) return;
      const where = parts.length > 1 ? { zh: `${r.where.zh}第 ${i + 1} 部分`, en: `${r.where.en} part ${i + 1}` } : r.where;
      out.push({
        index: out.length + 1,
        where,
        id: idText(r.id),
        geometry: part,
        kind: geometryKind(part),
        properties: parts.length > 1 ? { ...properties } : properties,
        folderPath,
        sourceLayer: r.sourceLayer ?? null,
        suggestedLayer: 'ditch',
      });
    });
  }
  if (problems.length > 0) {
    const first = problems[0] as (typeof problems)[number];
    const more = problemCount > 1 ? { zh: `;共 ${problemCount} 处坐标问题`, en: `; ${problemCount} coordinate problems in all` } : { zh: '', en: '' };
    throw importInvalid(
      fileName,
      'bad_coordinates',
      { zh: `${first.where.zh}:${first.message.zh}${more.zh}`, en: `${first.where.en}: ${first.message.en}${more.en}` },
      { problems: problems.map((p) => ({ where: p.where, path: p.path, message: p.message })), problemCount },
    );
  }
  return out;
}
