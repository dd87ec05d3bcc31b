/**
 * Reading CSV: points from longitude/latitude columns (lon/lng/longitude/经度/x and
 * lat/latitude/纬度/y), or any geometry from a WKT column. UTF-8 with or without BOM, UTF-16
 * (Excel "Unicode text"), or GBK. CSV does not say its coordinate system unless a column name does.
 */
import type { Bilingual } from '../../../../shared/contract/errors';
import type { Crs } from '../../../../shared/geo/crs';
import { WktError, wktToGeometry } from '../../../../shared/geo/wkt';
import { parseCoordinateText } from './coordinate-text';
import { readCsvRecords, UnclosedQuoteError } from '../csvRecords';
import { importInvalid } from './errors';
import { normalizeFeatures, type RawFeature } from './normalize';
import { looksLikeOvital } from './ovital';
import type { ReadResult } from './preview';
import { decodeText } from './text';
import type { Warnings } from './warnings';
import { settleCrs } from './settleCrs';

const LON_NAMES = ['lon', 'lng', 'long', 'longitude', '经度', 'x', '东经', 'x坐标', 'point_x'];
const LAT_NAMES = ['lat', 'latitude', '纬度', 'y', '北纬', 'y坐标', 'point_y'];
const WKT_NAMES = ['wkt', 'geometry', 'geom', 'the_geom', 'shape', '几何', 'wkt_geom'];

// A column named e.g. "经度(GCJ02)" or "lon_wgs84" says which system it is in.
const CRS_TAGS: [RegExp, Crs][] = [
  [/gcj[-_]?02|火星|高德|gaode|amap/i, 'gcj02'],
  [/bd[-_]?09|百度|baidu/i, 'bd09'],
  [/wgs[-_]?84|cgcs[-_]?2000|gps|天地图/i, 'wgs84'],
];

/** A header name without units, brackets and system tags, lower-cased. */
function bareName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/[-_\s]*(wgs[-_]?84|gcj[-_]?02|bd[-_]?09|cgcs[-_]?2000)$/i, '')
    .replace(/[\s°]+/g, '');
}

function crsTag(name: string): Crs | null {
  for (const [re, crs] of CRS_TAGS) if (re.test(name)) return crs;
  return null;
}

/** Unique, non-empty header names. */
function headerNames(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const name = raw.trim() || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

/** One CSV row and the line it starts on. */
interface CsvRow {
  line: number;
  cells: string[];
}

function lineLabel(line: number): Bilingual {
  return { zh: `第 ${line} 行`, en: `line ${line}` };
}

interface Columns {
  lon: number;
  lat: number;
  wkt: number;
}

function findColumns(fileName: string, names: readonly string[]): Columns {
  const find = (list: readonly string[]) => names.findIndex((n) => list.includes(bareName(n)));
  const cols = { lon: find(LON_NAMES), lat: find(LAT_NAMES), wkt: find(WKT_NAMES) };
  if (cols.wkt < 0 && (cols.lon < 0 || cols.lat < 0)) {
    const shown = names.slice(0, 12).join(', ');
    throw importInvalid(
      fileName,
      'no_coordinate_columns',
      {
        zh: `找不到经纬度列。表头是:${shown}。需要“经度”“纬度”两列(或 lon/lat、x/y),或一列 WKT`,
        en: `no coordinate columns found. The header is: ${shown}. It needs longitude and latitude columns (经度/纬度, lon/lat, x/y) or a WKT column`,
      },
      { header: names },
    );
  }
  return cols;
}

/** Chinese survey tables often name northing X: if "lon" holds latitudes and "lat" longitudes (in China), swap. */
function swapped(rows: readonly CsvRow[], cols: Columns): boolean {
  if (cols.lon < 0 || cols.lat < 0 || rows.length === 0) return false;
  let seen = 0;
  for (const r of rows) {
    const lon = parseCoordinateText(r.cells[cols.lon] ?? '');
    const lat = parseCoordinateText(r.cells[cols.lat] ?? '');
    if (Number.isNaN(lon) || Number.isNaN(lat)) continue;
    if (!(lon >= 0.8 && lon <= 56 && lat >= 72 && lat <= 138)) return false;
    seen++;
  }
  return seen > 0;
}

function detectCrs(fileName: string, names: readonly string[], cols: Columns): { crs: Crs | null; reason: Bilingual } {
  const used = [cols.lon, cols.lat, cols.wkt].filter((i) => i >= 0).map((i) => names[i] as string);
  for (const name of used) {
    const crs = crsTag(name);
    if (crs) return { crs, reason: { zh: `坐标列名“${name}”写明了坐标系`, en: `the coordinate column name "${name}" says which system it is` } };
  }
  if (looksLikeOvital(fileName, '')) {
    return {
      crs: 'gcj02',
      reason: { zh: '文件名显示来自奥维互动地图:奥维 9.3 及以后导出的 CSV 为 GCJ-02', en: 'the file name shows it came from Ovital, whose CSV exports since v9.3 are GCJ-02' },
    };
  }
  return {
    crs: null,
    reason: {
      zh: 'CSV 文件不记录坐标系,请选择:GPS/天地图为 WGS84,高德/奥维 9.3 及以后为 GCJ-02,百度为 BD-09',
      en: 'a CSV does not record its coordinate system; choose: GPS/Tianditu is WGS84, Gaode/AMap and Ovital 9.3+ GCJ-02, Baidu BD-09',
    },
  };
}

/** Parses CSV bytes into point (or WKT) features. */
export function readCsv(fileName: string, bytes: Uint8Array, warnings: Warnings): ReadResult {
  const { text, encoding } = decodeText(bytes, fileName, null, warnings);
  let rows: CsvRow[];
  try {
    // Blank lines are no rows here; a row is named by the line it starts on.
    rows = readCsvRecords(text)
      .filter((r) => r.fields.length > 1 || (r.fields[0] ?? '').trim() !== '')
      .map((r) => ({ line: r.firstLine, cells: r.fields }));
  } catch (error) {
    if (!(error instanceof UnclosedQuoteError)) throw error;
    throw importInvalid(fileName, 'bad_csv', { zh: `第 ${error.line} 行的引号没有闭合,文件可能不完整`, en: `the quote opened on line ${error.line} is never closed; the file may be incomplete` }, { line: error.line });
  }
  const [header, ...data] = rows;
  if (!header) throw importInvalid(fileName, 'empty', { zh: '文件是空的', en: 'the file is empty' });
  const names = headerNames(header.cells);
  const cols = findColumns(fileName, names);
  const swap = swapped(data, cols);
  if (swap) {
    warnings.note('lon_lat_swapped', { zh: '经度列里是纬度、纬度列里是经度(测量上 X 常指北向),已自动对调', en: 'the longitude column holds latitudes and vice versa (surveyors often call northing X); swapped' });
  }
  const problems: { line: number; message: Bilingual }[] = [];
  const raw: RawFeature[] = [];
  for (const row of data) {
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const properties: Record<string, unknown> = {};
    names.forEach((name, i) => {
      if (i !== cols.lon && i !== cols.lat && i !== cols.wkt) properties[name] = cell(i);
    });
    let geometry: unknown;
    if (cell(cols.wkt) !== '') {
      try {
        geometry = wktToGeometry(cell(cols.wkt));
      } catch (error) {
        const message = error instanceof WktError ? error.message : String(error);
        problems.push({ line: row.line, message: { zh: `WKT 无法读取(${message})`, en: `the WKT cannot be read (${message})` } });
        continue;
      }
    } else {
      const lonText = cell(swap ? cols.lat : cols.lon);
      const latText = cell(swap ? cols.lon : cols.lat);
      if (lonText === '' || latText === '') {
        problems.push({ line: row.line, message: { zh: '缺少经度或纬度', en: 'the longitude or latitude is missing' } });
        continue;
      }
      const lon = parseCoordinateText(lonText);
      const lat = parseCoordinateText(latText);
      if (Number.isNaN(lon) || Number.isNaN(lat)) {
        const bad = Number.isNaN(lon) ? lonText : latText;
        problems.push({ line: row.line, message: { zh: `坐标“${bad}”不是数字`, en: `the coordinate "${bad}" is not a number` } });
        continue;
      }
      geometry = { type: 'Point', coordinates: [lon, lat] };
    }
    raw.push({ geometry, properties, where: lineLabel(row.line) });
  }
  if (problems.length > 0) {
    const first = problems[0] as (typeof problems)[number];
    const more = problems.length > 1 ? { zh: `;共 ${problems.length} 行有问题`, en: `; ${problems.length} lines have problems` } : { zh: '', en: '' };
    throw importInvalid(
      fileName,
      'bad_coordinates',
      { zh: `第 ${first.line} 行:${first.message.zh}${more.zh}`, en: `line ${first.line}: ${first.message.en}${more.en}` },
      { line: first.line, problems: problems.slice(0, 100) },
    );
  }
  const crs = settleCrs(detectCrs(fileName, names, cols), raw.map((r) => r.geometry));
  const features = normalizeFeatures(raw, fileName, warnings, { ranges: crs.ranges });
  return { format: 'csv', encoding, detectedCrs: crs.crs, crsReason: crs.reason, features };
}
