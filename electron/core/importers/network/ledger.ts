/**
 * Reading the Excel ledger (沟渠台账) and tables like it: each sheet a layer (by its name, or a
 * 图层 column), the first non-blank row the header, positions from a WKT column, start/end lon/lat
 * columns (a straight ditch) or lon/lat columns (a point). The workbook is checked for unpacked
 * size and real cell count before exceljs opens it, and only existing cells are visited.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import { AppError, type Bilingual } from '../../../../shared/contract/errors';
import { WktError, wktToGeometry } from '../../../../shared/geo/wkt';
import { checkXlsx } from '../rainfall/xlsxGuard';
import { layerFromWord } from './classify';
import { parseCoordinateText } from './coordinate-text';
import { importInvalid } from './errors';
import { LEDGER, LEDGER_COMPUTED } from './ledgerColumns';
import { normalizeFeatures, type RawFeature } from './normalize';
import type { ReadResult } from './preview';
import { settleCrs } from './settleCrs';
import type { Warnings } from './warnings';
import type { ZipEntry } from './zip';

const MAX_COLUMNS = 512;

function cellValue(value: CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'result' in value) return cellValue(value.result as CellValue);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((p) => p.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  return null;
}

function coordinate(value: string | number | null): number {
  if (value === null) return NaN;
  return typeof value === 'number' ? value : parseCoordinateText(value);
}

const bare = (h: string) => h.replace(/\s+/g, '').toLowerCase();

/** Parses an .xlsx ledger into normalized features. */
export async function readLedger(fileName: string, bytes: Uint8Array, _entries: readonly ZipEntry[], _maxBytes: number, warnings: Warnings): Promise<ReadResult> {
  try {
    checkXlsx(bytes);
  } catch (error) {
    if (error instanceof AppError) throw importInvalid(fileName, 'too_large', { zh: error.messageZh, en: error.messageEn });
    throw error;
  }
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch (cause) {
    throw importInvalid(fileName, 'bad_zip', { zh: 'Excel 文件已损坏,无法打开', en: 'the Excel file is damaged and cannot be opened' }, { cause: String(cause) });
  }
  const raw: RawFeature[] = [];
  const problems: { where: Bilingual; message: Bilingual }[] = [];
  for (const sheet of book.worksheets) {
    const rows: { r: number; cells: (string | number | null)[] }[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: (string | number | null)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > MAX_COLUMNS) return;
        while (cells.length < c - 1) cells.push(null);
        cells[c - 1] = cellValue(cell.value);
      });
      if (cells.some((v) => v !== null && String(v).trim() !== '')) rows.push({ r, cells });
    });
    const [head, ...body] = rows;
    if (!head) continue;
    const names = head.cells.map((c, i) => (c === null || String(c).trim() === '' ? `column_${i + 1}` : String(c).trim()));
    const col = (...wanted: string[]) => names.findIndex((n) => wanted.map(bare).includes(bare(n)));
    const wkt = col(LEDGER.wkt, 'wkt', 'wkt_wgs84', '几何');
    const start = [col(LEDGER.startLon, '起点x'), col(LEDGER.startLat, '起点y')];
    const end = [col(LEDGER.endLon, '终点x'), col(LEDGER.endLat, '终点y')];
    const point = [col(LEDGER.lon, 'lon', 'longitude', 'lon_wgs84'), col(LEDGER.lat, 'lat', 'latitude', 'lat_wgs84')];
    const positional = new Set([wkt, ...start, ...end, ...point].filter((i) => i >= 0));
    if (wkt < 0 && start.includes(-1) && point.includes(-1)) {
      warnings.note('ledger_sheet_skipped', { zh: `工作表“${sheet.name}”没有坐标列(WKT、起终点经纬度或经纬度),已跳过`, en: `sheet "${sheet.name}" has no position columns (WKT, start/end lon/lat or lon/lat) and was skipped` });
      continue;
    }
    const sheetLayer = layerFromWord(sheet.name.replace(/台账$/, ''));
    for (const { r, cells } of body) {
      const where: Bilingual = { zh: `工作表“${sheet.name}”第 ${r} 行`, en: `sheet "${sheet.name}" row ${r}` };
      const properties: Record<string, unknown> = {};
      names.forEach((n, i) => {
        if (!positional.has(i) && !LEDGER_COMPUTED.includes(n)) properties[n] = cells[i] ?? null;
      });
      if (sheetLayer && !('图层' in properties)) properties['图层'] = sheet.name.replace(/台账$/, '');
      let geometry: unknown;
      const text = wkt >= 0 ? String(cells[wkt] ?? '').trim() : '';
      if (text !== '') {
        try {
          geometry = wktToGeometry(text);
        } catch (error) {
          problems.push({ where, message: { zh: `WKT 无法读取(${error instanceof WktError ? error.message : String(error)})`, en: `the WKT cannot be read (${error instanceof WktError ? error.message : String(error)})` } });
          continue;
        }
      } else {
        const [sx, sy, ex, ey, px, py] = [...start, ...end, ...point].map((i) => (i >= 0 ? coordinate(cells[i] ?? null) : NaN));
        if ([sx, sy, ex, ey].every((v) => Number.isFinite(v))) geometry = { type: 'LineString', coordinates: [[sx, sy], [ex, ey]] };
        else if (Number.isFinite(px) && Number.isFinite(py)) geometry = { type: 'Point', coordinates: [px, py] };
        else {
          problems.push({ where, message: { zh: '没有可读的坐标(WKT、起终点经纬度或经纬度)', en: 'no readable position (WKT, start/end lon/lat or lon/lat)' } });
          continue;
        }
      }
      raw.push({ geometry, properties, where, id: null, sourceLayer: sheet.name });
    }
  }
  if (raw.length === 0 && problems.length === 0) {
    throw importInvalid(fileName, 'no_coordinate_columns', {
      zh: 'Excel 表里找不到坐标列。沟渠台账需要“WKT(WGS84)”列,或“起点经度、起点纬度、终点经度、终点纬度”,或“经度、纬度”;也可以在 Excel 中另存为 CSV 后导入',
      en: 'no position columns in the Excel workbook. A ditch ledger needs a "WKT(WGS84)" column, or 起点经度/起点纬度/终点经度/终点纬度 (start/end lon/lat), or 经度/纬度 (lon/lat); or save it as CSV from Excel and import that',
    });
  }
  if (problems.length > 0) {
    const first = problems[0] as (typeof problems)[number];
    throw importInvalid(fileName, 'bad_coordinates', { zh: `${first.where.zh}:${first.message.zh}${problems.length > 1 ? `;共 ${problems.length} 行有问题` : ''}`, en: `${first.where.en}: ${first.message.en}${problems.length > 1 ? `; ${problems.length} rows have problems` : ''}` }, { problems: problems.slice(0, 100) });
  }
  const settled = settleCrs(
    { crs: 'wgs84', reason: { zh: '台账的经纬度按 WGS84 读取(本软件导出的台账即为 WGS84);如来自高德/百度请改选', en: 'the ledger positions are read as WGS84 (as DrainDesk writes them); choose another system if they came from Gaode/Baidu' } },
    raw.map((r) => r.geometry),
  );
  const features = normalizeFeatures(raw, fileName, warnings, { ranges: settled.ranges });
  return { format: 'xlsx', encoding: null, detectedCrs: settled.crs, crsReason: settled.reason, features };
}
