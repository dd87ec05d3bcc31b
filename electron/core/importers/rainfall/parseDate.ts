import type { Cell } from './table';
import { cleanText } from './text';
import { isoDate, isoFromExcelSerial, isoFromUtc } from './dates';

/** How to read dates whose year or date system the cell itself does not say. */
export interface DateContext {
  /** Used for 7月3日 and 7/3: Excel writes such displayed text into CSV without the year. */
  defaultYear: number;
  date1904: boolean;
}

/** A date cell read, or why not. */
export type DateParse = { ok: true; date: string } | { ok: false; reason: 'missing' | 'unparseable' };

// Excel serials from 1954 to 2119: wide enough for any real record, narrow enough to not take 500 for a date.
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;

// Trailing parts users' exports add to a date: a time of day (rain days run 08:00 to 08:00),
// or the weekday of Excel's long Chinese date format (2026年7月3日星期五).
const TIME_SUFFIX = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/;
const WEEKDAY_SUFFIX = /\s*[(（]?(?:星期|周|礼拜)[一二三四五六日天][)）]?$/;

const FULL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH_DAY = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
const INTEGER = /^\d+(?:\.0+)?$/;

/** Read a date from an Excel date cell, a number (serial or 20260703) or text in the forms users type. */
export function parseDateCell(cell: Cell, context: DateContext): DateParse {
  if (cell === null) return { ok: false, reason: 'missing' };
  if (cell instanceof Date) return wrap(isoFromUtc(cell));
  if (typeof cell === 'number') return wrap(fromNumber(cell, context.date1904));
  const text = cleanText(cell).replace(WEEKDAY_SUFFIX, '').replace(TIME_SUFFIX, '').trim();
  if (text === '') return { ok: false, reason: 'missing' };
  return wrap(fromText(text, context));
}

function wrap(date: string | null): DateParse {
  return date === null ? { ok: false, reason: 'unparseable' } : { ok: true, date };
}

function fromNumber(value: number, date1904: boolean): string | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value) && value >= 19_000_101 && value <= 29_991_231) {
    return isoDate(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
  }
  if (value >= SERIAL_MIN && value < SERIAL_MAX) return isoFromExcelSerial(value, date1904);
  return null;
}

function fromText(text: string, context: DateContext): string | null {
  let m = FULL.exec(text) ?? COMPACT.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MONTH_DAY.exec(text);
  if (m) return isoDate(context.defaultYear, Number(m[1]), Number(m[2]));
  // A date column formatted as General in Excel is written to CSV as its serial number.
  if (INTEGER.test(text)) return fromNumber(Number(text), context.date1904);
  return null;
}
