/** One problem with one row (or the header), as the user sees it in Excel: 1-based, header counted. */
export interface ImportIssue {
  row: number;
  /** The column's header text (or its letter when it has none). */
  column?: string;
  zh: string;
  en: string;
}

/** First and last date present in the accepted rows. */
export interface DateRange {
  from: string;
  to: string;
}

/** Text encodings a CSV may arrive in; xlsx is always reported as utf-8. */
export type TextEncodingName = 'utf-8' | 'gbk';

/** What the bytes turned out to be. */
export type FileFormat = 'csv' | 'xlsx';

/** One accepted daily reading of one station. */
export interface RainfallRow {
  row: number;
  date: string;
  station: string;
  mm: number;
}

/** What the caller knows about the season and the station list. */
export interface RainfallParseOptions {
  knownStations: string[];
  /** YYYY-MM-DD; readings before it are errors. */
  seasonStart: string;
  /** YYYY-MM-DD, the township's today; readings after it are errors. */
  today: string;
  /** When true, stations not in knownStations are accepted and listed in newStations. */
  allowNewStations?: boolean;
}

/** A parsed rainfall file: every valid reading, and every row left out with the reason. */
export interface RainfallParseResult {
  /** Valid readings only; a row or cell named in errors is not here. */
  rows: RainfallRow[];
  errors: ImportIssue[];
  /** Rows skipped on purpose (total rows, notes, ignored columns): shown, but need no fix. */
  warnings: ImportIssue[];
  layout: 'long' | 'wide';
  format: FileFormat;
  encoding: TextEncodingName;
  /** The xlsx sheet that was read; null for CSV. */
  sheet: string | null;
  /** Stations in the accepted data (known spelling where matched), in file order. */
  stations: string[];
  /** Of those, the ones not in knownStations (only when allowNewStations). */
  newStations: string[];
  dateRange: DateRange | null;
}

/** What the caller knows about this year's season; the baseline is the year before it. */
export interface BaselineParseOptions {
  /** This year's season start (YYYY-MM-DD); last year's window starts one year earlier. */
  seasonStart: string;
}

/** One day of last year's township series. */
export interface BaselineRow {
  /** The first row of the file that contributed to this day. */
  row: number;
  date: string;
  /** The township value: the file's value, or the mean of the stations' readings that day. */
  mm: number;
  /** How many values were averaged (1 for a date + mm file). */
  readings: number;
}

/** A parsed baseline file: last year's daily township series, ordered by date. */
export interface BaselineParseResult {
  rows: BaselineRow[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  layout: 'series' | 'long' | 'wide';
  format: FileFormat;
  encoding: TextEncodingName;
  sheet: string | null;
  /** Stations averaged (empty for a date + mm file). */
  stations: string[];
  dateRange: DateRange | null;
}
