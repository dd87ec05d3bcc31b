import { decodeText } from './decodeText';
import { readCsvRecords, sniffDelimiter, UnclosedQuoteError, type CsvRecord } from '../csvRecords';
import { detectFileKind } from './fileKind';
import { failImport } from './fail';
import * as msg from './messages';
import type { Sheet, SheetRow } from './table';
import type { FileFormat, ImportIssue, TextEncodingName } from './types';
import { normalizeDateParts } from './cma';
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
  /** Rows left out before reading (CMA missing-reading codes), shown as warnings. */
  notes: ImportIssue[];
}

/** Read CSV or xlsx bytes into sheets; throws only for whole-file problems. */
export async function readSource(fileName: string, bytes: Uint8Array): Promise<Source> {
  const kind = detectFileKind(fileName, bytes);
  const read = kind === 'xlsx' ? await fromXlsx(bytes) : fromCsv(bytes);
  if (read.sheets.every((s) => s.rows.length === 0)) failImport(msg.emptyFile());
  // 年/月/日 columns and 0.1 mm units (CMA station files) become one date and millimetres.
  const normalized = read.sheets.map(normalizeDateParts);
  return { ...read, sheets: normalized.map((n) => n.sheet), notes: normalized.flatMap((n) => n.notes) };
}

async function fromXlsx(bytes: Uint8Array): Promise<Omit<Source, 'notes'>> {
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

function fromCsv(bytes: Uint8Array): Omit<Source, 'notes'> {
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
