import { z } from 'zod';
import { id, isoDate, isoTimestamp } from './common';
import { bilingual } from './validation';

/** Above this one day's reading is a typing slip (the importer uses the same bound). */
export const MAX_DAILY_RAIN_MM = 500;

export const rainStationSchema = z.object({
  id,
  name: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  /** Days with a reading. */
  readings: z.int(),
});
export type RainStation = z.infer<typeof rainStationSchema>;

export const rainStationInputSchema = z.strictObject({
  id: id.optional(),
  name: z
    .string({ error: bilingual('站名应为文字', 'station name must be text') })
    .trim()
    .min(1, { error: bilingual('站名不能为空', 'station name must not be empty') })
    .max(30, { error: bilingual('站名不超过 30 个字', 'station name is at most 30 characters') }),
  lon: z
    .number({ error: bilingual('经度应为数字', 'longitude must be a number') })
    .min(-180, { error: bilingual('经度应在 -180 到 180 之间', 'longitude must be within -180..180') })
    .max(180, { error: bilingual('经度应在 -180 到 180 之间', 'longitude must be within -180..180') })
    .nullable()
    .default(null),
  lat: z
    .number({ error: bilingual('纬度应为数字', 'latitude must be a number') })
    .min(-90, { error: bilingual('纬度应在 -90 到 90 之间', 'latitude must be within -90..90') })
    .max(90, { error: bilingual('纬度应在 -90 到 90 之间', 'latitude must be within -90..90') })
    .nullable()
    .default(null),
});
export type RainStationInput = z.input<typeof rainStationInputSchema>;

const mmValue = z
  .number({ error: bilingual(`雨量应为 0 到 ${MAX_DAILY_RAIN_MM} 之间的毫米数`, `rainfall must be a number of mm from 0 to ${MAX_DAILY_RAIN_MM}`) })
  .min(0, { error: bilingual('雨量不能是负数', 'rainfall must not be negative') })
  .max(MAX_DAILY_RAIN_MM, {
    error: bilingual(`单日雨量不超过 ${MAX_DAILY_RAIN_MM} 毫米（是否多输了一位？）`, `one day's rainfall is at most ${MAX_DAILY_RAIN_MM} mm (an extra digit?)`),
  });

/** How the township's rainfall for a day is formed: the mean of the stations that reported, or one station. */
export const rainOptionsSchema = z.strictObject({
  townshipValue: z.enum(['mean', 'station']),
  stationId: id.nullable(),
});
export type RainOptions = z.infer<typeof rainOptionsSchema>;

export const rainGridDaySchema = z.object({
  date: isoDate,
  /** Station id → mm (stations without a reading that day are absent). */
  values: z.record(z.string(), z.number()),
  /** The township's value that day (null when no station reported). */
  townshipMm: z.number().nullable(),
  lastYearDate: isoDate,
  lastYearMm: z.number().nullable(),
});

export const rainGridSchema = z.object({
  from: isoDate,
  to: isoDate,
  stations: z.array(rainStationSchema),
  days: z.array(rainGridDaySchema),
  options: rainOptionsSchema,
});
export type RainGrid = z.infer<typeof rainGridSchema>;

export const IMPORT_KINDS = ['readings', 'baseline'] as const;
export type RainImportKind = (typeof IMPORT_KINDS)[number];

const importFile = {
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64 (browser mode sends the picked file in the JSON body). */
  contentBase64: z
    .string()
    .max(30_000_000, { error: bilingual('文件太大（上限 20 MB）', 'file too large (limit 20 MB)') })
    .regex(/^[A-Za-z0-9+/=\s]*$/, { error: bilingual('文件内容不是 base64 编码', 'file content is not base64') }),
  /** Add stations the file names that are not on the list yet (readings only). */
  allowNewStations: z.boolean().default(false),
};

export const importIssueSchema = z.object({
  row: z.int(),
  column: z.string().optional(),
  zh: z.string(),
  en: z.string(),
});
export type ImportIssueWire = z.infer<typeof importIssueSchema>;

export const rainImportPreviewSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  format: z.string(),
  encoding: z.string(),
  layout: z.string(),
  sheet: z.string().nullable(),
  /** Valid values found. */
  values: z.int(),
  /** Of those: not in the database yet, different from the stored value, the same as stored. */
  added: z.int(),
  changed: z.int(),
  unchanged: z.int(),
  stations: z.array(z.string()),
  newStations: z.array(z.string()),
  dateRange: z.object({ from: isoDate, to: isoDate }).nullable(),
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
  /** The rows to name in skipRows to import the rest. */
  errorRows: z.array(z.int()),
});
export type RainImportPreview = z.infer<typeof rainImportPreviewSchema>;

export const rainChangeSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  entity: z.enum(['station', 'reading', 'baseline', 'option']),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  source: z.string(),
  at: isoTimestamp,
});
export type RainChange = z.infer<typeof rainChangeSchema>;

export const rainfallProcedures = {
  'rainfall.stations': { input: z.strictObject({}), output: z.array(rainStationSchema) },
  /** Add a station, or rename/move one (with `id`). */
  'rainfall.saveStation': { input: rainStationInputSchema, output: rainStationSchema },
  /** Remove a station (soft); its readings stop counting, history keeps them, undo brings them back. */
  'rainfall.deleteStation': { input: z.strictObject({ id }), output: z.object({ id }) },
  /** Daily values per station, the township value and last year's value, for each day in a range. */
  'rainfall.grid': {
    input: z.strictObject({ from: isoDate, to: isoDate }).refine((r) => r.from <= r.to, {
      error: bilingual('起始日期不能晚于结束日期', 'from must not be after to'),
    }),
    output: rainGridSchema,
  },
  /**
   * Typed values: set (a number) or clear (null) station readings and last year's values; the
   * baseline is addressed by this year's day and stored on the same day last year.
   */
  'rainfall.save': {
    input: z.strictObject({
      readings: z.array(z.strictObject({ date: isoDate, stationId: id, mm: mmValue.nullable() })).max(20_000).default([]),
      baseline: z.array(z.strictObject({ date: isoDate, mm: mmValue.nullable() })).max(2_000).default([]),
    }),
    output: z.object({ changed: z.int() }),
  },
  'rainfall.options': { input: z.strictObject({}), output: rainOptionsSchema },
  'rainfall.setOptions': { input: rainOptionsSchema, output: rainOptionsSchema },
  /** Read a CSV/xlsx file and say what importing it would do, listing every bad row. Writes nothing. */
  'rainfall.previewImport': { input: z.strictObject(importFile), output: rainImportPreviewSchema },
  /**
   * Import a file: only when every row is valid, or when skipRows names every bad row (the rows
   * named are left out, nothing else). All values in one transaction.
   */
  'rainfall.import': {
    input: z.strictObject({ ...importFile, skipRows: z.array(z.int().min(1)).max(100_000).default([]) }),
    output: z.object({ imported: z.int(), added: z.int(), changed: z.int(), skippedRows: z.array(z.int()), newStations: z.array(z.string()) }),
  },
  'rainfall.undo': { input: z.strictObject({}), output: z.object({ changed: z.int() }) },
  'rainfall.history': { input: z.strictObject({ limit: z.int().min(1).max(500).optional() }), output: z.array(rainChangeSchema) },
};
