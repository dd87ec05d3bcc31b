/**
 * Each township's figures for a day as last computed, kept in the ServerContext (no module
 * globals). A line is computed by projecting the township's replica into a desk core (report.ts),
 * seconds for a county; the county page asks for it on every open. A line is reused while the
 * township's feed has not moved and the day it was computed on is still today (the season's
 * figures run to today), so a report costs only the townships whose data changed.
 */
import type { TownshipTotals } from '../../shared/contract/county';

export interface ReportCache {
  /** By township id: the line and what it was computed from (date asked, today, feed position). */
  lines: Map<string, { key: string; totals: TownshipTotals }>;
}

export function createReportCache(): ReportCache {
  return { lines: new Map() };
}
