/**
 * What capacity takes from the other areas, through their own services (never their tables):
 * the township's daily rain (rainfall), the pumps out on a day and the rated pump flow
 * (deployments), and the default day (totals: the latest day with data).
 */
import type { CapacityQueryParsed, RainDepth } from '../../../../shared/contract/capacity';
import { addDays, townshipDay } from '../../../../shared/domain/dates';
import type { CoreContext } from '../../context';
import { getDayRows } from '../deployments/deploymentService';
import { getDeploymentOptions } from '../deployments/options';
import { townshipRain } from '../rainfall/daily';
import { latestDataDate } from '../totals/totalsService';
import type { PumpPlace } from './areas';
import type { LonLat } from './load';
import { CapacityRepository } from '../../db/repositories/capacityRepository';

/** The day asked for, else the latest day with rainfall or deployments (not after today), else today. */
export function reportDate(ctx: CoreContext, date: string | undefined): string {
  if (date !== undefined) return date;
  const today = townshipDay(ctx.now());
  const latest = latestDataDate(ctx);
  return latest !== null && latest <= today ? latest : today;
}

/**
 * The rain depth to compute runoff for. Days without any station's reading count as unknown, not
 * as dry: with none of them recorded the depth is null; with some, the sum of those recorded and
 * a note saying which are missing.
 */
export function rainDepth(ctx: CoreContext, date: string, query: Pick<CapacityQueryParsed, 'rainSource' | 'rainMm'>): RainDepth {
  const source = query.rainSource ?? (query.rainMm !== undefined ? 'typed' : 'today');
  if (source === 'typed') return { source, mm: query.rainMm ?? 0, days: [], note: null };
  const from = source === 'last3' ? addDays(date, -2) : date;
  const byDay = townshipRain(ctx, from, date);
  const days: RainDepth['days'] = [];
  for (let d = from; d <= date; d = addDays(d, 1)) days.push({ date: d, mm: byDay.get(d)?.mm ?? null });
  const recorded = days.filter((d) => d.mm !== null);
  if (recorded.length === 0) {
    return {
      source,
      mm: null,
      days,
      note: {
        zh: source === 'today' ? `${date} 没有雨量记录；可改用“输入雨量”` : `${from} 至 ${date} 没有雨量记录；可改用“输入雨量”`,
        en: source === 'today' ? `no rainfall is recorded for ${date}; type a depth instead` : `no rainfall is recorded from ${from} to ${date}; type a depth instead`,
      },
    };
  }
  const missing = days.filter((d) => d.mm === null).map((d) => d.date);
  return {
    source,
    mm: recorded.reduce((s, d) => s + d.mm!, 0),
    days,
    note: missing.length > 0 ? { zh: `${missing.join('、')} 没有雨量记录，未计入`, en: `no rainfall recorded on ${missing.join(', ')}; not counted` } : null,
  };
}

/** The pumps out on a day, by place, with the rated flow of one pump. */
export function dayPumps(ctx: CoreContext, date: string): { places: PumpPlace[]; ratedM3h: number } {
  const rows = getDayRows(ctx, date).filter((r) => r.pumps > 0);
  const ids = [...new Set(rows.flatMap((r) => (r.blockageId ? [r.blockageId] : [])))];
  const positions = new Map<string, LonLat>();
  for (const b of new CapacityRepository(ctx.db, ctx.townshipId).blockageGeometries(ids)) {
    const g = JSON.parse(b.geometry) as { type: string; coordinates: [number, number] };
    if (g.type === 'Point') positions.set(b.id, g.coordinates);
  }
  return {
    ratedM3h: getDeploymentOptions(ctx).ratedPumpM3h,
    places: rows.map((r) => ({
      placeKind: r.placeKind,
      place: r.place,
      position: r.blockageId ? (positions.get(r.blockageId) ?? null) : null,
      pumps: r.pumps,
    })),
  };
}
