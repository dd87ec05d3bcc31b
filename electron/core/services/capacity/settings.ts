/** Capacity settings: typed keys `capacity.*` in the one settings store, defaults in its registry. */
import { capacitySettingsSchema, type CapacitySettings } from '../../../../shared/contract/capacity';
import type { CoreContext } from '../../context';
import { DEFAULT_CAPACITY_SETTINGS, keysOf, type SettingKey } from '../settings/registry';
import { readSettings, writeSettings } from '../settings/store';

export { DEFAULT_CAPACITY_SETTINGS };

const FIELDS = Object.keys(DEFAULT_CAPACITY_SETTINGS) as (keyof CapacitySettings)[];
const KEYS = keysOf('capacity.');
const keyOf = (field: keyof CapacitySettings) => `capacity.${field}` as SettingKey;

/** The township's capacity settings; keys never set take their defaults. */
export function getCapacitySettings(ctx: CoreContext): CapacitySettings {
  const stored = readSettings(ctx, KEYS) as Record<string, unknown>;
  return Object.fromEntries(FIELDS.map((f) => [f, stored[keyOf(f)]])) as CapacitySettings;
}

/** Change the named settings in one transaction, one history entry per changed key. */
export function setCapacitySettings(ctx: CoreContext, patch: Partial<CapacitySettings>): CapacitySettings {
  const current = getCapacitySettings(ctx);
  const next = capacitySettingsSchema.parse({ ...current, ...patch });
  writeSettings(ctx, Object.fromEntries(FIELDS.filter((f) => next[f] !== current[f]).map((f) => [keyOf(f), next[f]])));
  return next;
}
