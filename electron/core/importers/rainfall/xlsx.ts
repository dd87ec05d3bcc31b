import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import type { Cell, Sheet, SheetRow } from './table';
import { isBlankCell } from './table';
import { failImport } from './fail';
import { checkXlsx } from './xlsxGuard';
import * as msg from './messages';

type XlsxInput = Parameters<ExcelJS.Xlsx['load']>[0];

/** The sheets of a workbook, visible ones first, and the date system its serial numbers use. */
export interface Workbook {
  sheets: Sheet[];
  date1904: boolean;
}

/** Read every sheet of an xlsx into rows of plain cells; an unreadable zip is a whole-file error. */
export async function readXlsx(bytes: Uint8Array): Promise<Workbook> {
  checkXlsx(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type that Node's Buffer no longer matches; the runtime takes it.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as XlsxInput;
    await workbook.xlsx.load(buffer);
  } catch (cause) {
    failImport(msg.badXlsx(), { cause: cause instanceof Error ? cause.message : String(cause) });
  }
  const worksheets = workbook.worksheets;
  if (worksheets.length === 0) failImport(msg.badXlsx());
  // Users mean the sheet they can see; a hidden one is read only when no visible one has a table.
  const ordered = [...worksheets.filter((w) => w.state === 'visible'), ...worksheets.filter((w) => w.state !== 'visible')];
  return { sheets: ordered.map(readSheet), date1904: Boolean(workbook.properties?.date1904) };
}

/** Widest row we lay out: no rainfall table has more columns (stations) than this. */
const MAX_COLUMNS = 1024;

// Only rows and cells that exist are visited (eachRow/eachCell), never the declared grid: a sheet
// whose one cell sits at XFD1048576 costs one row of cells, not 17 billion.
function readSheet(worksheet: Worksheet): Sheet {
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: Cell[] = [];
    // Merged cells repeat their top-left value, so a date merged down a block reaches every row.
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > MAX_COLUMNS) return;
      while (cells.length < c - 1) cells.push(null);
      cells[c - 1] = toCell(cell.value);
    });
    if (cells.some((cell) => !isBlankCell(cell))) rows.push({ row: r, cells });
  });
  return { name: worksheet.name, rows };
}

/** Flatten exceljs's cell value kinds (formula, rich text, hyperlink, error) into a plain cell. */
function toCell(value: CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ('result' in value) return value.result === undefined ? null : toCell(value.result as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return toCell(value.text as CellValue);
  if ('error' in value) return String(value.error);
  return null;
}
