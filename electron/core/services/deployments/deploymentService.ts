import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { deploymentRowInputSchema, DeploymentChange, DeploymentDay, DeploymentRow } from '../../../../shared/contract/deployments';
import { AppError } from '../../../../shared/contract/errors';
import type { IssueDetail } from '../../../../shared/contract/validation';
import type { CoreContext } from '../../context';
import { ChangeLog } from '../../db/repositories/changeLog';
import { DeploymentRepository, type DeploymentRecord } from '../../db/repositories/deploymentRepository';
import { blockageLabel, NetworkLookup } from '../../db/repositories/networkLookup';
import { requireSeasonDay, seasonWindow } from '../totals/season';
import { writeSettings } from '../settings/store';
import type { SettingKey } from '../settings/registry';
import { DEPLOYMENT_OPTION_KEYS, getDeploymentOptions } from './options';
import { knownVillages } from './places';
import { sameRecord, sumRows, toRow } from './rows';

type RowInput = z.output<typeof deploymentRowInputSchema>;

function repo(ctx: CoreContext): DeploymentRepository {
  return new DeploymentRepository(ctx.db, ctx.townshipId);
}

/** The deployments' history: their rows and their option keys. */
function log(ctx: CoreContext): ChangeLog {
  return new ChangeLog(ctx.db, ctx.townshipId, [
    { entity: 'deployment', table: 'deployment' },
    { entity: 'option', table: 'setting', rowIds: Object.values(DEPLOYMENT_OPTION_KEYS) },
  ]);
}

/** Labels for blockage places, by id (deleted points keep their last name). */
function blockageLabels(ctx: CoreContext): Map<string, string> {
  return new Map(new NetworkLookup(ctx.db, ctx.townshipId).blockages(true).map((b) => [b.id, blockageLabel(b)]));
}

/**
 * One day's rows in grid order; a blockage's place is its label where `labels` has one, else as
 * stored. Capacity's pumps, read on every report, need the figures, not the names, and pass none:
 * labelling reads every blockage.
 */
export function getDayRows(ctx: CoreContext, date: string, labels?: Map<string, string>): DeploymentRow[] {
  const rated = getDeploymentOptions(ctx).ratedPumpM3h;
  return repo(ctx)
    .day(date)
    .map((r) => toRow(r, rated, r.blockage_id ? (labels?.get(r.blockage_id) ?? r.place) : r.place));
}

/** One day's rows in grid order, each blockage named by its label, with the day's sums. */
export function getDay(ctx: CoreContext, date: string): DeploymentDay {
  const rows = getDayRows(ctx, date, blockageLabels(ctx));
  return { date, rows, totals: sumRows(rows) };
}

class Issues {
  readonly list: IssueDetail[] = [];
  add(path: string, zh: string, en: string): void {
    this.list.push({ path, code: 'custom', message: zh, messageEn: en });
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const zh = this.list.map((i) => i.message).join('；');
    const en = this.list.map((i) => i.messageEn).join('; ');
    throw new AppError(
      'invalid_input',
      { zh: `出动记录有 ${this.list.length} 处错误，未保存：${zh}`, en: `${this.list.length} problem(s) in the deployments, nothing saved: ${en}` },
      { issues: this.list },
    );
  }
}

/** Check each row's place against the village list and the blockage points; every problem is named. */
function checkRows(ctx: CoreContext, date: string, rows: RowInput[], existing: Map<string, DeploymentRecord>): Map<string, string> {
  const issues = new Issues();
  const villages = new Set(knownVillages(ctx));
  const lookup = new NetworkLookup(ctx.db, ctx.townshipId);
  const blockageNames = new Map<string, string>();
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const n = i + 1;
    const at = (field: string) => `rows[${i}].${field}`;
    if (row.id !== undefined) {
      if (seen.has(row.id)) issues.add(at('id'), `第 ${n} 行与前面的行是同一条记录`, `row ${n} repeats an earlier row`);
      seen.add(row.id);
      if (!existing.has(row.id)) {
        issues.add(
          at('id'),
          `第 ${n} 行已被删除或不属于 ${date}，请刷新后再改`,
          `row ${n} was deleted or does not belong to ${date}; reload and try again`,
        );
      }
    }
    if (row.placeKind === 'village') {
      if (row.place === '') issues.add(at('place'), `第 ${n} 行：请填写村名`, `row ${n}: enter the village`);
      else if (!villages.has(row.place)) {
        issues.add(
          at('place'),
          `第 ${n} 行：村庄“${row.place}”不在村庄列表中（请检查村名，或先在村庄列表中添加）`,
          `row ${n}: the village "${row.place}" is not in the village list (check the name, or add it to the list first)`,
        );
      }
    } else if (row.placeKind === 'site') {
      if (row.place === '') issues.add(at('place'), `第 ${n} 行：请填写工地名称`, `row ${n}: describe the work site`);
    }
    if (row.placeKind === 'blockage') {
      const b = row.blockageId ? lookup.blockage(row.blockageId) : undefined;
      if (!row.blockageId) issues.add(at('blockageId'), `第 ${n} 行：请选择堵点`, `row ${n}: choose the blockage point`);
      else if (!b || b.deleted_at !== null) {
        issues.add(at('blockageId'), `第 ${n} 行：堵点不存在或已删除`, `row ${n}: the blockage point does not exist or was deleted`);
      } else blockageNames.set(b.id, blockageLabel(b));
    } else if (row.blockageId) {
      issues.add(at('blockageId'), `第 ${n} 行：只有地点类型为“堵点”时才能选择堵点`, `row ${n}: a blockage can only be named when the place kind is blockage`);
    }
  });
  issues.throwIfAny();
  return blockageNames;
}

function toRecord(ctx: CoreContext, date: string, seq: number, row: RowInput, base: DeploymentRecord | undefined, place: string, at: string): DeploymentRecord {
  return {
    id: base?.id ?? randomUUID(),
    township_id: ctx.townshipId,
    date,
    seq,
    place_kind: row.placeKind,
    place,
    blockage_id: row.placeKind === 'blockage' ? row.blockageId : null,
    task: row.task,
    people: row.people,
    excavators: row.excavators,
    long_arm_excavators: row.longArmExcavators,
    dump_trucks: row.dumpTrucks,
    pumps: row.pumps,
    hours: row.hours,
    culverts_laid: row.culvertsLaid,
    culvert_m: row.culvertMeters,
    field_ditch_m: row.fieldDitchMeters,
    cleared_ditch_m: row.clearedDitchMeters,
    pumped_m3: row.pumpedM3,
    note: row.note,
    source: base?.source ?? ctx.source,
    created_at: base?.created_at ?? at,
    updated_at: at,
    deleted_at: null,
  };
}

/**
 * Save a day's grid as a whole: new rows created, changed rows updated, saved rows left out
 * deleted (soft), each with a history row in one batch, all in one transaction. Any invalid row
 * and nothing is written.
 */
export function saveDay(ctx: CoreContext, date: string, rows: RowInput[]): DeploymentDay & { changed: number } {
  requireSeasonDay(date, seasonWindow(ctx));
  const r = repo(ctx);
  const existing = new Map(r.day(date).map((x) => [x.id, x]));
  const blockageNames = checkRows(ctx, date, rows, existing);
  const at = ctx.now().toISOString();
  const batchId = randomUUID();
  let changed = 0;
  ctx.db.transaction(() => {
    const kept = new Set<string>();
    rows.forEach((row, i) => {
      const base = row.id ? existing.get(row.id) : undefined;
      const place = row.placeKind === 'blockage' ? (blockageNames.get(row.blockageId ?? '') ?? row.place) : row.place;
      const next = toRecord(ctx, date, i, row, base, place, at);
      kept.add(next.id);
      if (base && sameRecord(base, next)) return;
      r.save(next, { batchId, action: base ? 'update' : 'create', source: ctx.source, at });
      changed++;
    });
    for (const old of existing.values()) {
      if (kept.has(old.id)) continue;
      r.save({ ...old, updated_at: at, deleted_at: at }, { batchId, action: 'delete', source: ctx.source, at });
      changed++;
    }
  })();
  return { ...getDay(ctx, date), changed };
}

/**
 * Undo the last save (of rows or options): every record it touched goes back to how it was. The
 * undo is itself a batch in the history, so undoing again redoes.
 */
export function undoLast(ctx: CoreContext): { dates: string[]; changed: number } {
  const batch = log(ctx).lastUndoableBatch();
  if (batch.length === 0) {
    throw new AppError('not_found', { zh: '没有可以撤销的出动修改', en: 'There is no deployment change to undo' });
  }
  const r = repo(ctx);
  const at = ctx.now().toISOString();
  const batchId = randomUUID();
  const meta = { batchId, action: 'undo', source: ctx.source, at, undoesBatch: batch[0]!.batchId };
  const dates = new Set<string>();
  ctx.db.transaction(() => {
    for (const c of [...batch].reverse()) {
      const target = c.beforeJson === null ? null : (JSON.parse(c.beforeJson) as unknown);
      if (c.entity === 'option') {
        writeSettings(ctx, { [c.entityId as SettingKey]: target ?? undefined }, meta);
        continue;
      }
      const current = r.get(c.entityId);
      const live = current && current.deleted_at === null ? current : null;
      const wanted = target as DeploymentRecord | null;
      if (wanted) {
        const restored = { ...wanted, updated_at: at, deleted_at: null };
        r.save(restored, meta);
        dates.add(restored.date);
      } else if (live) {
        r.save({ ...live, updated_at: at, deleted_at: at }, meta);
        dates.add(live.date);
      }
    }
  })();
  return { dates: [...dates].sort(), changed: batch.length };
}

/** Changes newest first, optionally only those to one day's rows. */
export function deploymentHistory(ctx: CoreContext, date: string | undefined, limit = 50): DeploymentChange[] {
  const rated = getDeploymentOptions(ctx).ratedPumpM3h;
  const show = (json: string | null, entity: string): unknown => {
    if (json === null) return null;
    const value = JSON.parse(json) as unknown;
    return entity === 'deployment' ? toRow(value as DeploymentRecord, rated) : value;
  };
  return log(ctx)
    .recent(limit, date)
    .map((c) => {
      const before = show(c.beforeJson, c.entity) as { date?: string } | null;
      const after = show(c.afterJson, c.entity) as { date?: string } | null;
      return {
        id: c.id,
        batchId: c.batchId,
        entity: c.entity as DeploymentChange['entity'],
        entityId: c.entityId,
        action: c.action,
        date: c.entity === 'deployment' ? (after?.date ?? before?.date ?? null) : null,
        before,
        after,
        source: c.source,
        at: c.at,
      };
    });
}

