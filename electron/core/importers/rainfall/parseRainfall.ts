import { dateRange, yearOf } from './dates';
import { findHeader } from './findHeader';
import * as msg from './messages';
import { checkRainfallOptions } from './options';
import { readRows } from './readRows';
import { stationKey, type RowRules } from './rules';
import { readSource } from './source';
import type { RainfallParseOptions, RainfallParseResult } from './types';

/**
 * Parse a rainfall (雨情) CSV or xlsx file into daily station readings. Bad rows never throw:
 * each is named in errors (1-based Excel row numbers, header counted) and left out of rows.
 * Throws AppError('import_invalid') only when the whole file is unusable.
 */
export async function parseRainfallFile(fileName: string, bytes: Uint8Array, options: RainfallParseOptions): Promise<RainfallParseResult> {
  const opts = checkRainfallOptions(options);
  const source = await readSource(fileName, bytes);
  const header = findHeader(source.sheets, 'rainfall');
  const read = readRows(header, rainfallRules(opts, source.date1904), source);
  return {
    rows: read.readings,
    errors: read.errors,
    warnings: [...source.notes, ...read.warnings],
    layout: header.layout === 'wide' ? 'wide' : 'long',
    format: source.format,
    encoding: source.encoding,
    sheet: header.sheet.name,
    stations: read.stations.map((s) => s.name),
    newStations: read.stations.filter((s) => s.isNew).map((s) => s.name),
    dateRange: dateRange(read.readings.map((r) => r.date)),
  };
}

/** The season window and the station list, as row rules. */
function rainfallRules(opts: RainfallParseOptions, date1904: boolean): RowRules {
  const known = new Map(opts.knownStations.map((name) => [stationKey(name), name] as const));
  return {
    dateContext: { defaultYear: yearOf(opts.today), date1904 },
    checkDate: (at, date) => {
      if (date < opts.seasonStart) return msg.dateBeforeSeason(at, date, opts.seasonStart);
      if (date > opts.today) return msg.dateAfterToday(at, date, opts.today);
      return null;
    },
    checkStation: (at, name) => {
      const canonical = known.get(stationKey(name));
      if (canonical !== undefined) return { name: canonical, isNew: false };
      if (opts.allowNewStations) return { name: name.trim(), isNew: true };
      return { issue: msg.stationUnknown(at, name) };
    },
  };
}
