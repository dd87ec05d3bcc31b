import type { Header, HeaderColumn } from './findHeader';
import { isTotalLabel } from './headerNames';
import { MAX_DAILY_MM, MAX_POSSIBLE_MM } from './constants';
import * as msg from './messages';
import type { Place } from './messages';
import { parseDateCell } from './parseDate';
import { parseMmCell } from './parseMm';
import type { RowRules } from './rules';
import type { EncodingInfo, RowsRead } from './rowTypes';
import type { Cell, SheetRow } from './table';
import { isBlankCell } from './table';
import { cellText } from './text';
import type { ImportIssue, TextEncodingName } from './types';

/** The error for a row whose bytes are in the file's other encoding. */
export function mixed(row: number, enc: EncodingInfo): ImportIssue {
  const label = (e: TextEncodingName | undefined) => (e === 'gbk' ? 'GBK' : 'UTF-8');
  return msg.mixedEncoding({ row }, label(enc.oddRows.get(row)), label(enc.encoding));
}

/** A cell's position for messages: row, column letter and header text. */
export function place(row: number, column: HeaderColumn): Place {
  return column.text ? { row, letter: column.letter, header: column.text } : { row, letter: column.letter };
}

/** Rows every layout skips before looking at values: other-encoding lines and total rows. */
export function skipRow(r: SheetRow, header: Header, enc: EncodingInfo, out: RowsRead): boolean {
  if (enc.oddRows.has(r.row)) {
    out.errors.push(mixed(r.row, enc));
    return true;
  }
  const dateText = cellText(r.cells[header.date.index]);
  const firstText = cellText(r.cells.find((c) => !isBlankCell(c)));
  const label = isTotalLabel(dateText) ? dateText : isTotalLabel(firstText) ? firstText : null;
  if (label === null) return false;
  out.warnings.push(msg.totalRowSkipped({ row: r.row }, label));
  return true;
}

/** A date cell read and checked; null when the row was reported. */
export function rowDate(r: SheetRow, header: Header, rules: RowRules, out: RowsRead): string | null {
  const cell = r.cells[header.date.index] ?? null;
  const at = place(r.row, header.date);
  const parsed = parseDateCell(cell, rules.dateContext);
  if (!parsed.ok) {
    out.errors.push(parsed.reason === 'missing' ? msg.dateMissing(at) : msg.dateUnparseable(at, cellText(cell)));
    return null;
  }
  const outside = rules.checkDate(at, parsed.date);
  if (outside) out.errors.push(outside);
  return outside ? null : parsed.date;
}

/** A rainfall cell checked for a plausible daily value: 'empty', the mm, or null when reported. */
export function cellMm(cell: Cell, at: Place, out: RowsRead): number | 'empty' | null {
  const parsed = parseMmCell(cell);
  if (parsed.kind === 'empty') return 'empty';
  if (parsed.kind === 'invalid') out.errors.push(msg.mmNotNumber(at, parsed.text));
  else if (parsed.mm < 0) out.errors.push(msg.mmNegative(at, parsed.mm));
  else if (parsed.mm > MAX_POSSIBLE_MM) out.errors.push(msg.mmTooLarge(at, parsed.mm));
  else {
    if (parsed.mm > MAX_DAILY_MM) out.warnings.push(msg.mmImplausible(at, parsed.mm));
    return parsed.mm;
  }
  return null;
}

/** A row with text but nothing in its value cells (a note, a signature line): nothing to lose by skipping. */
export function isNoteRow(r: SheetRow, header: Header, rules: RowRules, valueIndexes: number[]): boolean {
  const date = parseDateCell(r.cells[header.date.index] ?? null, rules.dateContext);
  return !date.ok && valueIndexes.every((i) => isBlankCell(r.cells[i]));
}

/** The first text of a row, to name a skipped note. */
export function noteText(r: SheetRow): string {
  return cellText(r.cells.find((c) => !isBlankCell(c)));
}

/** Record a station with readings once, in first-seen order. */
export function addStation(out: RowsRead, seen: Set<string>, name: string, isNew: boolean): void {
  if (seen.has(name)) return;
  seen.add(name);
  out.stations.push({ name, isNew });
}
