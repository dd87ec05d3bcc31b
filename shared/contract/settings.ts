import { z } from 'zod';
import { isoDate, isoTimestamp } from './common';
import { bilingual } from './validation';
import { dispatchSettingsSchema } from './dispatchSettings';

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const unitsSchema = z.strictObject({
  /** Volumes: cubic metres, or 万m³ (10,000 m³) as leaders read them. */
  volume: z.enum(['m3', 'wan_m3']),
  length: z.enum(['m', 'km']),
  area: z.enum(['mu', 'ha']),
});

/** The map's background: none by default (works offline); online tiles only when chosen. */
export const basemapSchema = z.strictObject({
  kind: z.enum(['none', 'tianditu_vec', 'tianditu_img', 'osm', 'offline']),
  tiandituKey: z.string().trim().max(64).regex(/^[0-9a-zA-Z]*$/, { error: bilingual('天地图密钥只含字母和数字', 'the Tianditu key has letters and digits only') }),
  /** A raster MBTiles or PMTiles file on this PC, for maps without the internet. */
  offlineFile: z.string().trim().max(1000),
});
export type Basemap = z.infer<typeof basemapSchema>;

export const settingsSchema = z.strictObject({
  townshipName: z
    .string()
    .trim()
    .min(1, { error: bilingual('乡镇名称不能为空', 'township name must not be empty') })
    .max(40, { error: bilingual('乡镇名称不超过 40 个字', 'township name is at most 40 characters') }),
  issuingOffice: z
    .string()
    .trim()
    .min(1, { error: bilingual('发文单位不能为空', 'issuing office must not be empty') })
    .max(60, { error: bilingual('发文单位不超过 60 个字', 'issuing office is at most 60 characters') }),
  seasonStart: isoDate,
  locale: z.enum(LOCALES),
  units: unitsSchema,
  basemap: basemapSchema,
  /** The township's national division code (9 digits, e.g. 220322204), its identity on the county server; '' until set up. */
  townshipCode: z.string().regex(/^(\d{9})?$/, { error: bilingual('乡镇代码应为 9 位数字', 'a township code has 9 digits') }),
  /** Whether the first-run setup was completed or skipped (a new data folder starts 'pending'). */
  setupState: z.enum(['pending', 'done', 'skipped']),
  /** The dispatch planner: travel estimate and what each blockage cause needs (issue 13). */
  dispatch: dispatchSettingsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;
export type Units = z.infer<typeof unitsSchema>;

/** Only the fields to change; anything not named stays as it is. */
export const settingsPatchSchema = settingsSchema
  .extend({ units: unitsSchema.partial(), basemap: basemapSchema.partial(), dispatch: dispatchSettingsSchema.partial() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, {
    error: bilingual('没有要修改的设置项', 'nothing to change: name at least one setting'),
  });
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsChangeSchema = z.object({
  id: z.string(),
  key: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  changedAt: isoTimestamp,
  source: z.enum(['desk', 'field', 'import', 'cli', 'demo', 'migration']),
});
export type SettingsChange = z.infer<typeof settingsChangeSchema>;

export const settingsProcedures = {
  'settings.get': { input: z.strictObject({}), output: settingsSchema },
  'settings.update': { input: settingsPatchSchema, output: settingsSchema },
  'settings.history': {
    input: z.strictObject({ limit: z.int().min(1).max(500).optional() }),
    output: z.array(settingsChangeSchema),
  },
  /** Puts back the value a setting had before its last change (history keeps both). */
  'settings.undo': { input: z.strictObject({}), output: settingsSchema },
};
