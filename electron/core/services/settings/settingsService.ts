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
  const next = settingsSchema.parse({ ...current, ...patch, units: { ...current.units, ...patch.units } });
  const at = ctx.now().toISOString();
  const r = repo(ctx);
  ctx.db.transaction(() => {
    for (const key of KEYS) {
      if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) r.write(key, next[key], ctx.source, at);
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
 * Undo the most recent save: every key changed at that same moment goes back to its old value.
 * The undo is itself recorded, so history stays complete.
 */
export function undoSettings(ctx: CoreContext): Settings {
  const recent = repo(ctx).history(100);
  const last = recent[0];
  if (!last) {
    throw new AppError('not_found', { zh: '没有可以撤销的设置修改', en: 'There is no settings change to undo' });
  }
  const batch = recent.filter((c) => c.changedAt === last.changedAt);
  const defaults = defaultSettings(ctx.now()) as Record<string, unknown>;
  const restored: Record<string, unknown> = {};
  for (const c of batch) restored[c.key] = c.oldJson === null ? defaults[c.key] : JSON.parse(c.oldJson);
  const current = getSettings(ctx) as Record<string, unknown>;
  settingsSchema.parse({ ...current, ...restored });
  const at = new Date(Math.max(ctx.now().getTime(), Date.parse(last.changedAt) + 1)).toISOString();
  const r = repo(ctx);
  ctx.db.transaction(() => {
    for (const [key, value] of Object.entries(restored)) r.write(key, value, ctx.source, at);
  })();
  return getSettings(ctx);
}
