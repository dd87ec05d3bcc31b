/**
 * The daily dispatch sheet (调度日报, issue 7): its draft (明日安排 and the signature lines), the
 * data it prints, and the archive of issued sheets. Every figure in a sheet's data comes from the
 * procedures the dashboard and the CLI read (totals, deployments, blockages, capacity); issuing
 * freezes that data, the number and the PDF so a sheet reopens exactly as it was signed.
 */
import { z } from 'zod';
import { BLOCKAGE_STATUSES, DITCH_CONDITIONS } from '../domain/network';
import { id, isoDate, isoTimestamp } from './common';
import { countField, DEPLOYMENT_LIMITS, DEPLOYMENT_TASKS, PLACE_KINDS } from './deployments';
import { totalsSchema } from './totals';
import { bilingual } from './validation';

const text = (max: number, zh: string, en: string) =>
  z
    .string({ error: bilingual(`${zh}应为文字`, `${en} must be text`) })
    .trim()
    .max(max, { error: bilingual(`${zh}不超过 ${max} 个字`, `${en} is at most ${max} characters`) });


/** One planned deployment for the next day (明日计划出动), typed on the sheet page. */
export const sheetPlanRowSchema = z.strictObject({
  place: text(60, '地点', 'place').min(1, { error: bilingual('请填写村或作业点', 'name the village or work site') }),
  task: z.enum(DEPLOYMENT_TASKS, {
    error: bilingual('任务应为 抽、疏、挖、清、铺、巡 之一', 'task must be one of pump, guide, dig, clear, culvert, patrol'),
  }),
  people: countField('人数', 'people', DEPLOYMENT_LIMITS.people),
  excavators: countField('钩机台数', 'excavators', DEPLOYMENT_LIMITS.machines),
  longArmExcavators: countField('长臂钩机台数', 'long-arm excavators', DEPLOYMENT_LIMITS.machines),
  dumpTrucks: countField('翻斗车台数', 'dump trucks', DEPLOYMENT_LIMITS.machines),
  pumps: countField('水泵台数', 'pumps', DEPLOYMENT_LIMITS.machines),
  note: text(100, '备注', 'note').default(''),
});
export type SheetPlanRow = z.output<typeof sheetPlanRowSchema>;
export type SheetPlanRowInput = z.input<typeof sheetPlanRowSchema>;

/** Who signs: 签发 (issued by), 审核 (checked by), 制表 (prepared by). Blank lines are signed by hand. */
export const sheetSignaturesSchema = z.strictObject({
  issuer: text(20, '签发人', 'issuer').default(''),
  checker: text(20, '审核人', 'checker').default(''),
  preparer: text(20, '制表人', 'preparer').default(''),
});
export type SheetSignatures = z.output<typeof sheetSignaturesSchema>;

export const SHEET_PLAN_MAX_ROWS = 40;
export const SHEET_PLAN_MAX_CHARS = 1500;

/** What the office types on the sheet page for one day: the plan and the signature lines. */
export const sheetDraftInputSchema = z.strictObject({
  date: isoDate,
  planText: text(SHEET_PLAN_MAX_CHARS, '明日安排', 'the plan').default(''),
  planRows: z
    .array(sheetPlanRowSchema)
    .max(SHEET_PLAN_MAX_ROWS, { error: bilingual(`明日计划出动最多 ${SHEET_PLAN_MAX_ROWS} 行`, `at most ${SHEET_PLAN_MAX_ROWS} planned rows`) })
    .default([]),
  signatures: sheetSignaturesSchema.default({ issuer: '', checker: '', preparer: '' }),
});
export type SheetDraftInput = z.input<typeof sheetDraftInputSchema>;

export const sheetDraftSchema = z.object({
  date: isoDate,
  planText: z.string(),
  planRows: z.array(sheetPlanRowSchema),
  signatures: sheetSignaturesSchema,
  /** Null until the day's draft is first saved (the signature names then carry over from the last draft). */
  updatedAt: isoTimestamp.nullable(),
});
export type SheetDraft = z.infer<typeof sheetDraftSchema>;

const machineCounts = {
  people: z.int(),
  excavators: z.int(),
  longArmExcavators: z.int(),
  dumpTrucks: z.int(),
  pumps: z.int(),
};

/** 表：当日出动力量, grouped by place and task from the day's deployment rows. */
export const sheetForceRowSchema = z.object({
  placeKind: z.enum(PLACE_KINDS),
  place: z.string(),
  task: z.enum(DEPLOYMENT_TASKS),
  ...machineCounts,
  /** Deployment rows merged into this line. */
  rows: z.int(),
});
export type SheetForceRow = z.infer<typeof sheetForceRowSchema>;

/** Storage and conveyance of a group of ditches, from capacity.report. */
export const sheetCapacityGroupSchema = z.object({ ditches: z.int(), lengthM: z.number(), storageM3: z.number(), conveyanceM3s: z.number() });

export const sheetBlockageRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  village: z.string(),
  /** The status at the end of the sheet's day. */
  status: z.enum(BLOCKAGE_STATUSES),
  teamName: z.string().nullable(),
  reportedAt: isoTimestamp,
  /** Whole days open at the end of the sheet's day. */
  daysOpen: z.int(),
});
export type SheetBlockageRow = z.infer<typeof sheetBlockageRowSchema>;

export const sheetImpactRowSchema = z.object({
  rank: z.int(),
  name: z.string(),
  village: z.string(),
  ditchName: z.string(),
  lengthM: z.number(),
  storageM3: z.number(),
  conveyanceM3s: z.number(),
  runoffHeldM3: z.number(),
});
export type SheetImpactRow = z.infer<typeof sheetImpactRowSchema>;

/** The map of the day, trimmed to what the sheet draws (ditches, villages, open blockages, machines). */
export const sheetMapFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.union([
    z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
    z.object({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number())) }),
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }),
  ]),
  properties: z.object({
    layer: z.enum(['ditch', 'area', 'blockage', 'machines']),
    id: z.string(),
    name: z.string(),
    kind: z.string().optional(),
    condition: z.enum(DITCH_CONDITIONS).optional(),
    status: z.enum(BLOCKAGE_STATUSES).optional(),
    /** machines: excavators + long-arm excavators + dump trucks + pumps at the place. */
    machines: z.int().optional(),
    people: z.int().optional(),
  }),
});
export type SheetMapFeature = z.infer<typeof sheetMapFeatureSchema>;

export const sheetMapSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(sheetMapFeatureSchema),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  /** Deployment rows whose place (a free-text work site) has no position on the map. */
  unplacedRows: z.int(),
});
export type SheetMap = z.infer<typeof sheetMapSchema>;

export const SHEET_STATES = ['draft', 'pending', 'issued'] as const;
export type SheetState = (typeof SHEET_STATES)[number];

/**
 * Everything the printed sheet shows. For a draft it is built live on each call; issuing stores it
 * as it was (the snapshot), so the archive reprints the same sheet whatever changed since.
 */
export const sheetDataSchema = z.object({
  /** Layout version of the snapshot, so an old archive still reads after the app grows. */
  version: z.literal(1),
  state: z.enum(SHEET_STATES),
  /** The archive record's id when issued. */
  sheetId: id.nullable(),
  date: isoDate,
  season: z.string(),
  /** 第N期: the issued number, or for a draft the number issuing it now would take. */
  number: z.int().min(1),
  /** 0 for the original issue; k for the k-th correction (第N期 更正). */
  correction: z.int().min(0),
  correctionReason: z.string(),
  /** The issue this one corrects (the latest before it), when a correction. */
  correctsIssuedAt: isoTimestamp.nullable(),
  township: z.string(),
  issuingOffice: z.string(),
  title: z.string(),
  /** When the data were taken. */
  generatedAt: isoTimestamp,
  issuedAt: isoTimestamp.nullable(),
  totals: totalsSchema,
  /** The rain vs deployment chart: the season to the sheet's day. */
  chart: z.array(z.object({ date: isoDate, rainMm: z.number(), lastYearMm: z.number(), people: z.int(), machines: z.int() })),
  /** The day's deployment by place and task; the day's sums are totals.deployment. */
  force: z.array(sheetForceRowSchema),
  capacity: z.object({
    /** Ditches cleared to a high standard this season, and field ditches dug this season. */
    cleared: sheetCapacityGroupSchema,
    dug: sheetCapacityGroupSchema,
    /** Every ditch but the rivers, in its present condition. */
    overall: sheetCapacityGroupSchema,
    pumps: z.int(),
    pumpingM3h: z.number(),
    /** Ditches left out of the totals for missing section data. */
    excluded: z.int(),
  }),
  blockages: z.object({
    newToday: z.array(sheetBlockageRowSchema),
    clearedToday: z.array(z.object({ id: z.string(), name: z.string(), village: z.string(), teamName: z.string().nullable() })),
    open: z.array(sheetBlockageRowSchema),
    /** The capacity ranking's first entries: open these first. */
    top: z.array(sheetImpactRowSchema),
    rankedCount: z.int(),
  }),
  map: sheetMapSchema,
  /**
   * Patrol coverage of the 24 hours to the day's end (issue 12). Optional: sheets issued before
   * patrols were recorded have none, and reprint exactly as they were.
   */
  patrol: z.object({ coveredM: z.number(), share: z.number(), tracks: z.int() }).optional(),
  plan: z.object({ text: z.string(), rows: z.array(sheetPlanRowSchema) }),
  signatures: sheetSignaturesSchema,
});
export type SheetData = z.infer<typeof sheetDataSchema>;

/** One issued sheet in the archive. */
export const sheetRecordSchema = z.object({
  id,
  date: isoDate,
  season: z.string(),
  number: z.int(),
  correction: z.int(),
  correctionReason: z.string(),
  /** The issue this one corrects. */
  correctionOf: id.nullable(),
  /** Whether a later correction of the same number replaced it (it stays in the archive). */
  superseded: z.boolean(),
  issuedAt: isoTimestamp,
  signatures: sheetSignaturesSchema,
  pdfSha256: z.string(),
  pdfBytes: z.int(),
  source: z.string(),
});
export type SheetRecord = z.infer<typeof sheetRecordSchema>;

/** Which sheet to show or print: a live draft for a day, an issued one, or one being issued. */
export const sheetRefSchema = z.union([
  z.strictObject({ date: isoDate }),
  z.strictObject({ id }),
  z.strictObject({ token: z.string().regex(/^[0-9a-f]{32}$/, { error: bilingual('签发令牌无效', 'invalid issue token') }) }),
]);
export type SheetRef = z.infer<typeof sheetRefSchema>;

const fileSchema = z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() });

export const sheetProcedures = {
  /** The day's draft: 明日安排 text and rows, and the signature names. */
  'sheets.draft': { input: z.strictObject({ date: isoDate }), output: sheetDraftSchema },
  /** Save the day's draft as a whole (history kept); the sheet shows it until it is issued. */
  'sheets.saveDraft': { input: sheetDraftInputSchema, output: sheetDraftSchema },
  /** What the print view draws: built live for a date, frozen for an issued sheet. */
  'sheets.data': { input: sheetRefSchema, output: sheetDataSchema },
  /**
   * 签发: freeze the number, the data and the PDF. A day already issued can only be re-issued as a
   * correction of its latest issue, with the reason; the original stays in the archive.
   */
  'sheets.issue': {
    input: z.strictObject({
      date: isoDate,
      correction: z
        .strictObject({
          of: id,
          reason: text(200, '更正原因', 'the reason').min(1, { error: bilingual('请写明更正原因', 'give the reason for the correction') }),
        })
        .optional(),
    }),
    output: sheetRecordSchema,
  },
  /** The archive of a season (default: the latest season with a sheet), newest first. */
  'sheets.list': {
    input: z.strictObject({ season: z.string().regex(/^\d{4}$/, { error: bilingual('汛期应为年份，如 2026', 'season must be a year, e.g. 2026') }).optional() }),
    output: z.object({ season: z.string().nullable(), seasons: z.array(z.string()), records: z.array(sheetRecordSchema), nextNumber: z.int() }),
  },
  /** The issued PDF exactly as stored (its hash checked), for reopening, reprinting and export. */
  'sheets.pdf': { input: z.strictObject({ id }), output: fileSchema.extend({ sha256: z.string() }) },
  /** A PDF of the live draft for a day (not archived). */
  'sheets.renderPdf': { input: z.strictObject({ date: isoDate }), output: fileSchema },
  /** The sheet's tables as .xlsx, from an issued sheet's snapshot or a day's live draft. */
  'sheets.exportXlsx': { input: z.union([z.strictObject({ date: isoDate }), z.strictObject({ id })]), output: fileSchema },
  /**
   * The desktop app's print dialog for a sheet. Electron's main process answers it (it owns the
   * printer); elsewhere the core refuses it and the page uses the browser's own print.
   */
  'sheets.print': { input: z.union([z.strictObject({ date: isoDate }), z.strictObject({ id })]), output: z.object({ printed: z.boolean() }) },
};

/** The sheet's title: "<township>防汛排涝调度日报". */
export const sheetTitle = (township: string): string => `${township}防汛排涝调度日报`;

export { SHEET_PRINT_INLINE, SHEET_PRINT_PAGE } from './printView';

/** The print view's query string for a sheet: `date=…`, `id=…` or `token=…`. */
export function sheetPrintQuery(ref: SheetRef): string {
  const [key, value] = Object.entries(ref)[0]!;
  return `${key}=${encodeURIComponent(String(value))}`;
}

/** What the print view reports when it is ready: how many A4 pages it expects. */
export interface SheetPrintReady {
  pages: number;
}
