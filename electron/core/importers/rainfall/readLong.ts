import type { Header, HeaderColumn } from './findHeader';
import * as msg from './messages';
import { addStation, cellMm, isNoteRow, noteText, place, rowDate, skipRow } from './rowChecks';
import type { EncodingInfo, RowsRead } from './rowTypes';
import type { RowRules } from './rules';
import { stationKey } from './rules';
import { cellText } from './text';

/** Read a long table: one reading per row, each cell checked, a repeated date + station reported. */
export function readLong(header: Header, rules: RowRules, enc: EncodingInfo, out: RowsRead): void {
  const stationCol = header.station as HeaderColumn;
  const mmCol = header.mm as HeaderColumn;
  const firstRowOf = new Map<string, number>();
  const seenStations = new Set<string>();
  for (const r of header.dataRows) {
    if (skipRow(r, header, enc, out)) continue;
    if (isNoteRow(r, header, rules, [mmCol.index])) {
      out.warnings.push(msg.notDataRowSkipped({ row: r.row }, noteText(r)));
      continue;
    }
    const errorsBefore = out.errors.length;
    const date = rowDate(r, header, rules, out);

    const stationAt = place(r.row, stationCol);
    const stationText = cellText(r.cells[stationCol.index]);
    let station: { name: string; isNew: boolean } | null = null;
    if (stationText === '') out.errors.push(msg.stationMissing(stationAt));
    else {
      const check = rules.checkStation(stationAt, stationText);
      if ('issue' in check) out.errors.push(check.issue);
      else station = check;
    }

    const mmAt = place(r.row, mmCol);
    const mm = cellMm(r.cells[mmCol.index] ?? null, mmAt, out);
    if (mm === 'empty') out.errors.push(msg.mmMissing(mmAt));

    if (out.errors.length > errorsBefore || date === null || station === null || typeof mm !== 'number') continue;
    const key = `${date}\u0000${stationKey(station.name)}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      out.errors.push(msg.duplicateReading({ row: r.row }, station.name, date, first));
      continue;
    }
    firstRowOf.set(key, r.row);
    addStation(out, seenStations, station.name, station.isNew);
    out.readings.push({ row: r.row, date, station: station.name, mm });
  }
}
