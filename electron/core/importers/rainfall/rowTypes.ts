import type { ImportIssue, TextEncodingName } from './types';

/** One valid reading; station is '' in a date + mm series. */
export interface Reading {
  row: number;
  date: string;
  station: string;
  mm: number;
}

/** Everything read from the rows below the header. */
export interface RowsRead {
  readings: Reading[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Stations with at least one reading, in file order, and whether each is off the list. */
  stations: { name: string; isNew: boolean }[];
}

/** How the rows' bytes were decoded, so rows in the minority encoding can be named. */
export interface EncodingInfo {
  encoding: TextEncodingName;
  oddRows: Map<number, TextEncodingName>;
}
