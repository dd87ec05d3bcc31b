/**
 * Season rainfall figures (DESIGN §3): change against last year, and running totals for charts.
 */
import { requireNumber } from './guards';

/**
 * (this − last) / last × 100, in percent; null when last year had no rain, because there is no
 * percentage change from zero (showing "∞%" or "+0%" would both mislead).
 */
export function seasonChangePercent(thisSeasonMm: number, lastSeasonMm: number): number | null {
  requireNumber('thisSeasonMm', thisSeasonMm, 0);
  requireNumber('lastSeasonMm', lastSeasonMm, 0);
  if (lastSeasonMm === 0) return null;
  return ((thisSeasonMm - lastSeasonMm) / lastSeasonMm) * 100;
}

/** Running totals: out[i] = values[0] + … + values[i]. */
export function cumulativeSum(values: readonly number[]): number[] {
  const out: number[] = [];
  let total = 0;
  for (const value of values) {
    total += requireNumber('value', value);
    out.push(total);
  }
  return out;
}

export interface DailyRain {
  /** Township day, YYYY-MM-DD. */
  date: string;
  mm: number;
}

export interface CumulativeRain extends DailyRain {
  cumulativeMm: number;
}

/**
 * Daily rain with its running total, in date order. A repeated date throws rather than being
 * added twice or silently dropped: merging two stations' readings is the caller's decision.
 */
export function cumulativeRain(days: readonly DailyRain[]): CumulativeRain[] {
  // YYYY-MM-DD sorts correctly as text.
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const out: CumulativeRain[] = [];
  let total = 0;
  for (const day of sorted) {
    requireNumber(`rain on ${day.date}`, day.mm, 0);
    const previous = out[out.length - 1];
    if (previous !== undefined && previous.date === day.date) {
      throw new RangeError(`rain for ${day.date} is given twice`);
    }
    total += day.mm;
    out.push({ date: day.date, mm: day.mm, cumulativeMm: total });
  }
  return out;
}
