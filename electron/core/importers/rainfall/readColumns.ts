import type { Header, HeaderColumn } from './findHeader';
import { stationFromHeader } from './headerNames';
import * as msg from './messages';
import { parseDateCell } from './parseDate';
import { parseMmCell } from './parseMm';
import { cellMm, isNoteRow, noteText, place, rowDate, skipRow } from './rowChecks';
import type { EncodingInfo, RowsRead } from './rowTypes';
import type { RowRules } from './rules';
import { stationKey } from './rules';

interface ValueColumn {
  column: HeaderColumn;
  station: string;
  isNew: boolean;
}

/** Read wide tables (a column per station) and date + mm series (one unnamed column) alike. */
export function readColumns(header: Header, rules: RowRules, enc: EncodingInfo, out: RowsRead): void {
  const columns = header.layout === 'series' ? [{ column: header.mm as HeaderColumn, station: '', isNew: false }] : stationColumns(header, rules, out);
  const firstRowOf = new Map<string, number>();
  const withReadings = new Set<ValueColumn>();
  // Cells under rejected station columns still count as content, so a row of them is not a note.
  const valueIndexes = header.layout === 'series' ? [header.mm?.index ?? -1] : header.stations.map((c) => c.index);
  for (const r of header.dataRows) {
    if (skipRow(r, header, enc, out)) continue;
    if (isNoteRow(r, header, rules, valueIndexes)) {
      out.warnings.push(msg.notDataRowSkipped({ row: r.row }, noteText(r)));
      continue;
    }
    // Empty cells mean "no reading" here, so a dated row with none is simply a dry or unread day.
    const noReadings = columns.every((c) => parseMmCell(r.cells[c.column.index] ?? null).kind === 'empty');
    if (noReadings && parseDateCell(r.cells[header.date.index] ?? null, rules.dateContext).ok) continue;
    const date = rowDate(r, header, rules, out);
    if (date === null) continue;
    const first = firstRowOf.get(date);
    if (first !== undefined) {
      out.errors.push(msg.duplicateDate({ row: r.row }, date, first));
      continue;
    }
    firstRowOf.set(date, r.row);
    for (const c of columns) {
      const mm = cellMm(r.cells[c.column.index] ?? null, place(r.row, c.column), out);
      if (typeof mm !== 'number') continue;
      withReadings.add(c);
      out.readings.push({ row: r.row, date, station: c.station, mm });
    }
  }
  // Stations are listed in column order, as the user laid them out.
  for (const c of columns) if (c.station !== '' && withReadings.has(c)) out.stations.push({ name: c.station, isNew: c.isNew });
}

/** The wide header's station columns that pass the station check, reporting the rest on the header row. */
function stationColumns(header: Header, rules: RowRules, out: RowsRead): ValueColumn[] {
  const accepted: ValueColumn[] = [];
  const letterOf = new Map<string, string>();
  for (const column of header.stations) {
    const at = place(header.row, column);
    const check = rules.checkStation(at, stationFromHeader(column.text));
    if ('issue' in check) {
      out.errors.push(check.issue);
      continue;
    }
    const key = stationKey(check.name);
    const firstLetter = letterOf.get(key);
    if (firstLetter !== undefined) {
      out.errors.push(msg.duplicateStationColumn(at, check.name, firstLetter));
      continue;
    }
    letterOf.set(key, column.letter);
    accepted.push({ column, station: check.name, isNew: check.isNew });
  }
  for (const column of header.totals) out.warnings.push(msg.totalColumnSkipped(place(header.row, column)));
  for (const column of header.unnamed) out.warnings.push(msg.unnamedColumnSkipped(place(header.row, column)));
  return accepted;
}
