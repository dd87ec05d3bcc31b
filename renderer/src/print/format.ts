/** Numbers and dates as the printed sheet writes them (always Chinese: it is an official document). */
import { townshipClock } from '../../../shared/domain/dates';

// One formatter per style, made once: toLocaleString with options builds a new one per call, and a
// sheet formats a few thousand figures (issue 15: that was a tenth of drawing the first sheet).
const WHOLE = new Intl.NumberFormat('en-US');
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const UP_TO = [0, 1, 2, 3].map((digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }));

/** Whole numbers with thousands separators: 36,500. */
export const int = (n: number): string => WHOLE.format(Math.round(n));

/** One decimal: 390.2 (rain in mm). */
export const dec1 = (n: number): string => ONE_DECIMAL.format(n);

/** Up to `digits` decimals, trailing zeros dropped: 105, 115.8, 2.97. */
export const num = (n: number, digits = 1): string => (UP_TO[digits] ?? new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })).format(n);

/** m³ as 万m³ (10,000 m³), the unit leaders read: 1,050,000 → 105. */
export const wan = (m3: number): string => num(m3 / 10_000, m3 >= 100_000 ? 1 : 2);

/** Metres: whole metres with separators, one decimal only when needed. */
export const metres = (m: number): string => num(m, Number.isInteger(Math.round(m * 10) / 10) ? 0 : 1);

/** 2026-08-10 → 2026年8月10日 */
export function zhDate(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** 2026-08-10 → 8月10日 */
export function zhMonthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** A UTC timestamp as township (UTC+8) wall time: 8月5日 07:30 */
export function zhTime(iso: string, withYear = false): string {
  const [day, time] = townshipClock(iso).split(' ') as [string, string];
  return `${withYear ? zhDate(day) : zhMonthDay(day)} ${time}`;
}

/** 第12期, 第12期（更正） or 第12期（第2次更正） */
export function issueLabel(number: number, correction: number): string {
  if (correction === 0) return `第${number}期`;
  return `第${number}期（${correction === 1 ? '更正' : `第${correction}次更正`}）`;
}
