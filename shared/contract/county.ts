import { z } from 'zod';
import { isoDate } from './common';
import { seriesSchema, totalsSchema, worksSchema } from './totals';

/**
 * The county server's read-only views (issue 11): the township table for a day, one township's
 * dashboard. Served to logged-in county users at /county/api/*; the CLI's `report --json` prints
 * the same {@link CountyReport}.
 */

/** Ditch storage now (rivers left out, silted ditches reduced) and when clear, m³; ditches without section data are not counted. */
export const storageSchema = z.object({ storageM3: z.number(), fullStorageM3: z.number(), excluded: z.int() });

/**
 * One township's line: the desk's own totals (the keys of `npm run cli -- totals --json`), which
 * township, and its ditch storage (the daily sheet's 全乡沟渠（按现状）).
 */
export const townshipTotalsSchema = totalsSchema.extend({ township: z.object({ id: z.string(), name: z.string() }), storage: storageSchema });
export type TownshipTotals = z.infer<typeof townshipTotalsSchema>;

/** The county line: sums of people, machines, works and blockages; rain as the mean over the townships. */
export const countyTotalSchema = z.object({
  date: isoDate,
  townships: z.int(),
  rain: z.object({
    dayMm: z.number(),
    seasonMm: z.number(),
    lastYearSeasonMm: z.number(),
    changePct: z.number().nullable(),
    townshipsReported: z.int(),
  }),
  deployment: totalsSchema.shape.deployment,
  works: worksSchema,
  worksToday: worksSchema,
  blockages: totalsSchema.shape.blockages,
  storage: storageSchema,
});
export type CountyTotal = z.infer<typeof countyTotalSchema>;

export const countyReportSchema = z.object({ date: isoDate, townships: z.array(townshipTotalsSchema), total: countyTotalSchema });
export type CountyReport = z.infer<typeof countyReportSchema>;

/** One township's dashboard, read only. */
export const townshipDashboardSchema = z.object({
  township: z.object({ id: z.string(), name: z.string() }),
  totals: totalsSchema,
  series: seriesSchema,
});
export type TownshipDashboard = z.infer<typeof townshipDashboardSchema>;

export const countySessionSchema = z.object({ name: z.string(), csrf: z.string() });
export type CountySession = z.infer<typeof countySessionSchema>;
