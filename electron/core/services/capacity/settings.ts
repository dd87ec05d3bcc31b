/** Capacity settings: defaults in code, the township's changes in capacity_setting with history. */
import { randomUUID } from 'node:crypto';
import { DEFAULT_SILTED_AREA_FACTOR } from '../../../../shared/calc';
import { capacitySettingsSchema, type CapacitySettings } from '../../../../shared/contract/capacity';
import type { CoreContext } from '../../context';

/**
 * Silted ditches keep 70% of their section (shared/calc's default); C = 0.6 suits saturated
 * farmland in a long wet season; ditch ends within 5 m are one junction (hand-drawn and GPS lines
 * rarely meet exactly); culverts are concrete pipes (n = 0.013, DESIGN §2).
 */
export const DEFAULT_CAPACITY_SETTINGS: CapacitySettings = {
  siltedAreaFactor: DEFAULT_SILTED_AREA_FACTOR,
  defaultRunoffCoefficient: 0.6,
  snapToleranceM: 5,
  culvertManningN: 0.013,
};

const KEYS = Object.keys(DEFAULT_CAPACITY_SETTINGS) as (keyof CapacitySettings)[];

/** The township's capacity settings; keys never set take their defaults. */
export function getCapacitySettings(ctx: CoreContext): CapacitySettings {
  const rows = ctx.db.prepare('SELECT key, value_json FROM capacity_setting WHERE township_id = ?').all(ctx.townshipId) as { key: string; value_json: string }[];
  const merged: Record<string, unknown> = { ...DEFAULT_CAPACITY_SETTINGS };
  for (const r of rows) if ((KEYS as string[]).includes(r.key)) merged[r.key] = JSON.parse(r.value_json);
  const parsed = capacitySettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_CAPACITY_SETTINGS;
}

/** Change the named settings in one transaction, one history row per changed key. */
export function setCapacitySettings(ctx: CoreContext, patch: Partial<CapacitySettings>): CapacitySettings {
  const current = getCapacitySettings(ctx);
  const next = capacitySettingsSchema.parse({ ...current, ...patch });
  const at = ctx.now().toISOString();
  const batchId = randomUUID();
  const upsert = ctx.db.prepare(
    `INSERT INTO capacity_setting (township_id, key, value_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (township_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  const history = ctx.db.prepare(
    `INSERT INTO capacity_setting_change (id, township_id, batch_id, key, old_json, new_json, source, at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  ctx.db.transaction(() => {
    for (const key of KEYS) {
      if (next[key] === current[key]) continue;
      upsert.run(ctx.townshipId, key, JSON.stringify(next[key]), at, at);
      history.run(randomUUID(), ctx.townshipId, batchId, key, JSON.stringify(current[key]), JSON.stringify(next[key]), ctx.source, at, at, at);
    }
  })();
  return next;
}
