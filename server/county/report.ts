import { AppError } from '../../shared/contract/errors';
import type { CountyReport, CountyTotal, TownshipTotals } from '../../shared/contract/county';
import type { Totals, Works } from '../../shared/contract/totals';
import { seasonChangePercent } from '../../shared/calc/rain';
import { getTotals, round1 } from '../../electron/core/services/totals/totalsService';
import type { ServerContext } from '../context';
import { townshipDay } from '../../shared/domain/dates';
import { FeedRepository } from '../db/repositories/feedRepository';
import { TownshipRepository } from '../db/repositories/townshipRepository';
import { projectTownship } from './projection';
import { townshipStorage } from './storage';

/** One township's line for a day: the desk's totals service and capacity code on its replica. */
export async function townshipTotals(ctx: ServerContext, township: { id: string; name: string }, date: string): Promise<TownshipTotals> {
  const p = await projectTownship(ctx, township);
  try {
    const totals = getTotals(p.core, date);
    return { ...totals, township: { id: township.id, name: township.name }, storage: await townshipStorage(ctx, township.id, p.core) };
  } catch (error) {
    if (error instanceof AppError) {
      throw new AppError(error.code, { zh: `${township.name}：${error.messageZh}`, en: `${township.name}: ${error.messageEn}` }, error.details);
    }
    throw error;
  } finally {
    p.close();
  }
}

const sumWorks = (list: Works[]): Works => ({
  culvertsLaid: list.reduce((s, w) => s + w.culvertsLaid, 0),
  culvertMeters: round1(list.reduce((s, w) => s + w.culvertMeters, 0)),
  fieldDitchMeters: round1(list.reduce((s, w) => s + w.fieldDitchMeters, 0)),
  clearedDitchMeters: round1(list.reduce((s, w) => s + w.clearedDitchMeters, 0)),
  pumpedM3: list.reduce((s, w) => s + w.pumpedM3, 0),
});

/** The county line from the township lines. */
export function countyTotal(date: string, lines: readonly TownshipTotals[]): CountyTotal {
  const sum = (f: (t: Totals) => number) => lines.reduce((s, t) => s + f(t), 0);
  const mean = (f: (t: Totals) => number) => (lines.length === 0 ? 0 : round1(sum(f) / lines.length));
  const seasonMm = mean((t) => t.rain.seasonMm);
  const lastYearSeasonMm = mean((t) => t.rain.lastYearSeasonMm);
  const change = seasonChangePercent(seasonMm, lastYearSeasonMm);
  return {
    date,
    townships: lines.length,
    rain: {
      dayMm: mean((t) => t.rain.dayMm),
      seasonMm,
      lastYearSeasonMm,
      changePct: change === null ? null : round1(change),
      townshipsReported: lines.filter((t) => t.rain.stationsReported > 0).length,
    },
    deployment: {
      rows: sum((t) => t.deployment.rows),
      people: sum((t) => t.deployment.people),
      excavators: sum((t) => t.deployment.excavators),
      longArmExcavators: sum((t) => t.deployment.longArmExcavators),
      dumpTrucks: sum((t) => t.deployment.dumpTrucks),
      pumps: sum((t) => t.deployment.pumps),
      pumpHours: round1(sum((t) => t.deployment.pumpHours)),
    },
    works: sumWorks(lines.map((t) => t.works)),
    worksToday: sumWorks(lines.map((t) => t.worksToday)),
    storage: {
      storageM3: lines.reduce((s, t) => s + t.storage.storageM3, 0),
      fullStorageM3: lines.reduce((s, t) => s + t.storage.fullStorageM3, 0),
      excluded: lines.reduce((s, t) => s + t.storage.excluded, 0),
    },
    blockages: {
      open: sum((t) => t.blockages.open),
      clearedToday: sum((t) => t.blockages.clearedToday),
      clearedSeason: sum((t) => t.blockages.clearedSeason),
    },
  };
}

/** Every enrolled township's figures for a day, and the county line. */
export async function countyReport(ctx: ServerContext, date: string): Promise<CountyReport> {
  const all = (await new TownshipRepository(ctx.pool).list()).filter((t) => t.enrolled_at !== null);
  const feed = new FeedRepository(ctx.pool);
  const today = townshipDay(ctx.now());
  const townships: TownshipTotals[] = [];
  for (const t of all) {
    const key = `${date}|${today}|${await feed.lastSeq(t.id)}`;
    const kept = ctx.reports.lines.get(t.id);
    if (kept?.key === key) {
      townships.push({ ...kept.totals, township: { id: t.id, name: t.name } });
      continue;
    }
    const totals = await townshipTotals(ctx, t, date);
    ctx.reports.lines.set(t.id, { key, totals });
    townships.push(totals);
  }
  return { date, townships, total: countyTotal(date, townships) };
}
