/**
 * Reading a GeoPackage (what QGIS saves by default): a SQLite file, opened in memory and read-only
 * with better-sqlite3 (nothing of it touches the disk), every feature table listed in
 * gpkg_contents, its coordinate system from gpkg_spatial_ref_sys (EPSG code, else its WKT) and its
 * attributes under their own names. A damaged file or table is refused, naming it.
 */
import Database from 'better-sqlite3';
import type { Geometry, Position } from 'geojson';
import type { Bilingual } from '../../../../shared/contract/errors';
import { projectedSystem } from '../../../../shared/geo/projected';
import { importInvalid } from './errors';
import { readGpkgGeometry } from './gpkgGeometry';
import { normalizeFeatures, type RawFeature } from './normalize';
import type { ReadResult } from './preview';
import { readPrj } from './prj';
import { settleCrs, type CrsFinding } from './settleCrs';
import type { Warnings } from './warnings';

/** True for the SQLite header every GeoPackage starts with. */
export function isSqlite(bytes: Uint8Array): boolean {
  return bytes.length >= 100 && new TextDecoder('latin1').decode(bytes.subarray(0, 16)) === 'SQLite format 3\u0000';
}

interface SrsRow {
  srs_id: number;
  organization: string | null;
  organization_coordsys_id: number | null;
  definition: string | null;
}

/** Our reading of one srs_id. */
function crsOf(srs: SrsRow | undefined, table: string): CrsFinding {
  const reason = (zh: string, en: string): Bilingual => ({ zh: `图层 ${table} ${zh}`, en: `layer ${table} ${en}` });
  if (!srs || srs.srs_id === -1 || srs.srs_id === 0) {
    return { crs: null, reason: reason('没有写明坐标系,请选择', 'does not say its coordinate system; choose it') };
  }
  const code = srs.organization?.toUpperCase() === 'EPSG' ? srs.organization_coordsys_id : null;
  if (code === 4326 || code === 4490 || code === 4610 || code === 4214) {
    return { crs: 'wgs84', declared: true, reason: reason(`为地理坐标 EPSG:${code},按 WGS84/CGCS2000 读取`, `is geographic EPSG:${code}; read as WGS84/CGCS2000`) };
  }
  const system = code !== null ? projectedSystem(`EPSG:${code}`) : undefined;
  if (system) return { crs: system.code, reason: reason(`为 ${system.label.zh}(${system.code}),按此换算为经纬度`, `is ${system.label.en} (${system.code}); converted to lon/lat`) };
  const prj = srs.definition ? readPrj(srs.definition) : { kind: 'unknown' as const, text: '' };
  if (prj.kind === 'projected') return { crs: prj.crs, declared: true, reason: reason(prj.reason.zh, prj.reason.en) };
  if (prj.kind === 'geographic') return { crs: prj.crs, declared: true, reason: reason(prj.reason.zh, prj.reason.en) };
  return { crs: null, reason: reason(`的坐标系(srs_id ${srs.srs_id})无法识别,请选择`, `has a coordinate system we do not recognise (srs_id ${srs.srs_id}); choose it`) };
}

/** QGIS and GDAL store every line layer as MultiLineString: one part is one line. */
function singlePart(g: Geometry | null): Geometry | null {
  if (g?.type === 'MultiLineString' && g.coordinates.length === 1) return { type: 'LineString', coordinates: g.coordinates[0] as Position[] };
  if (g?.type === 'MultiPolygon' && g.coordinates.length === 1) return { type: 'Polygon', coordinates: g.coordinates[0] as Position[][] };
  if (g?.type === 'MultiPoint' && g.coordinates.length === 1) return { type: 'Point', coordinates: g.coordinates[0] as Position };
  return g;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Parses a GeoPackage's feature tables into normalized features. */
export function readGpkg(fileName: string, bytes: Uint8Array, warnings: Warnings, sqliteBinding?: string): ReadResult {
  let db: Database.Database;
  try {
    db = new Database(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { readonly: true, ...(sqliteBinding ? { nativeBinding: sqliteBinding } : {}) });
  } catch (cause) {
    throw importInvalid(fileName, 'bad_gpkg', { zh: 'GeoPackage 文件已损坏,无法打开', en: 'the GeoPackage is damaged and cannot be opened' }, { cause: String(cause) });
  }
  try {
    const raw: RawFeature[] = [];
    let finding: CrsFinding | null = null;
    let tables: { table_name: string; column_name: string; srs_id: number }[];
    let srsRows: SrsRow[];
    try {
      tables = db.prepare(`SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.rowid`).all() as typeof tables;
      srsRows = db.prepare('SELECT srs_id, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys').all() as SrsRow[];
    } catch (cause) {
      throw importInvalid(fileName, 'bad_gpkg', { zh: '这是 SQLite 数据库,但不是 GeoPackage(缺少 gpkg_contents 等表)', en: 'this is a SQLite database but not a GeoPackage (no gpkg_contents and related tables)' }, { cause: String(cause) });
    }
    if (tables.length === 0) {
      throw importInvalid(fileName, 'no_features', { zh: 'GeoPackage 里没有要素图层(只有栅格或属性表)', en: 'the GeoPackage holds no feature layer (only tiles or attribute tables)' });
    }
    const srs = new Map(srsRows.map((s) => [s.srs_id, s]));
    for (const t of tables) {
      const here = crsOf(srs.get(t.srs_id), t.table_name);
      if (finding === null) finding = here;
      else if (finding.crs !== here.crs) {
        warnings.note('gpkg_mixed_crs', { zh: `图层 ${t.table_name} 的坐标系与第一个图层不同,全部按第一个图层的坐标系读取;请分开导入`, en: `layer ${t.table_name} has another coordinate system than the first layer; all were read in the first one's — import them separately` });
      }
      let rows: Record<string, unknown>[];
      try {
        rows = db.prepare(`SELECT * FROM ${quoteIdent(t.table_name)}`).all() as Record<string, unknown>[];
      } catch (cause) {
        throw importInvalid(fileName, 'bad_gpkg', { zh: `图层 ${t.table_name} 已损坏,无法读取`, en: `layer ${t.table_name} is damaged and cannot be read` }, { cause: String(cause) });
      }
      rows.forEach((row, i) => {
        const where = { zh: `图层 ${t.table_name} 第 ${i + 1} 条`, en: `layer ${t.table_name} row ${i + 1}` };
        const blob = row[t.column_name];
        let geometry: unknown = null;
        if (blob instanceof Uint8Array) {
          try {
            geometry = singlePart(readGpkgGeometry(blob));
          } catch (cause) {
            throw importInvalid(fileName, 'bad_coordinates', { zh: `${where.zh}的几何已损坏(${String(cause)})`, en: `${where.en} has a damaged geometry (${String(cause)})` });
          }
        }
        const properties: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(row)) {
          if (k === t.column_name || k === 'fid') continue;
          properties[k] = v instanceof Uint8Array ? null : v;
        }
        raw.push({ geometry, properties, where, id: typeof row.uuid === 'string' ? row.uuid : null, sourceLayer: t.table_name });
      });
    }
    const settled = settleCrs(finding as CrsFinding, raw.map((r) => r.geometry));
    const features = normalizeFeatures(raw, fileName, warnings, { ranges: settled.ranges });
    return { format: 'gpkg', encoding: 'utf-8', detectedCrs: settled.crs, crsReason: settled.reason, features };
  } finally {
    db.close();
  }
}
