import { z } from 'zod';
import { isoDate } from './common';
import { basemapSchema, settingsSchema } from './settings';
import { bilingual } from './validation';

/** A national administrative division code: province 2, city 4, county 6, township 9 digits. */
export const divisionCode = z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, {
  error: bilingual('行政区划代码应为 2、4、6 或 9 位数字', 'a division code has 2, 4, 6 or 9 digits'),
});
export const townshipCode = z.string().regex(/^\d{9}$/, {
  error: bilingual('乡镇代码应为 9 位数字（如 220322204）', 'a township code has 9 digits (e.g. 220322204)'),
});

export const DIVISION_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

export const divisionSchema = z.object({ code: z.string(), name: z.string(), level: z.enum(DIVISION_LEVELS) });
export type Division = z.infer<typeof divisionSchema>;

/** A township with the names of the province, city and county above it. */
export const townshipMatchSchema = z.object({ code: z.string(), name: z.string(), path: z.array(z.string()) });
export type TownshipMatch = z.infer<typeof townshipMatchSchema>;

export const townshipDetailSchema = townshipMatchSchema.extend({ villages: z.array(z.string()) });
export type TownshipDetail = z.infer<typeof townshipDetailSchema>;

/** The four things a new office does first; the map page lists them until all are done. */
export const checklistSchema = z.object({
  network: z.int().nonnegative(),
  teams: z.int().nonnegative(),
  deploymentsToday: z.int().nonnegative(),
  rainStations: z.int().nonnegative(),
});
export type Checklist = z.infer<typeof checklistSchema>;

export const setupStatusSchema = z.object({
  state: z.enum(['pending', 'done', 'skipped']),
  /** True on an empty data folder that has not been set up or skipped: the app opens the setup. */
  needed: z.boolean(),
  checklist: checklistSchema,
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

const villageName = z
  .string()
  .trim()
  .min(1, { error: bilingual('村名不能为空', 'a village name must not be empty') })
  .max(30, { error: bilingual('村名不超过 30 个字', 'a village name is at most 30 characters') });

export const setupApplySchema = z.strictObject({
  townshipCode,
  townshipName: settingsSchema.shape.townshipName,
  villages: z.array(villageName).max(300, { error: bilingual('村庄不超过 300 个', 'at most 300 villages') }),
  seasonStart: isoDate,
  issuingOffice: settingsSchema.shape.issuingOffice,
  basemap: basemapSchema,
});
export type SetupApply = z.infer<typeof setupApplySchema>;

export const setupProcedures = {
  'setup.status': { input: z.strictObject({}), output: setupStatusSchema },
  /** The divisions directly under `parent` (provinces when no parent is given). */
  'setup.divisions': { input: z.strictObject({ parent: divisionCode.optional() }), output: z.array(divisionSchema) },
  /** Townships whose name (and, for several words, the names above it) match, e.g. "梨树 双河". */
  'setup.searchTownships': {
    input: z.strictObject({ query: z.string().trim().min(1).max(40), limit: z.int().min(1).max(100).optional() }),
    output: z.object({ matches: z.array(townshipMatchSchema), total: z.int() }),
  },
  'setup.township': { input: z.strictObject({ code: townshipCode }), output: townshipDetailSchema },
  /** Save the township, its villages, season start, office and basemap together (one transaction). */
  'setup.apply': { input: setupApplySchema, output: settingsSchema },
  /** Leave the setup for later; it stays reachable from 设置. */
  'setup.skip': { input: z.strictObject({}), output: setupStatusSchema },
  /** Fill this empty data folder with the sample township 三合乡（示例）. */
  'setup.sample': { input: z.strictObject({}), output: z.object({ features: z.int() }) },
  /** Try a Tianditu key against Tianditu's tile server (needs the internet). */
  'basemap.testTianditu': {
    input: z.strictObject({ key: basemapSchema.shape.tiandituKey.pipe(z.string().min(1, { error: bilingual('请填写天地图密钥', 'enter a Tianditu key') })) }),
    output: z.object({ ok: z.literal(true) }),
  },
};
