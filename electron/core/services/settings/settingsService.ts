import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import { settingsSchema, type Settings, type SettingsChange, type SettingsPatch } from '../../../../shared/contract/settings';
import type { CoreContext } from '../../context';
import { SettingsRepository } from '../../db/repositories/settingsRepository';
import { defaultSettings } from './defaults';

const KEYS = Object.keys(settingsSchema.shape) as (keyof Settings)[];

function repo(ctx: CoreContext): SettingsRepository {
  return new SettingsRepository(ctx.db, ctx.townshipId);
}

/** The township's settings; keys never written yet take their defaults. */
export function getSettings(ctx: CoreContext): Settings {
  const stored = repo(ctx).readAll();
  const merged: Record<string, unknown> = { ...defaultSettings(ctx.now()) };
  for (const key of KEYS) if (stored.has(key)) merged[key] = stored.get(key);
  return settingsSchema.parse(merged);
}

/** Change the named settings together (one transaction, one history row per changed key). */
export function updateSettings(ctx: CoreContext, patch: SettingsPatch): Settings {
  const current = getSettings(ctx);
  const next = settingsSchema.parse({ ...current, ...patch, units: { ...current.units, ...patch.units }, basemap: { ...current.basemap, ...patch.basemap }, dispatch: { ...current.dispatch, ...patch.dispatch } });
  const at = ctx.now().toISOString();
  const batchId = randomUUID();
  const r = repo(ctx);
  ctx.db.transaction(() => {
    for (const key of KEYS) {
      if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) {
        r.write({ key, oldValue: current[key], newValue: next[key], batchId, source: ctx.source, at });
      }
    }
  })();
  return getSettings(ctx);
}

/** History of setting changes, newest first. */
export function settingsHistory(ctx: CoreContext, limit = 50): SettingsChange[] {
  return repo(ctx)
    .history(limit)
    .map((c) => ({
      id: c.id,
      key: c.key,
      oldValue: c.oldJson === null ? null : (JSON.parse(c.oldJson) as unknown),
      newValue: JSON.parse(c.newJson) as unknown,
      changedAt: c.changedAt,
      source: c.source as SettingsChange['source'],
    }));
}

/**
 * Undo the most recent save: every key it changed goes back to its old value. The undo is itself
 * a save in the history, so nothing is lost and a second undo redoes.
 */
export function undoSettings(ctx: CoreContext): Settings {
  const batch = repo(ctx).lastBatch();
  if (batch.length === 0) {
    throw new AppError('not_found', { zh: '没有可以撤销的设置修改', en: 'There is no settings change to undo' });
  }
  const current = getSettings(ctx) as Record<string, unknown>;
  const restored: Record<string, unknown> = {};
  for (const c of batch) if (c.oldJson !== null) restored[c.key] = JSON.parse(c.oldJson);
  settingsSchema.parse({ ...current, ...restored });
  const at = ctx.now().toISOString();
  const batchId = randomUUID();
  const r = repo(ctx);
  ctx.db.transaction(() => {
    for (const [key, value] of Object.entries(restored)) {
      r.write({ key, oldValue: current[key], newValue: value, batchId, source: ctx.source, at });
    }
  })();
  return getSettings(ctx);
}
