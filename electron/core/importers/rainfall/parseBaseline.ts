import { dateRange, previousYear, yearOf } from './dates';
import { findHeader } from './findHeader';
import * as msg from './messages';
import { checkBaselineOptions } from './options';
import { readRows, type Reading } from './readRows';
import type { RowRules } from './rules';
import { readSource } from './source';
import type { BaselineParseOptions, BaselineParseResult, BaselineRow } from './types';

/**
 * Parse last year's daily township rainfall (the baseline) from the same CSV/xlsx shapes as the
 * rainfall import, or a plain date + mm series. Station tables become the daily mean of the
 * stations that reported that day. Dates must fall in last year's season: from this season's
 * start date one year back to the end of that year. Bad rows are collected, never thrown.
 */
export async function parseLastYearBaseline(fileName: string, bytes: Uint8Array, options: BaselineParseOptions): Promise<BaselineParseResult> {
  const opts = checkBaselineOptions(options);
  const source = await readSource(fileName, bytes);
  const header = findHeader(source.sheets, 'baseline');
  const read = readRows(header, baselineRules(opts.seasonStart, source.date1904), source);
  const rows = dailyMeans(read.readings);
  return {
    rows,
    errors: read.errors,
    warnings: [...source.notes, ...read.warnings],
    layout: header.layout,
    format: source.format,
    encoding: source.encoding,
    sheet: header.sheet.name,
    stations: read.stations.map((s) => s.name),
    dateRange: dateRange(rows.map((r) => r.date)),
  };
}

/** Last year's window as row rules; every station name is accepted since only the mean is kept. */
function baselineRules(seasonStart: string, date1904: boolean): RowRules {
  const year = yearOf(seasonStart) - 1;
  const from = previousYear(seasonStart);
  const to = `${year}-12-31`;
  return {
    dateContext: { defaultYear: year, date1904 },
    checkDate: (at, date) => (date < from || date > to ? msg.dateOutsideLastYear(at, date, from, to) : null),
    checkStation: (_at, name) => ({ name: name.trim(), isNew: false }),
  };
}

/** The township value per day: the mean of that day's readings, ordered by date. */
function dailyMeans(readings: Reading[]): BaselineRow[] {
  const byDate = new Map<string, { row: number; sum: number; count: number }>();
  for (const r of readings) {
    const day = byDate.get(r.date);
    if (day) {
      day.sum += r.mm;
      day.count += 1;
      day.row = Math.min(day.row, r.row);
    } else byDate.set(r.date, { row: r.row, sum: r.mm, count: 1 });
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, d]) => ({ row: d.row, date, mm: d.sum / d.count, readings: d.count }));
}
