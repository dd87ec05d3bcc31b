import { z } from 'zod';
import { isoDate } from './common';
import { bilingual } from './validation';

/** Work done: culverts (count, m), field ditch dug (m), ditch cleared (m), water pumped (m³). */
export const worksSchema = z.object({
  culvertsLaid: z.int(),
  culvertMeters: z.number(),
  fieldDitchMeters: z.number(),
  clearedDitchMeters: z.number(),
  pumpedM3: z.number(),
});
export type Works = z.infer<typeof worksSchema>;

/**
 * The day's and the season's figures. The dashboard, the CLI and the daily sheet all read this, so
 * their numbers agree. Millimetres are rounded to 0.1 and percentages to 0.1 for display only.
 */
export const totalsSchema = z.object({
  date: isoDate,
  /** The township's today (Asia/Shanghai). */
  today: isoDate,
  seasonStart: isoDate,
  /** The latest day with rainfall or deployments (null when there is none). */
  latestDataDate: isoDate.nullable(),
  rain: z.object({
    dayMm: z.number(),
    /** Stations with a reading that day (0: no report, dayMm is 0). */
    stationsReported: z.int(),
    lastYearDayMm: z.number(),
    seasonMm: z.number(),
    lastYearSeasonMm: z.number(),
    /** (this − last) / last in percent, from the rounded season figures; null when last year had none. */
    changePct: z.number().nullable(),
    lastYearFrom: isoDate,
    lastYearTo: isoDate,
  }),
  /** Out that day. */
  deployment: z.object({
    rows: z.int(),
    people: z.int(),
    excavators: z.int(),
    longArmExcavators: z.int(),
    dumpTrucks: z.int(),
    pumps: z.int(),
    pumpHours: z.number(),
  }),
  /** Season to date (from seasonStart to date, both included). */
  works: worksSchema,
  /** That day alone. */
  worksToday: worksSchema,
  /** Effort over the season: person-days and machine-days (one machine out one day = 1). */
  season: z.object({
    days: z.int(),
    daysWithDeployments: z.int(),
    personDays: z.int(),
    excavatorDays: z.int(),
    longArmExcavatorDays: z.int(),
    dumpTruckDays: z.int(),
    pumpDays: z.int(),
    machineDays: z.int(),
  }),
  blockages: z.object({
    /** Status reported, assigned or in progress (at the end of that day). */
    open: z.int(),
    /** Blockage events to 'cleared' on that township day. */
    clearedToday: z.int(),
    clearedSeason: z.int(),
  }),
});
export type Totals = z.infer<typeof totalsSchema>;

export const seriesDaySchema = z.object({
  date: isoDate,
  rainMm: z.number(),
  lastYearDate: isoDate,
  lastYearMm: z.number(),
  rainCumMm: z.number(),
  lastYearCumMm: z.number(),
  people: z.int(),
  excavators: z.int(),
  longArmExcavators: z.int(),
  dumpTrucks: z.int(),
  pumps: z.int(),
  works: worksSchema,
  worksCum: worksSchema,
  blockagesOpen: z.int(),
  blockagesCleared: z.int(),
});
export type SeriesDay = z.infer<typeof seriesDaySchema>;

export const seriesSchema = z.object({
  seasonStart: isoDate,
  from: isoDate,
  to: isoDate,
  days: z.array(seriesDaySchema),
});
export type Series = z.infer<typeof seriesSchema>;

export const totalsProcedures = {
  /** The figures for one day (default: the latest day with data). */
  'totals.get': { input: z.strictObject({ date: isoDate.optional() }), output: totalsSchema },
  /**
   * Daily series for charts, from the season start (or `from`) to `to` (default: the latest day
   * with data); cumulative figures always count from the season start.
   */
  'totals.series': {
    input: z
      .strictObject({ from: isoDate.optional(), to: isoDate.optional() })
      .refine((r) => !r.from || !r.to || r.from <= r.to, { error: bilingual('起始日期不能晚于结束日期', 'from must not be after to') }),
    output: seriesSchema,
  },
};
