import type { RainOptions } from '../../../../shared/contract/rainfall';
import { sameDayLastYear } from '../../../../shared/domain/dates';
import type { CoreContext } from '../../context';
import { RainRepository } from '../../db/repositories/rainRepository';
import { getRainOptions } from './options';

export interface TownshipRainDay {
  /** Unrounded: the mean of the stations that reported, or the chosen station's reading. */
  mm: number;
  stations: number;
}

/** The township's value per day from its stations' readings (days with no value are absent). */
export function townshipRain(ctx: CoreContext, from: string, to: string, options: RainOptions = getRainOptions(ctx)): Map<string, TownshipRainDay> {
  const byDay = new Map<string, { sum: number; n: number; chosen: number | null }>();
  for (const r of new RainRepository(ctx.db, ctx.townshipId).readings(from, to)) {
    const d = byDay.get(r.date) ?? { sum: 0, n: 0, chosen: null };
    d.sum += r.mm;
    d.n += 1;
    if (r.station_id === options.stationId) d.chosen = r.mm;
    byDay.set(r.date, d);
  }
  const out = new Map<string, TownshipRainDay>();
  for (const [date, d] of byDay) {
    if (options.townshipValue === 'station') {
      if (d.chosen !== null) out.set(date, { mm: d.chosen, stations: 1 });
    } else out.set(date, { mm: d.sum / d.n, stations: d.n });
  }
  return out;
}

/** Last year's township values, keyed by last year's date, for this year's days from..to. */
export function baselineRain(ctx: CoreContext, from: string, to: string): Map<string, number> {
  const rows = new RainRepository(ctx.db, ctx.townshipId).baseline(sameDayLastYear(from), sameDayLastYear(to));
  return new Map(rows.map((r) => [r.date, r.mm]));
}

