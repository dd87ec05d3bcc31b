import { z } from 'zod';
import { worksSchema } from './totals';
import { id, isoDate, isoTimestamp } from './common';
import { bilingual } from './validation';
import { DEPLOYMENT_TASKS } from '../domain/deployments';

export { DEPLOYMENT_TASKS, DEPLOYMENT_TASK_LABELS, type DeploymentTask } from '../domain/deployments';

/** Where a team worked: a village (from the list), a free-text work site, or a blockage point. */
export const PLACE_KINDS = ['village', 'site', 'blockage'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const PLACE_KIND_LABELS: Record<PlaceKind, { zh: string; en: string }> = {
  village: { zh: '村', en: 'Village' },
  site: { zh: '工地', en: 'Work site' },
  blockage: { zh: '堵点', en: 'Blockage' },
};

/** Upper bounds that catch a slip of the keyboard (an extra digit), far above any township's day. */
export const DEPLOYMENT_LIMITS = {
  people: 20_000,
  machines: 5_000,
  culverts: 10_000,
  metres: 1_000_000,
  pumpedM3: 100_000_000,
} as const;

/** A whole-number count from 0 to `max` (people, machines), 0 when left out, with bilingual messages. */
export function countField(zh: string, en: string, max: number) {
  const whole = bilingual(`${zh}应为 0 到 ${max} 之间的整数`, `${en} must be a whole number from 0 to ${max}`);
  return z
    .int({ error: whole })
    .min(0, { error: bilingual(`${zh}不能是负数`, `${en} must not be negative`) })
    .max(max, { error: whole })
    .default(0);
}

function metres(zh: string, en: string) {
  const max = DEPLOYMENT_LIMITS.metres;
  const msg = bilingual(`${zh}应为 0 到 ${max} 之间的数字（米）`, `${en} must be a number of metres from 0 to ${max}`);
  return z
    .number({ error: msg })
    .min(0, { error: bilingual(`${zh}不能是负数`, `${en} must not be negative`) })
    .max(max, { error: msg })
    .default(0);
}

/** One row of a day's entry grid; `id` names a row already saved (absent for a new row). */
export const deploymentRowInputSchema = z.strictObject({
  id: id.optional(),
  placeKind: z.enum(PLACE_KINDS, { error: bilingual('地点类型应为 村、工地 或 堵点', 'place kind must be village, site or blockage') }),
  /** The village's name or the work site's description; for a blockage the point's id is in blockageId. */
  place: z
    .string({ error: bilingual('地点应为文字', 'place must be text') })
    .trim()
    .max(60, { error: bilingual('地点不超过 60 个字', 'place is at most 60 characters') })
    .default(''),
  blockageId: id.nullable().default(null),
  task: z.enum(DEPLOYMENT_TASKS, {
    error: bilingual('任务应为 抽、疏、挖、清、铺、巡 之一', 'task must be one of pump, guide, dig, clear, culvert, patrol'),
  }),
  people: countField('人数', 'people', DEPLOYMENT_LIMITS.people),
  excavators: countField('钩机台数', 'excavators', DEPLOYMENT_LIMITS.machines),
  longArmExcavators: countField('长臂钩机台数', 'long-arm excavators', DEPLOYMENT_LIMITS.machines),
  dumpTrucks: countField('翻斗车台数', 'dump trucks', DEPLOYMENT_LIMITS.machines),
  pumps: countField('水泵台数', 'pumps', DEPLOYMENT_LIMITS.machines),
  hours: z
    .number({ error: bilingual('作业时长应为 0 到 24 之间的小时数', 'hours must be a number from 0 to 24') })
    .min(0, { error: bilingual('作业时长不能是负数', 'hours must not be negative') })
    .max(24, { error: bilingual('作业时长一天不超过 24 小时', 'hours are at most 24 in a day') })
    .default(0),
  culvertsLaid: countField('铺设涵管数', 'culverts laid', DEPLOYMENT_LIMITS.culverts),
  culvertMeters: metres('涵管长度', 'culvert length'),
  fieldDitchMeters: metres('新挖条田沟长度', 'field ditch dug'),
  clearedDitchMeters: metres('清淤沟渠长度', 'ditch cleared'),
  /** Water pumped, m³; null means "work it out": pumps × hours × the rated flow per pump. */
  pumpedM3: z
    .number({ error: bilingual('抽水量应为数字（立方米）', 'water pumped must be a number of m³') })
    .min(0, { error: bilingual('抽水量不能是负数', 'water pumped must not be negative') })
    .max(DEPLOYMENT_LIMITS.pumpedM3, { error: bilingual('抽水量过大', 'water pumped is implausibly large') })
    .nullable()
    .default(null),
  note: z.string().trim().max(200, { error: bilingual('备注不超过 200 个字', 'note is at most 200 characters') }).default(''),
});
export type DeploymentRowInput = z.input<typeof deploymentRowInputSchema>;

export const deploymentRowSchema = z.object({
  id,
  date: isoDate,
  seq: z.int(),
  placeKind: z.enum(PLACE_KINDS),
  place: z.string(),
  blockageId: z.string().nullable(),
  /** What the UI shows for the place (a blockage's current name). */
  placeLabel: z.string(),
  task: z.enum(DEPLOYMENT_TASKS),
  people: z.int(),
  excavators: z.int(),
  longArmExcavators: z.int(),
  dumpTrucks: z.int(),
  pumps: z.int(),
  hours: z.number(),
  culvertsLaid: z.int(),
  culvertMeters: z.number(),
  fieldDitchMeters: z.number(),
  clearedDitchMeters: z.number(),
  /** As entered; null when it is worked out from pump-hours. */
  pumpedM3: z.number().nullable(),
  /** The figure used in totals: entered, or pumps × hours × rated flow. */
  pumpedM3Effective: z.number(),
  note: z.string(),
  source: z.string(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type DeploymentRow = z.infer<typeof deploymentRowSchema>;

/** Sums over a set of deployment rows (a day, or the season). */
export const deploymentSumsSchema = z.object({
  rows: z.int(),
  people: z.int(),
  excavators: z.int(),
  longArmExcavators: z.int(),
  dumpTrucks: z.int(),
  pumps: z.int(),
  pumpHours: z.number(),
  ...worksSchema.shape,
});
export type DeploymentSums = z.infer<typeof deploymentSumsSchema>;

export const deploymentDaySchema = z.object({
  date: isoDate,
  rows: z.array(deploymentRowSchema),
  totals: deploymentSumsSchema,
});
export type DeploymentDay = z.infer<typeof deploymentDaySchema>;

export const deploymentOptionsSchema = z.strictObject({
  /** The township's villages (the network's villages count too). */
  villages: z
    .array(
      z
        .string()
        .trim()
        .min(1, { error: bilingual('村名不能为空', 'a village name must not be empty') })
        .max(30, { error: bilingual('村名不超过 30 个字', 'a village name is at most 30 characters') }),
    )
    .max(200, { error: bilingual('村庄不超过 200 个', 'at most 200 villages') }),
  /** Rated flow of one pump, m³/h, used when a row's water pumped is left blank. */
  ratedPumpM3h: z
    .number({ error: bilingual('水泵额定流量应为数字（立方米/小时）', 'rated pump flow must be a number of m³/h') })
    .gt(0, { error: bilingual('水泵额定流量应大于 0', 'rated pump flow must be greater than 0') })
    .max(20_000, { error: bilingual('水泵额定流量不超过 20000 立方米/小时', 'rated pump flow is at most 20,000 m³/h') }),
});
export type DeploymentOptions = z.infer<typeof deploymentOptionsSchema>;

export const deploymentPlacesSchema = z.object({
  /** Every village a row may name: the option list and the network's villages. */
  villages: z.array(z.string()),
  blockages: z.array(
    z.object({ id, label: z.string(), village: z.string(), status: z.string(), open: z.boolean() }),
  ),
});
export type DeploymentPlaces = z.infer<typeof deploymentPlacesSchema>;

export const deploymentChangeSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  entity: z.enum(['deployment', 'option']),
  entityId: z.string(),
  action: z.string(),
  date: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  source: z.string(),
  at: isoTimestamp,
});
export type DeploymentChange = z.infer<typeof deploymentChangeSchema>;

export const deploymentProcedures = {
  /** One day's rows, in grid order, with the day's sums. */
  'deployments.day': { input: z.strictObject({ date: isoDate }), output: deploymentDaySchema },
  /**
   * Save a day's grid as a whole: new rows are created, changed rows updated, saved rows missing
   * from the list deleted (soft). One transaction, one history batch; all rows valid or nothing.
   */
  'deployments.saveDay': {
    input: z.strictObject({
      date: isoDate,
      rows: z.array(deploymentRowInputSchema).max(500, { error: bilingual('一天最多 500 行', 'at most 500 rows a day') }),
    }),
    output: deploymentDaySchema.extend({ changed: z.int() }),
  },
  /** Put back what the last save changed (itself a change, so undoing again redoes). */
  'deployments.undo': { input: z.strictObject({}), output: z.object({ dates: z.array(isoDate), changed: z.int() }) },
  'deployments.history': {
    input: z.strictObject({ date: isoDate.optional(), limit: z.int().min(1).max(500).optional() }),
    output: z.array(deploymentChangeSchema),
  },
  /** What a row's place may be: known villages and the blockage points. */
  'deployments.places': { input: z.strictObject({}), output: deploymentPlacesSchema },
  'deployments.options': { input: z.strictObject({}), output: deploymentOptionsSchema },
  'deployments.setOptions': {
    input: deploymentOptionsSchema.partial().refine((p) => Object.keys(p).length > 0, {
      error: bilingual('没有要修改的选项', 'nothing to change'),
    }),
    output: deploymentOptionsSchema,
  },
};
