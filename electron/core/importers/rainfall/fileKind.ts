import { MAX_FILE_BYTES } from './constants';
import { failImport } from './fail';
import * as msg from './messages';

/** How the bytes will be read. */
export type FileKind = 'xlsx' | 'csv';

// Enough of the start to tell text from binary without scanning a 20 MB file.
const SNIFF_BYTES = 8192;

/**
 * Decide by content (names lie: users rename files) whether this is an xlsx zip or CSV text,
 * and reject whole files that are neither, too big or empty.
 */
export function detectFileKind(fileName: string, bytes: Uint8Array): FileKind {
  if (bytes.length > MAX_FILE_BYTES) failImport(msg.tooLarge(bytes.length), { bytes: bytes.length });
  if (bytes.length === 0) failImport(msg.emptyFile());
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'xlsx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) failImport(msg.legacyXls());
  if (/\.xls[xmb]?$/i.test(fileName.trim())) failImport(msg.notXlsx(fileName));
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) failImport(msg.utf16());
  if (looksBinary(bytes.subarray(0, SNIFF_BYTES))) failImport(msg.notTableFile());
  return 'csv';
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

// Text (UTF-8 or GBK) never holds NUL and hardly any other C0 control byte; images and PDFs do.
function looksBinary(head: Uint8Array): boolean {
  let controls = 0;
  for (const b of head) {
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) controls++;
  }
  return controls > head.length / 100;
}
