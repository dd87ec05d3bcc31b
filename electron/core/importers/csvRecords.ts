/**
 * The one CSV reader both importers use (network tables and rainfall sheets), on csv-parse's
 * synchronous API: RFC 4180 quotes, doubled quotes and line breaks inside quotes, CRLF/LF/CR
 * mixed in one file (Excel appends with CRLF, other editors with LF), stray quotes inside an
 * unquoted cell kept as text. Each record keeps the lines it spans, so messages can say "line 12"
 * or "row 12" as Excel numbers it. A quote left open is a whole-file problem: the file is cut.
 */
import { CsvError as ParseError, parse } from 'csv-parse/sync';

/** One record: its 1-based row (blank lines counted, as in Excel) and the lines it spans. */
export interface CsvRecord {
  row: number;
  firstLine: number;
  lastLine: number;
  fields: string[];
}

/** A quote opened on `line` and never closed: the file is cut short or malformed from there. */
export class UnclosedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`unclosed quote starting on line ${line}`);
  }
}

/** The delimiter the first non-blank lines use most outside quotes, among `candidates`. */
export function sniffDelimiter(text: string, candidates: readonly string[] = [',', '\t', ';', '|']): string {
  const lines = text.split(/\r\n|\n|\r/, 50).filter((l) => l.trim() !== '').slice(0, 5);
  let best = candidates[0] ?? ',';
  let bestCount = 0;
  for (const d of candidates) {
    const count = lines.reduce((n, l) => n + l.replace(/"[^"]*"/g, '').split(d).length - 1, 0);
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Every record of the text, blank lines included (as one empty field); throws UnclosedQuoteError. */
export function readCsvRecords(text: string, delimiter = sniffDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = [];
  let previous = 0;
  try {
    parse(text, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      on_record: (fields, context) => {
        records.push({ row: records.length + 1, firstLine: previous + 1, lastLine: context.lines, fields });
        previous = context.lines;
        return null; // collected here, with the lines, rather than in parse's result
      },
    });
  } catch (error) {
    if (error instanceof ParseError && error.code === 'CSV_QUOTE_NOT_CLOSED') throw new UnclosedQuoteError(previous + 1);
    throw error;
  }
  return records;
}
