import { z } from 'zod';
import { DEFAULT_SILTED_AREA_FACTOR } from '../../../../shared/calc';
import { capacitySettingsSchema, type CapacitySettings } from '../../../../shared/contract/capacity';
import { deploymentOptionsSchema } from '../../../../shared/contract/deployments';
import { DEFAULT_FIELD_PORT } from '../../../../shared/contract/field';
import { rainOptionsSchema, type RainOptions } from '../../../../shared/contract/rainfall';
import { settingsSchema } from '../../../../shared/contract/settings';
import { defaultSettings } from './defaults';

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

/** Rated flow of one field pump when the office has not set its own, m³/h (a common 6-inch portable pump). */
export const DEFAULT_RATED_PUMP_M3H = 100;

/** The township's daily rainfall is the mean of the stations that reported, unless one station is chosen. */
export const DEFAULT_RAIN_OPTIONS: RainOptions = { townshipValue: 'mean', stationId: null };

interface KeySpec<T> {
  schema: z.ZodType<T>;
  /** The value of a key never written (some depend on today, e.g. the season's start). */
  fallback(now: Date): T;
}

function key<S extends z.ZodType>(schema: S, fallback: (now: Date) => z.output<S>): KeySpec<z.output<S>> {
  return { schema: schema as unknown as z.ZodType<z.output<S>>, fallback };
}

const main = settingsSchema.shape;
const capacity = capacitySettingsSchema.shape;

/**
 * Every setting the township keeps, one row each in the one settings store (`setting`), with its
 * schema and its default. A new setting is one line here; its history is the change feed.
 */
export const SETTING_KEYS = {
  townshipName: key(main.townshipName, (now) => defaultSettings(now).townshipName),
  issuingOffice: key(main.issuingOffice, (now) => defaultSettings(now).issuingOffice),
  seasonStart: key(main.seasonStart, (now) => defaultSettings(now).seasonStart),
  locale: key(main.locale, (now) => defaultSettings(now).locale),
  units: key(main.units, (now) => defaultSettings(now).units),
  basemap: key(main.basemap, (now) => defaultSettings(now).basemap),
  townshipCode: key(main.townshipCode, (now) => defaultSettings(now).townshipCode),
  setupState: key(main.setupState, (now) => defaultSettings(now).setupState),
  dispatch: key(main.dispatch, (now) => defaultSettings(now).dispatch),
  'capacity.siltedAreaFactor': key(capacity.siltedAreaFactor, () => DEFAULT_CAPACITY_SETTINGS.siltedAreaFactor),
  'capacity.defaultRunoffCoefficient': key(capacity.defaultRunoffCoefficient, () => DEFAULT_CAPACITY_SETTINGS.defaultRunoffCoefficient),
  'capacity.snapToleranceM': key(capacity.snapToleranceM, () => DEFAULT_CAPACITY_SETTINGS.snapToleranceM),
  'capacity.culvertManningN': key(capacity.culvertManningN, () => DEFAULT_CAPACITY_SETTINGS.culvertManningN),
  'deployments.villages': key(deploymentOptionsSchema.shape.villages, () => []),
  'deployments.ratedPumpM3h': key(deploymentOptionsSchema.shape.ratedPumpM3h, () => DEFAULT_RATED_PUMP_M3H),
  'rainfall.options': key(rainOptionsSchema, () => DEFAULT_RAIN_OPTIONS),
  'field.port': key(z.int().min(1024).max(65535), () => DEFAULT_FIELD_PORT),
} as const;

export type SettingKey = keyof typeof SETTING_KEYS;
export type SettingValue<K extends SettingKey> = (typeof SETTING_KEYS)[K] extends KeySpec<infer T> ? T : never;
export type SettingValues = { [K in SettingKey]: SettingValue<K> };

/** The keys of one area, e.g. `keysOf('capacity.')`. */
export function keysOf(prefix: string): SettingKey[] {
  return (Object.keys(SETTING_KEYS) as SettingKey[]).filter((k) => k.startsWith(prefix));
}

/** The keys of the settings page (settings.get / update / history / undo). */
export const MAIN_KEYS = Object.keys(settingsSchema.shape) as (keyof typeof settingsSchema.shape & SettingKey)[];
