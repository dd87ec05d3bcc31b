import type { Bilingual } from '../../../../shared/contract/errors';
import { HEADER_SCAN_ROWS } from './constants';
import { failImport } from './fail';
import { headerRole, type HeaderRole } from './headerNames';
import * as msg from './messages';
import type { Sheet, SheetRow } from './table';
import { columnLetter, isBlankCell } from './table';
import { cellText } from './text';

/** Which file shape is accepted: rainfall needs stations; the baseline may be a bare date + mm series. */
export type ParseMode = 'rainfall' | 'baseline';

/** Long: one reading per row. Wide: one column per station. Series: date + township mm. */
export type Layout = 'long' | 'wide' | 'series';

/** One column of the header, by position. */
export interface HeaderColumn {
  index: number;
  letter: string;
  text: string;
}

/** The header row found and what each column holds. */
export interface Header {
  sheet: Sheet;
  row: number;
  layout: Layout;
  date: HeaderColumn;
  /** Long layout only. */
  station?: HeaderColumn;
  /** Long and series layouts. */
  mm?: HeaderColumn;
  /** Wide layout: every column that names a station (not yet checked against the list). */
  stations: HeaderColumn[];
  /** Wide layout: total/average columns, skipped with a warning. */
  totals: HeaderColumn[];
  /** Wide layout: columns with no header text but values below, skipped with a warning. */
  unnamed: HeaderColumn[];
  dataRows: SheetRow[];
}

type Attempt = { header: Omit<Header, 'sheet' | 'dataRows' | 'unnamed'> } | { missing: Bilingual | undefined } | null;

/**
 * Find the header among the first non-blank rows of the first sheet that has one (a title row
 * such as "2026年汛期雨量统计表" may sit above it). Throws a whole-file error naming the expected
 * columns and those found when no sheet has a header, or the header has no rows below it.
 */
export function findHeader(sheets: Sheet[], mode: ParseMode): Header {
  let failure: Bilingual | null = null;
  let failureDetails: unknown;
  for (const sheet of sheets) {
    if (sheet.rows.length === 0) continue;
    const top = sheet.rows.slice(0, HEADER_SCAN_ROWS);
    let missing: Bilingual | undefined;
    for (const [i, row] of top.entries()) {
      const attempt = readHeaderRow(row, mode);
      if (attempt === null) continue;
      if ('missing' in attempt) {
        missing ??= attempt.missing;
        continue;
      }
      const dataRows = sheet.rows.slice(i + 1);
      if (dataRows.length === 0) {
        failure ??= msg.noDataRows(row.row);
        break;
      }
      return { ...attempt.header, sheet, dataRows, unnamed: unnamedColumns(row, dataRows, attempt.header.layout) };
    }
    if (failure === null) {
      const found = foundColumns(top);
      const expected = mode === 'rainfall' ? msg.expectedRainfallColumns() : msg.expectedBaselineColumns();
      failure = msg.noHeader(expected, found, missing);
      failureDetails = { expected: expected.en, found };
    }
  }
  return failImport(failure ?? msg.emptyFile(), failureDetails);
}

function readHeaderRow(row: SheetRow, mode: ParseMode): Attempt {
  const texts = row.cells.map((c) => cellText(c));
  const roles: HeaderRole[] = texts.map((t) => headerRole(t));
  const column = (index: number): HeaderColumn => ({ index, letter: columnLetter(index), text: texts[index] ?? '' });
  const dateAt = roles.indexOf('date');
  if (dateAt < 0) return null;
  // A name column is the station; a code column (区站号, station_id) only when there is no name.
  const stationAt = roles.indexOf('station') >= 0 ? roles.indexOf('station') : roles.indexOf('station_id');
  const mmAt = roles.indexOf('mm');
  const base = { row: row.row, date: column(dateAt), stations: [] as HeaderColumn[], totals: [] as HeaderColumn[] };
  if (stationAt >= 0 && mmAt >= 0) return { header: { ...base, layout: 'long', station: column(stationAt), mm: column(mmAt) } };
  if (mmAt >= 0 && mode === 'baseline') return { header: { ...base, layout: 'series', mm: column(mmAt) } };
  if (mmAt >= 0) return { missing: msg.columnName('station') };
  if (stationAt >= 0) return { missing: msg.columnName('mm') };
  const stations = indexesOf(roles, 'other').map(column);
  if (stations.length === 0) return { missing: undefined };
  return { header: { ...base, layout: 'wide', stations, totals: indexesOf(roles, 'total').map(column) } };
}

function indexesOf(roles: HeaderRole[], role: HeaderRole): number[] {
  return roles.flatMap((r, i) => (r === role ? [i] : []));
}

// A wide column whose header cell is empty but has values below: the user forgot the station name.
function unnamedColumns(headerRow: SheetRow, dataRows: SheetRow[], layout: Layout): HeaderColumn[] {
  if (layout !== 'wide') return [];
  const width = dataRows.reduce((max, r) => Math.max(max, r.cells.length), 0);
  const unnamed: HeaderColumn[] = [];
  for (let i = 0; i < width; i++) {
    if (!isBlankCell(headerRow.cells[i])) continue;
    if (dataRows.some((r) => !isBlankCell(r.cells[i]))) unnamed.push({ index: i, letter: columnLetter(i), text: '' });
  }
  return unnamed;
}

// What the user's top rows hold, for the "found" half of the message: the fullest row, deduplicated
// because a merged title repeats in every cell it spans.
function foundColumns(top: SheetRow[]): string[] {
  let best: string[] = [];
  for (const row of top) {
    const texts = [...new Set(row.cells.map((c) => cellText(c)).filter((t) => t !== ''))];
    if (texts.length > best.length) best = texts;
  }
  return best;
}
