import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import type { RainChange, RainGrid, RainOptions } from '../../../../shared/contract/rainfall';
import type { IssueDetail } from '../../../../shared/contract/validation';
import { dayRange, sameDayLastYear } from '../../../../shared/domain/dates';
import type { CoreContext } from '../../context';
import { ChangeLog } from '../../db/repositories/changeLog';
import { RainRepository, type BaselineRecord, type ReadingRecord, type StationRecord } from '../../db/repositories/rainRepository';
import { writeSettings } from '../settings/store';
import { dayProblem, seasonWindow } from '../totals/season';
import { baselineRain, townshipRain } from './daily';
import { getRainOptions, RAIN_OPTIONS_KEY } from './options';
import { listStations } from './stations';
import { RainWriter } from './writer';

/** Longest range the grid shows at once (a season and some). */
const MAX_GRID_DAYS = 400;

/** Each day of a range: every station's reading, the township value and last year's value. */
export function rainGrid(ctx: CoreContext, from: string, to: string): RainGrid {
  const days = dayRange(from, to);
  if (days.length > MAX_GRID_DAYS) {
    throw new AppError('invalid_input', { zh: `一次最多显示 ${MAX_GRID_DAYS} 天`, en: `At most ${MAX_GRID_DAYS} days at a time` });
  }
  const repo = new RainRepository(ctx.db, ctx.townshipId);
  const values = new Map<string, Record<string, number>>();
  for (const r of repo.readings(from, to)) {
    const day = values.get(r.date) ?? {};
    day[r.station_id] = r.mm;
    values.set(r.date, day);
  }
  const options = getRainOptions(ctx);
  const township = townshipRain(ctx, from, to, options);
  const baseline = baselineRain(ctx, from, to);
  return {
    from,
    to,
    stations: listStations(ctx),
    options,
    days: days.map((date) => {
      const lastYearDate = sameDayLastYear(date);
      return {
        date,
        values: values.get(date) ?? {},
        townshipMm: township.get(date)?.mm ?? null,
        lastYearDate,
        lastYearMm: baseline.get(lastYearDate) ?? null,
      };
    }),
  };
}

/**
 * Typed values: set or clear station readings and last year's values, all in one transaction and
 * one history batch. Every bad value is named and nothing is written.
 */
export function saveRain(
  ctx: CoreContext,
  readings: { date: string; stationId: string; mm: number | null }[],
  baseline: { date: string; mm: number | null }[],
): { changed: number } {
  const w = seasonWindow(ctx);
  const repo = new RainRepository(ctx.db, ctx.townshipId);
  const stations = new Map(repo.stations().map((s) => [s.id, s]));
  const issues: IssueDetail[] = [];
  const seen = new Set<string>();
  readings.forEach((r, i) => {
    const path = `readings[${i}]`;
    const problem = dayProblem(r.date, w);
    if (problem) issues.push({ path: `${path}.date`, code: 'custom', message: problem.zh, messageEn: problem.en });
    if (!stations.has(r.stationId)) {
      issues.push({ path: `${path}.stationId`, code: 'custom', message: `${r.date}：雨量站不存在或已删除`, messageEn: `${r.date}: the station does not exist or was deleted` });
    }
    const key = `${r.stationId}|${r.date}`;
    if (seen.has(key)) issues.push({ path, code: 'custom', message: `${r.date} 同一站点的雨量出现两次`, messageEn: `${r.date}: the same station's value appears twice` });
    seen.add(key);
  });
  const seenDays = new Set<string>();
  baseline.forEach((b, i) => {
    const problem = dayProblem(b.date, w);
    if (problem) issues.push({ path: `baseline[${i}].date`, code: 'custom', message: problem.zh, messageEn: problem.en });
    if (seenDays.has(b.date)) issues.push({ path: `baseline[${i}]`, code: 'custom', message: `${b.date} 去年同期雨量出现两次`, messageEn: `${b.date}: last year's value appears twice` });
    seenDays.add(b.date);
  });
  if (issues.length > 0) {
    throw new AppError(
      'invalid_input',
      { zh: `雨量有 ${issues.length} 处错误，未保存：${issues.map((i) => i.message).join('；')}`, en: `${issues.length} problem(s) in the rainfall, nothing saved: ${issues.map((i) => i.messageEn).join('; ')}` },
      { issues },
    );
  }
  const writer = new RainWriter(ctx);
  ctx.db.transaction(() => {
    for (const r of readings) writer.reading(r.stationId, r.date, r.mm);
    for (const b of baseline) writer.baseline(sameDayLastYear(b.date), b.mm);
  })();
  return { changed: writer.changed };
}

type Snapshot = StationRecord | ReadingRecord | BaselineRecord;

/** Undo the last rainfall save, import or station change (undoing again redoes). */
export function undoRain(ctx: CoreContext): { changed: number } {
  const batch = rainLog(ctx).lastUndoableBatch();
  if (batch.length === 0) throw new AppError('not_found', { zh: '没有可以撤销的雨情修改', en: 'There is no rainfall change to undo' });
  const repo = new RainRepository(ctx.db, ctx.townshipId);
  const at = ctx.now().toISOString();
  const meta = { batchId: randomUUID(), action: 'undo', source: ctx.source, at, undoesBatch: batch[0]!.batchId };
  const table = {
    station: { get: (id: string) => repo.station(id), save: (r: Snapshot) => repo.saveStation(r as StationRecord, meta) },
    reading: { get: (id: string) => repo.readingById(id), save: (r: Snapshot) => repo.saveReading(r as ReadingRecord, meta) },
    baseline: { get: (id: string) => repo.baselineById(id), save: (r: Snapshot) => repo.saveBaseline(r as BaselineRecord, meta) },
  };
  ctx.db.transaction(() => {
    for (const c of [...batch].reverse()) {
      const target = c.beforeJson === null ? null : (JSON.parse(c.beforeJson) as unknown);
      if (c.entity === 'option') {
        writeSettings(ctx, { [RAIN_OPTIONS_KEY]: (target as RainOptions | null) ?? undefined }, meta);
        continue;
      }
      const t = table[c.entity as keyof typeof table];
      const current = t.get(c.entityId);
      const live = current && current.deleted_at === null ? current : null;
      if (target) t.save({ ...(target as Snapshot), updated_at: at, deleted_at: null });
      else if (live) t.save({ ...live, updated_at: at, deleted_at: at });
    }
  })();
  return { changed: batch.length };
}

/** The rainfall history: stations, readings, last year's series and the township-value option. */
function rainLog(ctx: CoreContext): ChangeLog {
  return new ChangeLog(ctx.db, ctx.townshipId, [
    { entity: 'station', table: 'rain_station' },
    { entity: 'reading', table: 'rain_reading' },
    { entity: 'baseline', table: 'rain_baseline' },
    { entity: 'option', table: 'setting', rowIds: [RAIN_OPTIONS_KEY] },
  ]);
}

/** Rainfall changes, newest first. */
export function rainHistory(ctx: CoreContext, limit = 50): RainChange[] {
  const parse = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));
  return rainLog(ctx).recent(limit).map((c) => ({
    id: c.id,
    batchId: c.batchId,
    entity: c.entity as RainChange['entity'],
    entityId: c.entityId,
    action: c.action,
    before: parse(c.beforeJson),
    after: parse(c.afterJson),
    source: c.source,
    at: c.at,
  }));
}
