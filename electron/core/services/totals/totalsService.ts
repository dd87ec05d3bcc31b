import { AppError } from '../../../../shared/contract/errors';
import type { Series, SeriesDay, Totals, Works } from '../../../../shared/contract/totals';
import { seasonChangePercent } from '../../../../shared/calc/rain';
import { dayRange, sameDayLastYear } from '../../../../shared/domain/dates';
import type { CoreContext } from '../../context';
import { DeploymentRepository } from '../../db/repositories/deploymentRepository';
import { RainRepository } from '../../db/repositories/rainRepository';
import { getDeploymentOptions } from '../deployments/options';
import { baselineRain, townshipRain } from '../rainfall/daily';
import { blockageDays } from './blockageDays';
import { seasonWindow, type SeasonWindow } from './season';

/** Rounding is for display only: sums are taken unrounded and rounded once, here. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

interface RawDay {
  date: string;
  rainMm: number;
  stations: number;
  lastYearDate: string;
  lastYearMm: number;
  people: number;
  excavators: number;
  longArmExcavators: number;
  dumpTrucks: number;
  pumps: number;
  pumpHours: number;
  rows: number;
  works: Works;
  blockagesOpen: number;
  blockagesCleared: number;
}

const noWorks = (): Works => ({ culvertsLaid: 0, culvertMeters: 0, fieldDitchMeters: 0, clearedDitchMeters: 0, pumpedM3: 0 });

function addWorks(a: Works, b: Works): Works {
  return {
    culvertsLaid: a.culvertsLaid + b.culvertsLaid,
    culvertMeters: a.culvertMeters + b.culvertMeters,
    fieldDitchMeters: a.fieldDitchMeters + b.fieldDitchMeters,
    clearedDitchMeters: a.clearedDitchMeters + b.clearedDitchMeters,
    pumpedM3: a.pumpedM3 + b.pumpedM3,
  };
}

function roundWorks(w: Works): Works {
  return {
    culvertsLaid: w.culvertsLaid,
    culvertMeters: round2(w.culvertMeters),
    fieldDitchMeters: round2(w.fieldDitchMeters),
    clearedDitchMeters: round2(w.clearedDitchMeters),
    pumpedM3: Math.round(w.pumpedM3),
  };
}

/**
 * Every figure per day from the season start to `to`, unrounded. The one computation behind
 * totals.get and totals.series, so the dashboard, the CLI and the daily sheet agree.
 */
function rawDays(ctx: CoreContext, seasonStart: string, to: string): RawDay[] {
  const days = to < seasonStart ? [] : dayRange(seasonStart, to);
  if (days.length === 0) return [];
  const rain = townshipRain(ctx, seasonStart, to);
  const baseline = baselineRain(ctx, seasonStart, to);
  const rated = getDeploymentOptions(ctx).ratedPumpM3h;
  const deployments = new Map(new DeploymentRepository(ctx.db, ctx.townshipId).sumsByDay(seasonStart, to).map((d) => [d.date, d]));
  const blockages = blockageDays(ctx, days);
  return days.map((date) => {
    const d = deployments.get(date);
    const lastYearDate = sameDayLastYear(date);
    return {
      date,
      rainMm: rain.get(date)?.mm ?? 0,
      stations: rain.get(date)?.stations ?? 0,
      lastYearDate,
      lastYearMm: baseline.get(lastYearDate) ?? 0,
      people: d?.people ?? 0,
      excavators: d?.excavators ?? 0,
      longArmExcavators: d?.long_arm_excavators ?? 0,
      dumpTrucks: d?.dump_trucks ?? 0,
      pumps: d?.pumps ?? 0,
      pumpHours: d?.pump_hours ?? 0,
      rows: d?.rows ?? 0,
      works: d
        ? {
            culvertsLaid: d.culverts_laid,
            culvertMeters: d.culvert_m,
            fieldDitchMeters: d.field_ditch_m,
            clearedDitchMeters: d.cleared_ditch_m,
            pumpedM3: d.pumped_entered_m3 + d.pump_hours_unmetered * rated,
          }
        : noWorks(),
      blockagesOpen: blockages.get(date)?.open ?? 0,
      blockagesCleared: blockages.get(date)?.cleared ?? 0,
    };
  });
}

/** The latest day with rainfall or deployments, or null. */
export function latestDataDate(ctx: CoreContext): string | null {
  const a = new RainRepository(ctx.db, ctx.townshipId).latestDate();
  const b = new DeploymentRepository(ctx.db, ctx.townshipId).latestDate();
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** The day figures are asked for by default: the latest with data inside the season, else today. */
function defaultDay(ctx: CoreContext, w: SeasonWindow): string {
  const latest = latestDataDate(ctx);
  return latest !== null && latest >= w.seasonStart && latest <= w.today ? latest : w.today;
}

function checkDay(date: string, w: SeasonWindow): void {
  if (date < w.seasonStart) {
    throw new AppError('invalid_input', {
      zh: `日期 ${date} 早于汛期起始日期 ${w.seasonStart}，没有汛期数据`,
      en: `${date} is before the season start ${w.seasonStart}; there are no season figures for it`,
    });
  }
  if (date > w.today) {
    throw new AppError('invalid_input', { zh: `日期 ${date} 晚于今天（${w.today}）`, en: `${date} is after today (${w.today})` });
  }
}

/** The day's and the season's figures for one day (default: the latest day with data). */
export function getTotals(ctx: CoreContext, date?: string): Totals {
  const w = seasonWindow(ctx);
  const day = date ?? defaultDay(ctx, w);
  checkDay(day, w);
  const raw = rawDays(ctx, w.seasonStart, day);
  const last = raw[raw.length - 1]!;
  let seasonMm = 0;
  let lastYearSeasonMm = 0;
  let works = noWorks();
  const season = { days: raw.length, daysWithDeployments: 0, personDays: 0, excavatorDays: 0, longArmExcavatorDays: 0, dumpTruckDays: 0, pumpDays: 0, machineDays: 0 };
  let clearedSeason = 0;
  for (const d of raw) {
    seasonMm += d.rainMm;
    lastYearSeasonMm += d.lastYearMm;
    works = addWorks(works, d.works);
    if (d.rows > 0) season.daysWithDeployments++;
    season.personDays += d.people;
    season.excavatorDays += d.excavators;
    season.longArmExcavatorDays += d.longArmExcavators;
    season.dumpTruckDays += d.dumpTrucks;
    season.pumpDays += d.pumps;
    clearedSeason += d.blockagesCleared;
  }
  season.machineDays = season.excavatorDays + season.longArmExcavatorDays + season.dumpTruckDays + season.pumpDays;
  const seasonRounded = round1(seasonMm);
  const lastYearRounded = round1(lastYearSeasonMm);
  const change = seasonChangePercent(seasonRounded, lastYearRounded);
  return {
    date: day,
    today: w.today,
    seasonStart: w.seasonStart,
    latestDataDate: latestDataDate(ctx),
    rain: {
      dayMm: round1(last.rainMm),
      stationsReported: last.stations,
      lastYearDayMm: round1(last.lastYearMm),
      seasonMm: seasonRounded,
      lastYearSeasonMm: lastYearRounded,
      changePct: change === null ? null : round1(change),
      lastYearFrom: sameDayLastYear(w.seasonStart),
      lastYearTo: last.lastYearDate,
    },
    deployment: {
      rows: last.rows,
      people: last.people,
      excavators: last.excavators,
      longArmExcavators: last.longArmExcavators,
      dumpTrucks: last.dumpTrucks,
      pumps: last.pumps,
      pumpHours: round2(last.pumpHours),
    },
    works: roundWorks(works),
    worksToday: roundWorks(last.works),
    season,
    blockages: { open: last.blockagesOpen, clearedToday: last.blockagesCleared, clearedSeason },
  };
}

/** Daily series for charts; cumulative figures count from the season start whatever `from` is. */
export function getSeries(ctx: CoreContext, from?: string, to?: string): Series {
  const w = seasonWindow(ctx);
  const end = to ?? defaultDay(ctx, w);
  const start = from ?? w.seasonStart;
  if (start > end) {
    throw new AppError('invalid_input', { zh: `起始日期 ${start} 晚于结束日期 ${end}`, en: `from ${start} is after to ${end}` });
  }
  if (dayRange(start < w.seasonStart ? start : w.seasonStart, end).length > 800) {
    throw new AppError('invalid_input', { zh: '一次最多取 800 天的数据', en: 'At most 800 days at a time' });
  }
  const raw = rawDays(ctx, w.seasonStart < start ? w.seasonStart : start, end);
  let cum = 0;
  let lastCum = 0;
  let works = noWorks();
  const days: SeriesDay[] = [];
  for (const d of raw) {
    // Days before the season start (when `from` reaches back) do not add to the season's sums.
    if (d.date >= w.seasonStart) {
      cum += d.rainMm;
      lastCum += d.lastYearMm;
      works = addWorks(works, d.works);
    }
    if (d.date < start) continue;
    days.push({
      date: d.date,
      rainMm: round1(d.rainMm),
      lastYearDate: d.lastYearDate,
      lastYearMm: round1(d.lastYearMm),
      rainCumMm: round1(cum),
      lastYearCumMm: round1(lastCum),
      people: d.people,
      excavators: d.excavators,
      longArmExcavators: d.longArmExcavators,
      dumpTrucks: d.dumpTrucks,
      pumps: d.pumps,
      works: roundWorks(d.works),
      worksCum: roundWorks(works),
      blockagesOpen: d.blockagesOpen,
      blockagesCleared: d.blockagesCleared,
    });
  }
  return { seasonStart: w.seasonStart, from: start, to: end, days };
}
