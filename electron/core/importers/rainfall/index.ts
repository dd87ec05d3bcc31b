/** Rainfall (雨情) and last-year baseline imports from CSV (UTF-8 or GBK) and xlsx: pure Node, no database. */
export { parseRainfallFile } from './parseRainfall';
export { parseLastYearBaseline } from './parseBaseline';
export { MAX_DAILY_MM, MAX_FILE_BYTES } from './constants';
export type {
  BaselineParseOptions,
  BaselineParseResult,
  BaselineRow,
  DateRange,
  FileFormat,
  ImportIssue,
  RainfallParseOptions,
  RainfallParseResult,
  RainfallRow,
  TextEncodingName,
} from './types';
