/** Township days are Asia/Shanghai calendar days (UTC+8, no daylight saving), stored as YYYY-MM-DD. */
const OFFSET_MS = 8 * 3600 * 1000;

/** The township day a UTC instant falls on. */
export function townshipDay(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (negative for before). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Every day from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The same calendar day one year earlier (29 Feb → 28 Feb), for last year's baseline. */
export function sameDayLastYear(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const candidate = `${y - 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return m === 2 && d === 29 ? `${y - 1}-02-28` : candidate;
}

/** The start of a township day as a UTC instant (ISO). */
export function dayStartUtc(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS).toISOString();
}

/** A township wall-clock time on a day (e.g. '09:30') as a UTC ISO timestamp. */
export function atTownshipTime(day: string, time: string): string {
  return new Date(`${day}T${time}:00+08:00`).toISOString();
}

/** A UTC instant as township wall-clock time: `2026-08-10 14:05`, or `08-10 14:05` without the year. */
export function townshipClock(instant: string | Date, withYear = true): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const local = new Date(ms + OFFSET_MS).toISOString();
  return `${local.slice(withYear ? 0 : 5, 10)} ${local.slice(11, 16)}`;
}
