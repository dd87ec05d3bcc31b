/**
 * The Excel ledger (沟渠台账): one sheet per layer, one row per feature, Chinese column titles
 * (which the importer maps back), enum values in Chinese, ditches with start and end lon/lat,
 * points with lon/lat, every feature with its WKT (WGS84), then the file attributes kept on
 * import. The computed length is written for reading and ignored on the way back.
 */
import ExcelJS from 'exceljs';
import { geometryToWkt } from '../../../../shared/geo/wkt';
import { layerTables } from './exportColumns';
import { LEDGER, LEDGER_SHEETS } from './ledgerColumns';
import { FIELD_LABELS, LAYERS } from './schema';
import type { NetworkFeature } from './types';

/** Excel's limit on a cell's text. */
const EXCEL_CELL_CHARS = 32767;

/** The workbook's bytes. */
export async function exportLedger(features: readonly NetworkFeature[], lengthOf: (f: NetworkFeature) => number | null): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'DrainDesk 排涝调度台';
  for (const table of layerTables(features, LAYERS, true)) {
    const sheet = book.addWorksheet(LEDGER_SHEETS[table.layer]);
    const positions = table.layer === 'ditch' ? [LEDGER.startLon, LEDGER.startLat, LEDGER.endLon, LEDGER.endLat] : table.layer === 'area' ? [] : [LEDGER.lon, LEDGER.lat];
    const header = [LEDGER.number, LEDGER.id, ...table.fields.map((f) => FIELD_LABELS[f].zh), ...(table.layer === 'ditch' ? [LEDGER.length] : []), ...positions, LEDGER.wkt, ...table.attributes];
    sheet.addRow(header).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    table.rows.forEach(({ feature, values }, i) => {
      const g = feature.geometry;
      const line = g.type === 'LineString' ? g.coordinates : g.type === 'MultiLineString' ? g.coordinates.flat() : null;
      const place = table.layer === 'ditch' && line ? [line[0]?.[0], line[0]?.[1], line[line.length - 1]?.[0], line[line.length - 1]?.[1]] : g.type === 'Point' ? [g.coordinates[0], g.coordinates[1]] : [];
      const fields = values.slice(0, table.fields.length);
      const attributes = values.slice(table.fields.length).map((v) => (typeof v === 'string' ? v.slice(0, EXCEL_CELL_CHARS) : v));
      sheet.addRow([i + 1, feature.id, ...fields, ...(table.layer === 'ditch' ? [lengthOf(feature)] : []), ...place, geometryToWkt(g), ...attributes]);
    });
    sheet.columns.forEach((c, i) => {
      c.width = Math.min(40, Math.max(8, String(header[i] ?? '').length * 2 + 2));
    });
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
