import { decodeText } from './decodeText';
import { readCsvRecords, sniffDelimiter, UnclosedQuoteError, type CsvRecord } from '../csvRecords';
import { detectFileKind } from './fileKind';
import { failImport } from './fail';
import * as msg from './messages';
import type { Sheet, SheetRow } from './table';
import type { FileFormat, TextEncodingName } from './types';
import { isBlankCell } from './table';
import { readXlsx } from './xlsx';

/** A file read into sheets of cells, before any header is looked for. */
export interface Source {
  format: FileFormat;
  encoding: TextEncodingName;
  sheets: Sheet[];
  date1904: boolean;
  /** CSV rows whose bytes are in the other encoding, and which encoding that is. */
  oddRows: Map<number, TextEncodingName>;
}

/** Read CSV or xlsx bytes into sheets; throws only for whole-file problems. */
export async function readSource(fileName: string, bytes: Uint8Array): Promise<Source> {
  const kind = detectFileKind(fileName, bytes);
  const source = kind === 'xlsx' ? await fromXlsx(bytes) : fromCsv(bytes);
  if (source.sheets.every((s) => s.rows.length === 0)) failImport(msg.emptyFile());
  return source;
}

async function fromXlsx(bytes: Uint8Array): Promise<Source> {
  const book = await readXlsx(bytes);
  return { format: 'xlsx', encoding: 'utf-8', sheets: book.sheets, date1904: book.date1904, oddRows: new Map() };
}

/** Records with Excel's row numbers; a quote never closed fails the file, naming its line. */
function csvRecords(text: string): CsvRecord[] {
  try {
    return readCsvRecords(text, sniffDelimiter(text, [',', '\t']));
  } catch (error) {
    if (error instanceof UnclosedQuoteError) failImport(msg.unclosedQuote(error.line), { line: error.line });
    throw error;
  }
}

function fromCsv(bytes: Uint8Array): Source {
  const decoded = decodeText(bytes);
  const rows: SheetRow[] = [];
  const oddRows = new Map<number, TextEncodingName>();
  for (const record of csvRecords(decoded.text)) {
    if (record.fields.every((f) => isBlankCell(f))) continue;
    rows.push({ row: record.row, cells: record.fields });
    for (let line = record.firstLine; line <= record.lastLine; line++) {
      const odd = decoded.oddLines.get(line);
      if (odd) oddRows.set(record.row, odd);
    }
  }
  return { format: 'csv', encoding: decoded.encoding, sheets: [{ name: null, rows }], date1904: false, oddRows };
}
