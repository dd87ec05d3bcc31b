/** The capacity tables as a file: CSV (the totals table) or .xlsx (totals, ranking, areas, invalid ditches, culverts). */
import ExcelJS from 'exceljs';
import type { CapacityReport } from '../../../../shared/contract/capacity';
import { areasTable, culvertsTable, invalidTable, rankingTable, totalsTable, type Cell, type Locale, type Table } from './exportTables';

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV in UTF-8 with a byte-order mark, so Excel on a Chinese Windows PC opens it as UTF-8 rather
 * than GBK; CRLF line ends as Excel writes them.
 */
export function capacityCsv(report: CapacityReport, locale: Locale): Uint8Array {
  const t = totalsTable(report, locale);
  const lines = [...t.caption.map((c) => csvCell(c)), t.header.map(csvCell).join(','), ...t.rows.map((r) => r.map(csvCell).join(','))];
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

function addSheet(workbook: ExcelJS.Workbook, table: Table): void {
  const sheet = workbook.addWorksheet(table.name);
  for (const line of table.caption) sheet.addRow([line]);
  sheet.getRow(1).font = { bold: true, size: 14 };
  const header = sheet.addRow(table.header);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF3' } };
  });
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 || i === 1 ? 22 : 16;
  });
  sheet.views = [{ state: 'frozen', ySplit: table.caption.length + 1 }];
}

export async function capacityXlsx(report: CapacityReport, locale: Locale): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DrainDesk 排涝调度台';
  addSheet(workbook, totalsTable(report, locale));
  addSheet(workbook, rankingTable(report, locale));
  addSheet(workbook, areasTable(report, locale));
  addSheet(workbook, invalidTable(report, locale));
  addSheet(workbook, culvertsTable(report, locale));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
