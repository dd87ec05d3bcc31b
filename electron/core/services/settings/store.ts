import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { FeedRow } from '../../db/feed/changeFeed';
import { SettingsRepository, settingValueOf } from '../../db/repositories/settingsRepository';
import { SETTING_KEYS, type SettingKey, type SettingValue, type SettingValues } from './registry';

type Ctx = Pick<CoreContext, 'db' | 'townshipId' | 'now' | 'source'>;

export function settingsRepo(ctx: Pick<CoreContext, 'db' | 'townshipId'>): SettingsRepository {
  return new SettingsRepository(ctx.db, ctx.townshipId);
}

/** A key's value: as stored when it is valid, else its default. */
export function readSetting<K extends SettingKey>(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now'>, key: K, stored = settingsRepo(ctx).readAll()): SettingValue<K> {
  const spec = SETTING_KEYS[key];
  if (stored.has(key)) {
    const parsed = spec.schema.safeParse(stored.get(key));
    if (parsed.success) return parsed.data as SettingValue<K>;
  }
  return spec.fallback(ctx.now()) as SettingValue<K>;
}

/** Several keys at once (one read of the store). */
export function readSettings<K extends SettingKey>(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now'>, keys: readonly K[]): Pick<SettingValues, K> {
  const stored = settingsRepo(ctx).readAll();
  return Object.fromEntries(keys.map((k) => [k, readSetting(ctx, k, stored)])) as Pick<SettingValues, K>;
}

/** The raw stored value of a key, undefined when never written (its default applies). */
export function storedSetting(ctx: Pick<CoreContext, 'db' | 'townshipId'>, key: SettingKey): unknown {
  return settingsRepo(ctx).readAll().get(key);
}

export interface SettingsWrite {
  batchId?: string;
  source?: string;
  action?: string;
  undoesBatch?: string;
  /** When (default now): a save that writes rows and options gives them one instant. */
  at?: string;
}

/**
 * Write keys together in one transaction (the caller's, when there is one), one feed entry per
 * changed key. A value is checked against its key's schema; `undefined` removes the key (it takes
 * its default again — how an undo returns to "never set"). Returns how many keys changed.
 */
export function writeSettings(ctx: Ctx, values: { [K in SettingKey]?: SettingValue<K> | undefined }, opts: SettingsWrite = {}): number {
  const repo = settingsRepo(ctx);
  const stored = repo.readAll();
  const meta = { batchId: opts.batchId ?? randomUUID(), source: opts.source ?? ctx.source, at: opts.at ?? ctx.now().toISOString(), action: opts.action ?? 'set', undoesBatch: opts.undoesBatch ?? null };
  let changed = 0;
  ctx.db.transaction(() => {
    for (const [key, value] of Object.entries(values) as [SettingKey, unknown][]) {
      const next = value === undefined ? undefined : SETTING_KEYS[key].schema.parse(value);
      if (JSON.stringify(stored.get(key)) === JSON.stringify(next)) continue;
      repo.write(key, next, meta);
      changed++;
    }
  })();
  return changed;
}

/** One change of a setting: the value it replaced and the value it set (a key never written holds its default). */
export interface SettingChange {
  id: string;
  key: SettingKey;
  oldValue: unknown;
  newValue: unknown;
  changedAt: string;
  source: string;
}

/** Changes of these keys, newest first. */
export function settingsChanges(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now'>, keys: readonly SettingKey[], limit: number): SettingChange[] {
  return settingsRepo(ctx)
    .history(keys, limit)
    .map((c) => {
      const key = c.row_id as SettingKey;
      const value = (json: string | null) => settingValueOf(json) ?? SETTING_KEYS[key].fallback(ctx.now());
      return { id: c.change_id, key, oldValue: value(c.before_json), newValue: value(c.row_json), changedAt: c.at, source: c.source };
    });
}

/** The newest save that touched these keys (only its entries for these keys). */
export function lastSettingsBatch(ctx: Pick<CoreContext, 'db' | 'townshipId'>, keys: readonly SettingKey[]): FeedRow[] {
  return settingsRepo(ctx).lastBatch(keys);
}
