import { unzipSync } from 'fflate';
import { failImport } from './fail';
import * as msg from './messages';

/** Unpacked size a rainfall workbook may have: a season's sheet is well under 5 MB unpacked. */
export const MAX_XLSX_UNPACKED_BYTES = 60 * 1024 * 1024;

/** Cells a rainfall workbook may really hold (every sheet together): 200 stations × 10 years of days. */
export const MAX_XLSX_CELLS = 1_000_000;

/**
 * Before exceljs opens a workbook: the zip's unpacked size against a limit (zip bombs), then each
 * sheet's real cell count (its <c> elements, counted in the XML without building anything). The
 * declared dimension (<dimension ref="A1:XFD1048576"/>) is not trusted for sizing: readSheet
 * visits only the cells that exist, so one cell at the far corner costs one cell.
 */
export function checkXlsx(bytes: Uint8Array): void {
  let unpacked = 0;
  const sheets: string[] = [];
  try {
    unzipSync(bytes, {
      filter(file) {
        unpacked += file.originalSize;
        if (/^xl\/worksheets\/[^/]+\.xml$/i.test(file.name)) sheets.push(file.name);
        return false;
      },
    });
  } catch (cause) {
    failImport(msg.badXlsx(), { cause: cause instanceof Error ? cause.message : String(cause) });
  }
  if (unpacked > MAX_XLSX_UNPACKED_BYTES) failImport(msg.xlsxTooLargeUnpacked(unpacked, MAX_XLSX_UNPACKED_BYTES), { unpacked });
  let cells = 0;
  const wanted = new Set(sheets);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => wanted.has(file.name) });
  } catch (cause) {
    failImport(msg.badXlsx(), { cause: cause instanceof Error ? cause.message : String(cause) });
  }
  for (const name of sheets) {
    const xml = files[name];
    if (!xml) continue;
    cells += countCells(xml);
    if (cells > MAX_XLSX_CELLS) failImport(msg.xlsxTooManyCells(cells, MAX_XLSX_CELLS), { cells });
  }
}

/** Occurrences of "<c ", "<c>" or "<c/" in the bytes: one per stored cell. */
function countCells(xml: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < xml.length; i++) {
    if (xml[i] === 0x3c && xml[i + 1] === 0x63 && (xml[i + 2] === 0x20 || xml[i + 2] === 0x3e || xml[i + 2] === 0x2f)) n++;
  }
  return n;
}
