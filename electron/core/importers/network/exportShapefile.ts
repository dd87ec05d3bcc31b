/**
 * A zipped Shapefile of the network, one shapefile per layer (ditches.shp …), WGS84 with its .prj,
 * text in GBK by default (what Chinese ArcGIS/SuperMap expect, .cpg "GBK") or UTF-8. dBASE limits
 * are real: names of 10 bytes (made unique), text cells of 254 bytes (cut at a character, with a
 * count in `warnings`). Multi-lines and polygons keep their parts; outer rings are written
 * clockwise and holes counter-clockwise, as the format requires.
 */
import type { Position } from 'geojson';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import type { Bilingual } from '../../../../shared/contract/errors';
import type { SimpleGeometry } from '../../../../shared/geo/geometry';
import { layerTables, type CellOut } from './exportColumns';
import { LAYERS } from './schema';
import { writeShapefile, type DbfColumn, type ShapeType } from './shapefileWriter';
import type { NetworkFeature, NetworkLayer } from './types';

/** Text encodings a Shapefile export writes. */
export type ShapefileEncoding = 'gbk' | 'utf-8';

const FILE_NAMES: Record<NetworkLayer, string> = { ditch: 'ditches', culvert: 'culverts', blockage: 'blockages', area: 'areas' };
const SHAPE: Record<NetworkLayer, ShapeType> = { ditch: 'polyline', culvert: 'point', blockage: 'point', area: 'polygon' };
const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const TEXT_BYTES = 254;

function signedArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += (ring[i]![0]! * ring[i + 1]![1]!) - (ring[i + 1]![0]! * ring[i]![1]!);
  return a / 2;
}

function oriented(ring: Position[], clockwise: boolean): [number, number][] {
  const pts = ring.map((p) => [p[0] as number, p[1] as number] as [number, number]);
  return (signedArea(ring) < 0) === clockwise ? pts : pts.reverse();
}

/** A geometry as shapefile parts. */
function parts(g: SimpleGeometry): [number, number][][] {
  switch (g.type) {
    case 'Point':
      return [[[g.coordinates[0] as number, g.coordinates[1] as number]]];
    case 'LineString':
      return [g.coordinates.map((p) => [p[0] as number, p[1] as number])];
    case 'MultiLineString':
      return g.coordinates.map((l) => l.map((p) => [p[0] as number, p[1] as number]));
    case 'Polygon':
      return g.coordinates.map((r, i) => oriented(r, i === 0));
    case 'MultiPolygon':
      return g.coordinates.flatMap((poly) => poly.map((r, i) => oriented(r, i === 0)));
    case 'MultiPoint':
      return [g.coordinates.slice(0, 1).map((p) => [p[0] as number, p[1] as number])];
  }
}

/** dBASE names: at most 10 bytes in the encoding, unique within the table. */
function dbfNames(names: readonly string[], encode: (t: string) => Uint8Array): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let cut = name;
    while (encode(cut).length > 10) cut = cut.slice(0, -1);
    let unique = cut;
    for (let n = 1; used.has(unique.toLowerCase()); n++) {
      const suffix = `_${n}`;
      let base = cut;
      while (encode(base + suffix).length > 10) base = base.slice(0, -1);
      unique = base + suffix;
    }
    used.add(unique.toLowerCase());
    return unique;
  });
}

/** A zip of one shapefile per layer, and what had to be shortened. */
export function exportShapefileZip(features: readonly NetworkFeature[], encoding: ShapefileEncoding = 'gbk'): { bytes: Uint8Array; warnings: Bilingual[] } {
  const encode = (t: string) => new Uint8Array(encoding === 'gbk' ? iconv.encode(t, 'gbk') : Buffer.from(t, 'utf8'));
  const files: Record<string, Uint8Array> = {};
  let cut = 0;
  const renamed = new Set<string>();
  for (const table of layerTables(features, LAYERS, true)) {
    const names = dbfNames(['id', ...table.fields, ...table.attributes], encode);
    // Our own names cut to 10 characters are recognised on import; a file attribute's is not.
    table.attributes.forEach((a, i) => {
      const written = names[1 + table.fields.length + i];
      if (written !== a) renamed.add(`${a} → ${written ?? ''}`);
    });
    const records = table.rows.map((r) => [r.feature.id, ...r.values]);
    const columns: DbfColumn[] = names.map((name, i) => {
      const values = records.map((rec) => rec[i] ?? null);
      const numeric = values.every((v) => v === null || typeof v === 'number');
      if (numeric && values.some((v) => v !== null)) return { name, type: 'N', length: 24, decimals: 10 };
      const longest = Math.max(1, ...values.map((v) => (v === null ? 0 : encode(String(v)).length)));
      return { name, type: 'C', length: Math.min(TEXT_BYTES, longest) };
    });
    const fitted = records.map((rec) =>
      rec.map((v: CellOut, i) => {
        if (typeof v !== 'string' || columns[i]?.type !== 'C') return v;
        if (encode(v).length <= TEXT_BYTES) return v;
        cut++;
        let s = v;
        while (encode(s).length > TEXT_BYTES) s = s.slice(0, -1);
        return s;
      }),
    );
    const base = FILE_NAMES[table.layer];
    const written = writeShapefile({ type: SHAPE[table.layer], shapes: table.rows.map((r) => parts(r.feature.geometry)), columns, records: fitted, encode, languageDriver: encoding === 'gbk' ? 0x4d : 0 });
    files[`${base}.shp`] = written.shp;
    files[`${base}.shx`] = written.shx;
    files[`${base}.dbf`] = written.dbf;
    files[`${base}.prj`] = Buffer.from(WGS84_PRJ);
    files[`${base}.cpg`] = Buffer.from(encoding === 'gbk' ? 'GBK' : 'UTF-8');
  }
  const warnings: Bilingual[] = [];
  if (cut > 0) warnings.push({ zh: `Shapefile 的文字最长 254 字节,${cut} 个较长的值(如说明)已截短;完整内容请导出 GeoPackage 或 GeoJSON`, en: `Shapefile text holds at most 254 bytes; ${cut} longer value(s) (such as descriptions) were cut; export GeoPackage or GeoJSON for the full text` });
  if (renamed.size > 0) {
    const list = [...renamed].slice(0, 5).join('、');
    warnings.push({ zh: `Shapefile 的字段名最长 10 字节,${renamed.size} 个属性名已缩短(${list});完整名称请导出 GeoPackage,或选 GBK 编码(汉字占 2 字节)`, en: `Shapefile field names hold at most 10 bytes; ${renamed.size} attribute name(s) were shortened (${list}); export GeoPackage for full names, or choose GBK (2 bytes per Chinese character)` });
  }
  return { bytes: zipSync(files, { level: 6 }), warnings };
}
