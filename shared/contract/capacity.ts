/**
 * Drainage capacity (issue 6): what the ditches hold and carry, how long the water of a rain takes
 * to go from each area, and which open blockage to clear first. Everything is computed live from
 * the database on each call; numbers are in SI units (m, m², m³, m³/s, m³/h) and never rounded here.
 */
import { z } from 'zod';
import { DITCH_CONDITIONS, DITCH_KINDS, WORK_STATES, AREA_KINDS, BLOCKAGE_STATUSES } from '../domain/network';
import { isoDate } from './common';
import { bilingual } from './validation';

const bilingualSchema = z.object({ zh: z.string(), en: z.string() });

/** Which rain the runoff is computed for: the day's, the last three days' (the day and the two before), or a typed depth. */
export const RAIN_SOURCES = ['today', 'last3', 'typed'] as const;
export type RainSource = (typeof RAIN_SOURCES)[number];

/** Runoff method: runoff coefficient C, or the SCS curve number CN of each area. */
export const RUNOFF_METHODS = ['coefficient', 'scs'] as const;
export type RunoffMethod = (typeof RUNOFF_METHODS)[number];

export const capacitySettingsSchema = z.strictObject({
  /** Share of the full cross-section a silted (淤积) ditch keeps, (0, 1]. */
  siltedAreaFactor: z
    .number({ error: bilingual('淤积沟渠断面折减系数应为数字', 'silted section factor must be a number') })
    .gt(0, { error: bilingual('淤积折减系数应大于 0（完全淤死的沟按堵塞处理）', 'silted factor must be greater than 0 (a fully silted ditch is blocked)') })
    .max(1, { error: bilingual('淤积折减系数不能大于 1', 'silted factor must be at most 1') }),
  /** Runoff coefficient C for areas that have none of their own. */
  defaultRunoffCoefficient: z
    .number({ error: bilingual('默认径流系数应为数字', 'default runoff coefficient must be a number') })
    .min(0, { error: bilingual('径流系数应在 0 到 1 之间', 'runoff coefficient must be within 0..1') })
    .max(1, { error: bilingual('径流系数应在 0 到 1 之间', 'runoff coefficient must be within 0..1') }),
  /** Ditch ends closer than this are one junction; a point this close to a ditch is on it. m. */
  snapToleranceM: z
    .number({ error: bilingual('连接容差应为米数', 'snap tolerance must be a number of metres') })
    .min(0, { error: bilingual('连接容差不能为负数', 'snap tolerance must not be negative') })
    .max(50, { error: bilingual('连接容差不超过 50 米', 'snap tolerance is at most 50 m') }),
  /** Manning n of the culvert pipes (concrete ≈ 0.013). */
  culvertManningN: z
    .number({ error: bilingual('涵管糙率应为数字', 'culvert Manning n must be a number') })
    .min(0.01, { error: bilingual('涵管糙率应在 0.01–0.2 之间', 'culvert Manning n must be within 0.01–0.2') })
    .max(0.2, { error: bilingual('涵管糙率应在 0.01–0.2 之间', 'culvert Manning n must be within 0.01–0.2') }),
});
export type CapacitySettings = z.infer<typeof capacitySettingsSchema>;

/** What a capacity report is computed for. */
export const capacityQuerySchema = z
  .strictObject({
    /** The township day (default: the latest day with rainfall or deployments, else today). */
    date: isoDate.optional(),
    /** Default: 'typed' when rainMm is given, else 'today'. */
    rainSource: z.enum(RAIN_SOURCES, { error: bilingual('雨量来源应为 当日、近 3 日 或 输入', 'rain source must be today, last3 or typed') }).optional(),
    rainMm: z
      .number({ error: bilingual('雨量应为毫米数', 'rain must be a number of mm') })
      .min(0, { error: bilingual('雨量不能为负数', 'rain must not be negative') })
      .max(2000, { error: bilingual('雨量不超过 2000 毫米', 'rain is at most 2000 mm') })
      .optional(),
    method: z.enum(RUNOFF_METHODS).default('coefficient'),
    /** How full the ditches already are when the rain starts, percent of their storage. */
    initialFillPct: z
      .number({ error: bilingual('沟渠已蓄水比例应为百分数', 'initial fill must be a percentage') })
      .min(0, { error: bilingual('已蓄水比例应在 0–100 之间', 'initial fill must be within 0–100') })
      .max(100, { error: bilingual('已蓄水比例应在 0–100 之间', 'initial fill must be within 0–100') })
      .default(0),
  })
  .refine((q) => q.rainSource !== 'typed' || q.rainMm !== undefined, {
    error: bilingual('选择“输入雨量”时请填写雨量（毫米）', 'a typed rain needs rainMm'),
    path: ['rainMm'],
  })
  .refine((q) => q.rainMm === undefined || q.rainSource === undefined || q.rainSource === 'typed', {
    error: bilingual('只有“输入雨量”才需要填写雨量', 'rainMm goes only with the typed rain source'),
    path: ['rainMm'],
  });
export type CapacityQuery = z.input<typeof capacityQuerySchema>;
export type CapacityQueryParsed = z.output<typeof capacityQuerySchema>;

/** Storage and conveyance of a group of ditches; ditches with invalid section data are counted apart. */
export const capacityGroupSchema = z.object({
  key: z.string(),
  /** Ditches with a valid section, counted in the figures below. */
  ditches: z.int(),
  lengthM: z.number(),
  /** In their present condition (silted at the reduced section; blocked hold water but carry none). */
  storageM3: z.number(),
  conveyanceM3s: z.number(),
  /** The same ditches at their full, clear section: what clearing them gives. */
  fullStorageM3: z.number(),
  fullConveyanceM3s: z.number(),
  /** Ditches left out because their section data are missing or impossible. */
  excluded: z.int(),
  excludedLengthM: z.number(),
});
export type CapacityGroup = z.infer<typeof capacityGroupSchema>;

export const sectionProblemSchema = z.object({ field: z.string(), code: z.string(), value: z.number().nullable(), message: bilingualSchema });

export const invalidDitchSchema = z.object({
  id: z.string(),
  name: z.string(),
  village: z.string(),
  kind: z.enum(DITCH_KINDS),
  lengthM: z.number(),
  problems: z.array(sectionProblemSchema),
});
export type InvalidDitch = z.infer<typeof invalidDitchSchema>;

export const culvertCapacitySchema = z.object({
  id: z.string(),
  name: z.string(),
  village: z.string(),
  /** The ditch it sits on (its ditch_id, else the nearest ditch within the snap tolerance). */
  ditchId: z.string().nullable(),
  diameterM: z.number().nullable(),
  barrels: z.int(),
  /** The slope used: its ditch's. */
  slope: z.number().nullable(),
  /** Full-pipe Manning capacity × barrels, m³/s; null when its data are invalid. */
  capacityM3s: z.number().nullable(),
  problems: z.array(sectionProblemSchema),
});
export type CulvertCapacityRow = z.infer<typeof culvertCapacitySchema>;

export const rainDepthSchema = z.object({
  source: z.enum(RAIN_SOURCES),
  /** The depth used, mm; null when no rainfall was recorded for the days asked. */
  mm: z.number().nullable(),
  /** The township's value for each day counted (null: no station reported that day). */
  days: z.array(z.object({ date: isoDate, mm: z.number().nullable() })),
  note: bilingualSchema.nullable(),
});
export type RainDepth = z.infer<typeof rainDepthSchema>;

export const capacityPumpingSchema = z.object({
  /** Pumps out on the day, all places. */
  pumps: z.int(),
  /** Rated flow of one pump, m³/h (a deployments setting). */
  ratedM3h: z.number(),
  totalM3h: z.number(),
  /** Pumps whose place (a free-text work site) cannot be tied to an area. */
  unplacedPumps: z.int(),
});
export type Pumping = z.infer<typeof capacityPumpingSchema>;

export const capacityCutOffSchema = z.object({
  segmentCount: z.int(),
  lengthM: z.number(),
  storageM3: z.number(),
  conveyanceM3s: z.number(),
  catchmentM2: z.number(),
  /** Cut-off ditches that lie in no area (their runoff is not in runoffHeldM3). */
  catchmentMissingCount: z.int(),
  /** Cut-off ditches whose section data are invalid (their storage/conveyance is not counted). */
  sectionMissingCount: z.int(),
  /** Runoff of the rain waiting behind the blockage, m³. */
  runoffHeldM3: z.number(),
});

export const blockageImpactSchema = z.object({
  rank: z.int(),
  blockageId: z.string(),
  name: z.string(),
  village: z.string(),
  status: z.enum(BLOCKAGE_STATUSES),
  position: z.tuple([z.number(), z.number()]).nullable(),
  ditchId: z.string(),
  ditchName: z.string(),
  locatedBy: z.enum(['ditch_id', 'position']),
  cutOff: capacityCutOffSchema,
  /** Other open blockages inside this one's cut-off area (clearing this one alone does not free them). */
  blockagesInside: z.array(z.string()),
});
export type BlockageImpactRow = z.infer<typeof blockageImpactSchema>;

export const networkProblemSchema = z.object({
  code: z.string(),
  message: bilingualSchema,
  /** How many ditches or blockages it concerns, and the first of their ids and names. */
  count: z.int(),
  ids: z.array(z.string()),
  names: z.array(z.string()),
});
export type NetworkProblemRow = z.infer<typeof networkProblemSchema>;

export const DRAIN_STATUSES = ['none', 'ok', 'no_outflow', 'unknown'] as const;
export const DRAIN_GRADES = ['meets_strict', 'meets', 'exceeds', 'never'] as const;

export const areaExitSchema = z.object({
  ditchId: z.string(),
  name: z.string(),
  /** The ditch's conveyance in its condition, m³/s (null: invalid section). */
  conveyanceM3s: z.number().nullable(),
  /** The smallest culvert on it, m³/s, when that is less than the ditch carries. */
  culvertLimitM3s: z.number().nullable(),
  /** What is counted as outflow, m³/s (0 when cut off downstream or going nowhere). */
  countedM3s: z.number(),
  note: bilingualSchema.nullable(),
});

export const areaDrainSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(AREA_KINDS),
  areaM2: z.number(),
  method: z.enum(RUNOFF_METHODS),
  runoffCoefficient: z.number().nullable(),
  coefficientIsDefault: z.boolean(),
  curveNumber: z.number().nullable(),
  /** Runoff of the rain from the area, m³; null when it cannot be computed (see problem). */
  runoffM3: z.number().nullable(),
  ditches: z.int(),
  ditchLengthM: z.number(),
  excludedDitches: z.int(),
  /** Storage of the area's ditches (present condition), and what of it is still empty, m³. */
  storageM3: z.number(),
  freeStorageM3: z.number(),
  exits: z.array(areaExitSchema),
  outflowM3s: z.number(),
  pumps: z.int(),
  pumpingM3h: z.number(),
  drain: z.object({
    status: z.enum(DRAIN_STATUSES),
    /** null when it never drains (no outflow) or is unknown. */
    hours: z.number().nullable(),
    excessM3: z.number().nullable(),
    removalM3h: z.number(),
  }),
  grade: z.object({ dry: z.enum(DRAIN_GRADES).nullable(), rice: z.enum(DRAIN_GRADES).nullable() }),
  /** How full the area's ditches get, percent (over 100: the water stands in the fields). */
  fillPct: z.number().nullable(),
  problem: bilingualSchema.nullable(),
});
export type AreaDrain = z.infer<typeof areaDrainSchema>;

export const capacityOverallSchema = capacityGroupSchema.extend({ pumpingM3h: z.number() });

export const capacityReportSchema = z.object({
  date: isoDate,
  rain: rainDepthSchema,
  method: z.enum(RUNOFF_METHODS),
  initialFillPct: z.number(),
  settings: capacitySettingsSchema,
  /** All ditches except rivers (rivers are the outlets, listed in byKind.river). */
  overall: capacityOverallSchema,
  byKind: z.record(z.enum(DITCH_KINDS), capacityGroupSchema),
  byWork: z.record(z.enum(WORK_STATES), capacityGroupSchema),
  byCondition: z.record(z.enum(DITCH_CONDITIONS), capacityGroupSchema),
  byVillage: z.array(capacityGroupSchema),
  /** Ditches (rivers aside) left out for invalid section data: all counted, the first 200 listed. */
  invalidDitches: z.object({ count: z.int(), shown: z.array(invalidDitchSchema) }),
  culverts: z.object({ count: z.int(), valid: z.int(), excluded: z.int(), totalM3s: z.number(), rows: z.array(culvertCapacitySchema) }),
  pumping: capacityPumpingSchema,
  openBlockages: z.int(),
  ranking: z.array(blockageImpactSchema),
  networkProblems: z.array(networkProblemSchema),
  networkStats: z.object({
    ditchSegments: z.int(),
    riverSegments: z.int(),
    junctions: z.int(),
    outletJunctions: z.int(),
    drainingSegments: z.int(),
  }),
  areas: z.array(areaDrainSchema),
});
export type CapacityReport = z.infer<typeof capacityReportSchema>;

/** The map's view: each ditch with its figures, each ranked blockage with its impact. */
export const capacityMapSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.union([
        z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])) }),
        z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      ]),
      properties: z.union([
        z.object({
          layer: z.literal('ditch'),
          name: z.string(),
          kind: z.enum(DITCH_KINDS),
          condition: z.enum(DITCH_CONDITIONS),
          valid: z.boolean(),
          conveyanceM3s: z.number().nullable(),
          storageM3: z.number().nullable(),
          /** How full for the rain (the fill of its area), percent; null when it lies in no area. */
          fillPct: z.number().nullable(),
        }),
        z.object({ layer: z.literal('blockage'), name: z.string(), rank: z.int(), runoffHeldM3: z.number(), storageM3: z.number() }),
      ]),
    }),
  ),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});
export type CapacityMap = z.infer<typeof capacityMapSchema>;

export const CAPACITY_EXPORT_FORMATS = ['csv', 'xlsx'] as const;

export const capacityProcedures = {
  /** Totals, per-culvert capacity, pumping, the blockage ranking and per-area drain-down for a rain. */
  'capacity.report': { input: capacityQuerySchema, output: capacityReportSchema },
  /**
   * The ditches with their figures for colouring, and the ranked blockages, as GeoJSON. A bulk read
   * of the whole network, so not re-checked at run time (a unit test checks it against the schema).
   */
  'capacity.map': { input: capacityQuerySchema, output: capacityMapSchema, trustOutput: true as const },
  /** The totals table (in .xlsx also the ranking, drain-down, invalid ditches and culverts), as a file's bytes in base64. */
  'capacity.export': {
    input: z.strictObject({
      format: z.enum(CAPACITY_EXPORT_FORMATS),
      locale: z.enum(['zh', 'en']).default('zh'),
      query: capacityQuerySchema.optional(),
    }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() }),
  },
  'capacity.settings': { input: z.strictObject({}), output: capacitySettingsSchema },
  'capacity.setSettings': {
    input: capacitySettingsSchema.partial().refine((p) => Object.keys(p).length > 0, {
      error: bilingual('没有要修改的设置', 'nothing to change'),
    }),
    output: capacitySettingsSchema,
  },
};
