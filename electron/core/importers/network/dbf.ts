/**
 * Reading a .dbf attribute table ourselves rather than through the shapefile package, so that text
 * is decoded with iconv-lite (GBK and friends, whatever the runtime's TextDecoder supports) and
 * dates stay plain YYYY-MM-DD strings.
 */
import { decodeWith, isValidUtf8, normalizeEncoding } from './text';

/** One column of the table. */
export interface DbfField {
  name: string;
  type: string;
  offset: number;
  length: number;
}

/** A record's values, or null for a record marked deleted. */
export type DbfRecord = Record<string, string | number | boolean | null> | null;

/** What the table holds. */
export interface DbfTable {
  fields: DbfField[];
  records: DbfRecord[];
  encoding: string;
}

/** Thrown for a damaged .dbf; the caller words it for the user. */
export class DbfError extends Error {}

interface Layout {
  count: number;
  headerLength: number;
  recordLength: number;
  fields: (Omit<DbfField, 'name'> & { nameBytes: Uint8Array })[];
}

/** The header and column list; throws DbfError when malformed or cut short. */
function layout(bytes: Uint8Array): Layout {
  if (bytes.length < 33) throw new DbfError('the .dbf header is incomplete');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields: Layout['fields'] = [];
  let offset = 1; // byte 0 of each record is the deletion flag
  for (let p = 32; p + 32 <= headerLength && p < bytes.length && bytes[p] !== 0x0d; p += 32) {
    const raw = bytes.subarray(p, p + 11);
    const end = raw.indexOf(0);
    const length = bytes[p + 16] as number;
    fields.push({ nameBytes: end < 0 ? raw : raw.subarray(0, end), type: String.fromCharCode(bytes[p + 11] as number), offset, length });
    offset += length;
  }
  if (fields.length === 0 || offset > recordLength) throw new DbfError('the .dbf field list is malformed');
  if (headerLength + count * recordLength > bytes.length) {
    throw new DbfError(`the .dbf says it has ${count} records but the file is cut short`);
  }
  return { count, headerLength, recordLength, fields };
}

/** Field names and character cells: the only bytes whose encoding matters. */
function textBytes(bytes: Uint8Array, l: Layout): Uint8Array {
  const parts: Uint8Array[] = l.fields.map((f) => f.nameBytes);
  for (let i = 0; i < l.count; i++) {
    const start = l.headerLength + i * l.recordLength;
    for (const f of l.fields) if (f.type === 'C') parts.push(bytes.subarray(start + f.offset, start + f.offset + f.length));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length + 1; // a zero between cells, so a multi-byte character cannot span two
  }
  return out;
}

/**
 * The encoding to use: the .cpg if there is one (null when it names nothing we know), otherwise
 * UTF-8 when the text bytes are valid UTF-8, otherwise GBK (Chinese ArcGIS/SuperMap without .cpg).
 */
export function dbfEncoding(bytes: Uint8Array, cpg: string | null): { encoding: string | null; source: 'cpg' | 'sniffed' | 'cpg_wrong' } {
  if (cpg !== null && cpg.trim() !== '') {
    const declared = normalizeEncoding(cpg);
    // A .cpg saying UTF-8 beside a GBK table (copied from another layer, or written by a template).
    if (declared === 'utf-8' && !isValidUtf8(textBytes(bytes, layout(bytes)))) return { encoding: 'gbk', source: 'cpg_wrong' };
    return { encoding: declared, source: 'cpg' };
  }
  return { encoding: isValidUtf8(textBytes(bytes, layout(bytes))) ? 'utf-8' : 'gbk', source: 'sniffed' };
}

function readValue(type: string, raw: Uint8Array, encoding: string): string | number | boolean | null {
  switch (type) {
    case 'C': {
      const text = decodeWith(raw, encoding).split('\u0000').join('').trim();
      return text === '' ? null : text;
    }
    case 'N':
    case 'F': {
      const text = decodeWith(raw, 'latin1').trim();
      if (text === '' || /^\*+$/.test(text)) return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case 'D': {
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(decodeWith(raw, 'latin1').trim());
      return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
    }
    case 'L': {
      const c = String.fromCharCode(raw[0] ?? 0x3f).toUpperCase();
      return 'TY'.includes(c) ? true : 'FN'.includes(c) ? false : null;
    }
    case 'I':
      return raw.length === 4 ? new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true) : null;
    default:
      return null; // memo and binary columns hold no attribute we could use
  }
}

/** Parses a .dbf with the given encoding; throws DbfError when the file is cut short or malformed. */
export function readDbf(bytes: Uint8Array, encoding: string): DbfTable {
  const l = layout(bytes);
  const fields: DbfField[] = l.fields.map((f) => ({ name: decodeWith(f.nameBytes, encoding).trim(), type: f.type, offset: f.offset, length: f.length }));
  const records: DbfRecord[] = [];
  for (let i = 0; i < l.count; i++) {
    const start = l.headerLength + i * l.recordLength;
    if (bytes[start] === 0x2a) {
      records.push(null); // '*': deleted, but keeps its place so records still line up with shapes
      continue;
    }
    const record: Record<string, string | number | boolean | null> = {};
    for (const f of fields) record[f.name] = readValue(f.type, bytes.subarray(start + f.offset, start + f.offset + f.length), encoding);
    records.push(record);
  }
  return { fields, records, encoding };
}
