import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import { settingsSchema, type Settings, type SettingsChange, type SettingsPatch } from '../../../../shared/contract/settings';
import type { CoreContext } from '../../context';
import { settingValueOf } from '../../db/repositories/settingsRepository';
import { MAIN_KEYS, SETTING_KEYS, type SettingKey } from './registry';
import { lastSettingsBatch, settingsChanges, settingsRepo, writeSettings } from './store';
import { defaultSettings } from './defaults';

/** The township's settings; keys never written yet take their defaults. */
export function getSettings(ctx: CoreContext): Settings {
  const stored = settingsRepo(ctx).readAll();
  const merged: Record<string, unknown> = { ...defaultSettings(ctx.now()) };
  for (const key of MAIN_KEYS) if (stored.has(key)) merged[key] = stored.get(key);
  return settingsSchema.parse(merged);
}

/** Change the named settings together (one transaction, one history entry per changed key). */
export function updateSettings(ctx: CoreContext, patch: SettingsPatch): Settings {
  const current = getSettings(ctx);
  const next = settingsSchema.parse({ ...current, ...patch, units: { ...current.units, ...patch.units }, basemap: { ...current.basemap, ...patch.basemap }, dispatch: { ...current.dispatch, ...patch.dispatch } });
  const changed = Object.fromEntries(MAIN_KEYS.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k])).map((k) => [k, next[k]]));
  writeSettings(ctx, changed);
  return getSettings(ctx);
}

/** History of setting changes, newest first. */
export function settingsHistory(ctx: CoreContext, limit = 50): SettingsChange[] {
  return settingsChanges(ctx, MAIN_KEYS, limit).map((c) => ({ ...c, source: c.source as SettingsChange['source'] }));
}

/**
 * Undo the most recent save: every key it changed goes back to its old value. The undo is itself
 * a save in the history, so nothing is lost and a second undo redoes.
 */
export function undoSettings(ctx: CoreContext): Settings {
  const batch = lastSettingsBatch(ctx, MAIN_KEYS);
  if (batch.length === 0) {
    throw new AppError('not_found', { zh: '没有可以撤销的设置修改', en: 'There is no settings change to undo' });
  }
  const current = getSettings(ctx) as Record<string, unknown>;
  const restored: Record<string, unknown> = {};
  // A key the save wrote for the first time is removed again, so it takes its default.
  for (const c of batch) restored[c.row_id] = settingValueOf(c.before_json);
  const check = { ...current };
  for (const [k, v] of Object.entries(restored)) check[k] = v ?? SETTING_KEYS[k as SettingKey].fallback(ctx.now());
  settingsSchema.parse(check);
  writeSettings(ctx, restored, { batchId: randomUUID(), action: 'undo', undoesBatch: batch[0]!.batch_id });
  return getSettings(ctx);
}
