/**
 * Reading GeoJSON: a FeatureCollection, one Feature, a bare geometry, or an array of Features.
 * RFC 7946 says WGS84; an old-style `crs` member naming a projected system is refused.
 */
import type { Bilingual } from '../../../../shared/contract/errors';
import { projectedSystem } from '../../../../shared/geo/projected';
import { checkJsonDepth } from './depthGuard';
import { importInvalid } from './errors';
import { jsonErrorOffset } from './json-position';
import { normalizeFeatures, type RawFeature } from './normalize';
import type { ReadResult } from './preview';
import { settleCrs, type CrsFinding } from './settleCrs';
import { decodeText } from './text';
import type { Warnings } from './warnings';

/** What our own GeoJSON export writes at the top, so re-import knows the file. */
export const DRAINDESK_GENERATOR = 'DrainDesk 排涝调度台';

/** Line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function jsonError(fileName: string, text: string, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  const offset = jsonErrorOffset(text);
  const { line, column } = offset === null ? { line: undefined, column: undefined } : lineColumn(text, offset);
  const at: Bilingual = line ? { zh: `第 ${line} 行第 ${column} 列附近`, en: ` near line ${line}, column ${column}` } : { zh: '', en: '' };
  // JavaScript writes NaN/Infinity for broken numbers; JSON has no such thing.
  const nan = offset === null ? null : /^-?(NaN|Infinity)/.exec(text.slice(offset, offset + 9));
  if (nan) {
    throw importInvalid(
      fileName,
      'bad_coordinates',
      { zh: `第 ${line} 行含有 ${nan[0]},不是有效的坐标数字`, en: `line ${line} contains ${nan[0]}, which is not a valid coordinate number` },
      { line },
    );
  }
  if (offset !== null && offset >= text.trimEnd().length) {
    throw importInvalid(fileName, 'bad_json', { zh: `JSON 不完整,文件可能被截断(在第 ${line} 行结束)`, en: `the JSON is incomplete; the file may be truncated (it ends at line ${line})` }, { line });
  }
  throw importInvalid(fileName, 'bad_json', { zh: `不是有效的 JSON:${at.zh}格式错误`, en: `not valid JSON: syntax error${at.en}` }, { line, column, cause: message });
}

function notGeoJson(fileName: string, what: Bilingual): never {
  throw importInvalid(fileName, 'not_geojson', what);
}

/** What an old-style `crs` member says: a geographic system we read as WGS84, a projected one by its EPSG code. */
function crsMember(crs: unknown, warnings: Warnings): CrsFinding | null {
  if (crs === undefined || crs === null) return null;
  const name = String((crs as { properties?: { name?: unknown } }).properties?.name ?? '');
  if (/CRS84|EPSG:{1,2}(4326|4490|4214|4610)\b/i.test(name)) {
    return { crs: 'wgs84', declared: true, reason: { zh: `文件声明坐标系为 ${name},按 WGS84/CGCS2000 经纬度读取`, en: `the file declares ${name}; read as WGS84/CGCS2000 lon/lat` } };
  }
  const system = projectedSystem(name);
  if (system) {
    return { crs: system.code, reason: { zh: `文件的 crs 声明为 ${system.label.zh}(${system.code}),按此换算为经纬度`, en: `the file's crs member names ${system.label.en} (${system.code}); converted to lon/lat` } };
  }
  warnings.note('unknown_crs_member', { zh: `文件声明的坐标系“${name}”无法识别,请确认坐标系`, en: `the file declares the coordinate system "${name}", which we do not recognise; check the system` });
  return null;
}

function where(i: number, properties: unknown): Bilingual {
  const name = (properties as { name?: unknown } | null)?.name;
  const label = typeof name === 'string' && name.trim() !== '' ? `“${name.trim()}”` : '';
  return { zh: `第 ${i + 1} 个要素${label}`, en: `feature ${i + 1}${label ? ` "${name as string}"` : ''}` };
}

function toRaw(fileName: string, feature: unknown, i: number): RawFeature {
  if (typeof feature !== 'object' || feature === null || (feature as { type?: unknown }).type !== 'Feature') {
    throw importInvalid(fileName, 'not_geojson', { zh: `第 ${i + 1} 个要素不是 GeoJSON Feature`, en: `feature ${i + 1} is not a GeoJSON Feature` }, { feature: i + 1 });
  }
  const f = feature as { geometry?: unknown; properties?: unknown; id?: unknown };
  if (!('geometry' in f)) {
    throw importInvalid(fileName, 'bad_coordinates', { zh: `${where(i, f.properties).zh}缺少 geometry(坐标)`, en: `${where(i, f.properties).en} has no geometry member` }, { feature: i + 1 });
  }
  const properties = typeof f.properties === 'object' && f.properties !== null && !Array.isArray(f.properties) ? (f.properties as Record<string, unknown>) : {};
  const layer = properties.layer;
  return { geometry: f.geometry, properties, id: f.id, where: where(i, properties), sourceLayer: typeof layer === 'string' ? layer : null };
}

/** Parses GeoJSON bytes into normalized features (coordinates as in the file). */
export function readGeoJson(fileName: string, bytes: Uint8Array, warnings: Warnings): ReadResult {
  const { text, encoding } = decodeText(bytes, fileName, null, warnings);
  checkJsonDepth(fileName, text);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    jsonError(fileName, text, error);
  }
  if (typeof doc !== 'object' || doc === null) {
    notGeoJson(fileName, { zh: 'JSON 内容不是 GeoJSON 对象', en: 'the JSON is not a GeoJSON object' });
  }
  let list: unknown[];
  const top = doc as { type?: unknown; features?: unknown; crs?: unknown; generator?: unknown };
  if (Array.isArray(doc)) list = doc;
  else if (top.type === 'FeatureCollection') {
    if (!Array.isArray(top.features)) notGeoJson(fileName, { zh: 'FeatureCollection 缺少 features 数组', en: 'the FeatureCollection has no features array' });
    list = top.features;
  } else if (top.type === 'Feature') list = [doc];
  else if (typeof top.type === 'string' && /^(Multi)?(Point|LineString|Polygon)$|^GeometryCollection$/.test(top.type)) {
    list = [{ type: 'Feature', geometry: doc, properties: {} }];
  } else {
    notGeoJson(fileName, { zh: `JSON 不是 GeoJSON(type 为 ${JSON.stringify(top.type ?? null)})`, en: `the JSON is not GeoJSON (type is ${JSON.stringify(top.type ?? null)})` });
  }
  const declared = Array.isArray(doc) ? null : crsMember(top.crs, warnings);
  const ours = typeof top.generator === 'string' && top.generator.includes('DrainDesk');
  const raw = list.map((f, i) => toRaw(fileName, f, i));
  const standard: CrsFinding = ours
    ? { crs: 'wgs84', declared: true, reason: { zh: '本软件导出的 GeoJSON,坐标为 WGS84', en: 'a GeoJSON exported by DrainDesk, in WGS84' } }
    : { crs: 'wgs84', reason: { zh: 'GeoJSON 标准(RFC 7946)规定为 WGS84;如果数据来自高德或百度,请改选 GCJ-02 或 BD-09', en: 'GeoJSON is WGS84 by its standard (RFC 7946); if the data came from Gaode/AMap or Baidu, choose GCJ-02 or BD-09' } };
  const settled = settleCrs(declared ?? standard, raw.map((r) => r.geometry));
  const features = normalizeFeatures(raw, fileName, warnings, { ranges: settled.ranges });
  return { format: 'geojson', encoding, detectedCrs: settled.crs, crsReason: settled.reason, features };
}
