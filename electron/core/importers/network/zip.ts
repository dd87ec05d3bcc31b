/**
 * Reading a zip (KMZ, zipped shapefile) safely: the listing first, without inflating anything,
 * so the uncompressed size can be checked against the limit (zip bombs) before any work.
 */
import { unzipSync } from 'fflate';
import { importInvalid } from './errors';
import { decodeWith, isValidUtf8 } from './text';

/** One entry of a zip, with its name decoded for people (GBK names from Chinese Windows fixed). */
export interface ZipEntry {
  /** Name as stored by fflate: the key to extract it with. */
  rawName: string;
  /** Name for display and matching: UTF-8 or GBK decoded, forward slashes. */
  name: string;
  originalSize: number;
}

/** True when bytes start with a zip signature (local header or empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/**
 * fflate decodes names without the zip UTF-8 flag as Latin-1; Chinese Windows zips store GBK
 * there. Recover the bytes and decode them properly.
 */
function displayName(raw: string): string {
  if (![...raw].every((c) => c.charCodeAt(0) <= 0xff) || !/[\u0080-\u00ff]/.test(raw)) return raw;
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  return isValidUtf8(bytes) ? decodeWith(bytes, 'utf-8') : decodeWith(bytes, 'gb18030');
}

function damaged(fileName: string, cause: unknown) {
  return importInvalid(
    fileName,
    'bad_zip',
    { zh: '压缩包已损坏或不完整,无法打开', en: 'the zip archive is damaged or incomplete and cannot be opened' },
    { cause: cause instanceof Error ? cause.message : String(cause) },
  );
}

/** Lists a zip's files (folders and macOS resource forks left out) without inflating them. */
export function listZip(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter(file) {
        const name = displayName(file.name).replace(/\\/g, '/');
        if (!name.endsWith('/') && !name.startsWith('__MACOSX/') && !/(^|\/)\._/.test(name)) {
          entries.push({ rawName: file.name, name, originalSize: file.originalSize });
        }
        return false;
      },
    });
  } catch (cause) {
    throw damaged(fileName, cause);
  }
  return entries;
}

/** Inflates the chosen entries, refusing when together they exceed maxBytes uncompressed. */
export function extractZip(bytes: Uint8Array, fileName: string, wanted: readonly ZipEntry[], maxBytes: number): Map<string, Uint8Array> {
  const total = wanted.reduce((sum, e) => sum + e.originalSize, 0);
  if (total > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw importInvalid(
      fileName,
      'too_large',
      { zh: `压缩包解压后有 ${mb(total)} MB,超过上限 ${mb(maxBytes)} MB`, en: `the archive unpacks to ${mb(total)} MB, more than the ${mb(maxBytes)} MB limit` },
      { bytes: total, maxBytes },
    );
  }
  const names = new Set(wanted.map((e) => e.rawName));
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => names.has(file.name) });
  } catch (cause) {
    throw damaged(fileName, cause);
  }
  const out = new Map<string, Uint8Array>();
  for (const e of wanted) {
    const data = files[e.rawName];
    if (data) out.set(e.name, data);
  }
  return out;
}

/** Lower-cased extension without the dot ('' if none). */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** File name without folders or extension. */
export function baseNameOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? base : base.slice(0, dot);
}
