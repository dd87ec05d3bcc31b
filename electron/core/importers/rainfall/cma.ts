import { HEADER_SCAN_ROWS } from './constants';
import { headerKey } from './headerNames';
import * as msg from './messages';
import type { Cell, Sheet, SheetRow } from './table';
import { cellText, cleanText } from './text';
import type { ImportIssue } from './types';

/**
 * Tables that split the date into 年, 月, 日 columns, as the China Meteorological Administration's
 * station files do (区站号, 年, 月, 日, 20-20时降水量 …), are rewritten to one 日期 column before the
 * header is looked for. CMA precipitation is in 0.1 mm, with special codes: 32700 trace (微量),
 * 32766 missing (缺测), 32744 nothing recorded, 30xxx/31xxx/32xxx rain+snow, snow, fog/dew amounts
 * in 0.1 mm. A header that says 0.1 mm (降水量(0.1mm)) is scaled the same way.
 */
export function normalizeDateParts(sheet: Sheet): { sheet: Sheet; notes: ImportIssue[] } {
  const top = sheet.rows.slice(0, HEADER_SCAN_ROWS);
  for (const [i, headerRow] of top.entries()) {
    const keys = headerRow.cells.map((c) => headerKey(cellText(c)));
    const year = keys.findIndex((k) => k === '年' || k === 'year');
    const month = keys.findIndex((k) => k === '月' || k === 'month');
    const day = keys.findIndex((k) => k === '日' || k === 'day');
    const tenths = dailyColumn(headerRow.cells.map((c) => isTenthsHeader(cellText(c))), headerRow.cells);
    if (year < 0 || month < 0 || day < 0) {
      if (tenths.some(Boolean)) return scaleOnly(sheet, i, tenths);
      continue;
    }
    const notes: ImportIssue[] = [];
    const other = headerRow.cells.map((c, j) => !tenths[j] && isTenthsHeader(cellText(c)));
    const header: Cell[] = headerRow.cells.map((c, j) => (j === year ? '日期' : j === month || j === day || other[j] ? '' : tenths[j] ? '雨量' : c));
    const rows: SheetRow[] = [...sheet.rows.slice(0, i), { row: headerRow.row, cells: header }];
    for (const r of sheet.rows.slice(i + 1)) {
      const cells = [...r.cells];
      const [y, m, d] = [year, month, day].map((j) => cleanText(cellText(r.cells[j])));
      cells[year] = y && m && d ? `${y}-${m}-${d}` : cellText(r.cells[year]);
      cells[month] = '';
      cells[day] = '';
      other.forEach((isOther, j) => {
        if (isOther) cells[j] = '';
      });
      let missing = false;
      tenths.forEach((isTenths, j) => {
        if (!isTenths) return;
        const value = fromTenths(r.cells[j] ?? null);
        if (value === 'missing') missing = true;
        else cells[j] = value;
      });
      if (missing) {
        notes.push(msg.cmaMissing({ row: r.row }));
        continue;
      }
      rows.push({ row: r.row, cells });
    }
    return { sheet: { ...sheet, rows }, notes };
  }
  return { sheet, notes: [] };
}

function scaleOnly(sheet: Sheet, headerIndex: number, tenths: boolean[]): { sheet: Sheet; notes: ImportIssue[] } {
  const notes: ImportIssue[] = [];
  const rows = sheet.rows.flatMap((r, i): SheetRow[] => {
    if (i <= headerIndex) return [r];
    const cells = [...r.cells];
    for (const [j, isTenths] of tenths.entries()) {
      if (!isTenths) continue;
      const value = fromTenths(r.cells[j] ?? null);
      if (value === 'missing') {
        notes.push(msg.cmaMissing({ row: r.row }));
        return [];
      }
      cells[j] = value;
    }
    return [{ row: r.row, cells }];
  });
  return { sheet: { ...sheet, rows }, notes };
}

/**
 * Of several 0.1 mm columns (20-8时, 8-20时, 20-20时) only the day's total is the reading: 20-20时
 * when present, else the first. The others are left out, so one day is never read twice.
 */
function dailyColumn(tenths: boolean[], cells: readonly Cell[]): boolean[] {
  const daily = tenths.findIndex((t, j) => t && /^20-20时/.test(cleanText(cellText(cells[j])).replace(/\s+/g, '')));
  const keep = daily >= 0 ? daily : tenths.indexOf(true);
  return tenths.map((_, j) => j === keep);
}

/** A precipitation header in 0.1 mm: CMA's 20-20时/20-8时/8-20时降水量, or one that says 0.1mm. */
function isTenthsHeader(text: string): boolean {
  const t = cleanText(text).replace(/\s+/g, '');
  return /^(20-20|20-08|20-8|08-20|8-20)时(累计)?降水量/.test(t) || /(降水|雨量|precip|rain).*0\.1(mm|毫米)|0\.1(mm|毫米).*(降水|雨量)/i.test(t);
}

/** A 0.1 mm cell to a mm cell (text, so the usual reader checks it); 'missing' for CMA's no-reading codes. */
function fromTenths(cell: Cell): Cell | 'missing' {
  const text = cleanText(cellText(cell));
  if (text === '' || !/^\d+(\.\d+)?$/.test(text)) return cell;
  const v = Number(text);
  if (v === 32700) return '微量';
  if (v === 32766 || v === 32744 || v === 999999) return 'missing';
  const amount = v >= 30000 && v < 33000 ? v % 1000 : v;
  return String(Math.round(amount) / 10);
}
