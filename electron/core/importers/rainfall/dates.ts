import type { DateRange } from './types';

/** A calendar date as YYYY-MM-DD, or null when the day does not exist (2026-02-30). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  // Date.UTC rolls 2026-02-30 over into March, so a round trip catches days that do not exist.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a real calendar date written exactly as YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

/** The year of a YYYY-MM-DD date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The same day a year earlier; 29 February becomes 28 February. */
export function previousYear(date: string): string {
  const year = yearOf(date) - 1;
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return isoDate(year, month, day) ?? (isoDate(year, month, day - 1) as string);
}

/** The calendar date of a UTC instant (exceljs gives date cells as UTC midnights). */
export function isoFromUtc(value: Date): string | null {
  if (Number.isNaN(value.getTime())) return null;
  return isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
}

/** The date of an Excel serial day number, in the 1900 or the 1904 date system. */
export function isoFromExcelSerial(serial: number, date1904: boolean): string | null {
  // Serial 25569 is 1970-01-01 in the 1900 system; the 1904 system is 1462 days behind.
  const days = Math.floor(serial) - 25569 + (date1904 ? 1462 : 0);
  return isoFromUtc(new Date(days * 86_400_000));
}

/** Earliest and latest of a list of YYYY-MM-DD dates, or null for none. */
export function dateRange(dates: string[]): DateRange | null {
  if (dates.length === 0) return null;
  let from = dates[0] as string;
  let to = from;
  for (const d of dates) {
    if (d < from) from = d;
    if (d > to) to = d;
  }
  return { from, to };
}
