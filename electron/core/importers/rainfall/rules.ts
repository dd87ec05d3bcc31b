import type { DateContext } from './parseDate';
import type { Place } from './messages';
import type { ImportIssue } from './types';

/** A station name as matched against the list: spacing, width and case do not count. */
export function stationKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** A station name accepted (in its canonical spelling), or the error to show instead. */
export type StationCheck = { name: string; isNew: boolean } | { issue: ImportIssue };

/** What differs between a rainfall import and a baseline import when reading rows. */
export interface RowRules {
  dateContext: DateContext;
  /** An error for a date outside the accepted window, or null. */
  checkDate(place: Place, date: string): ImportIssue | null;
  checkStation(place: Place, name: string): StationCheck;
}
