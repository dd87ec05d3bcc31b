import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChangeEntry } from '../../../../shared/contract/changeFeed';
import { SyncFailure } from './failure';
import type { SyncTransport } from './transport';

/**
 * Photos and issued sheet PDFs travel as content-addressed blobs (issue 11). A feed row names its
 * file by path (blockage_event.photo under photos/, sheet.pdf_file under sheets/), not by hash, so
 * the pushing desk sends, ahead of the row, one `sync_blob` entry saying "this path has these
 * bytes (SHA-256)". The pulling desk fetches the bytes by that hash and writes them to the path.
 */
export const SYNC_BLOB_TABLE = 'sync_blob';

/** Paths a blob may take under the data folder; anything else is refused, never written. */
const PHOTO_PATH = /^photos\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png|webp)$/;
const SHEET_PATH = /^sheets\/\d{4}\/[A-Za-z0-9._-]{1,120}\.pdf$/;

export function isBlobPath(path: string): boolean {
  return PHOTO_PATH.test(path) || SHEET_PATH.test(path);
}

/** The files under the data folder an entry's row refers to (relative paths, '/' separated). */
export function blobPathsOf(entry: ChangeEntry): string[] {
  const row = entry.row;
  if (!row) return [];
  if (entry.table === 'blockage_event' && typeof row.photo === 'string' && row.photo) return [`photos/${row.photo}`].filter(isBlobPath);
  if (entry.table === 'sheet' && typeof row.pdf_file === 'string') return [row.pdf_file.replaceAll('\\', '/')].filter(isBlobPath);
  return [];
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A stable change id for "this path has this hash", so a re-sent blob entry is a duplicate. */
function blobChangeId(townshipId: string, path: string, hash: string): string {
  const h = createHash('sha256').update(`${townshipId}\n${path}\n${hash}`).digest('hex');
  // RFC 9562 version 8 (custom) with the RFC variant: a valid UUID made from the hash.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The sync_blob entry announcing a file that `entry` refers to. */
export function blobEntry(entry: ChangeEntry, path: string, hash: string, bytes: number): ChangeEntry {
  return {
    changeId: blobChangeId(entry.townshipId, path, hash),
    townshipId: entry.townshipId,
    table: SYNC_BLOB_TABLE,
    rowId: path,
    op: 'insert',
    row: { id: path, township_id: entry.townshipId, path, sha256: hash, bytes, created_at: entry.at, updated_at: entry.at },
    hlc: entry.hlc,
    baseHlc: null,
    origin: entry.origin,
    batchId: entry.batchId,
    source: 'sync',
    at: entry.at,
  };
}

/**
 * Upload the files these entries refer to and answer the sync_blob entries to push ahead of them.
 * A file missing here (deleted by hand) is left out and reported, so its row still syncs.
 */
export async function uploadBlobs(
  dataDir: string,
  entries: ChangeEntry[],
  transport: Pick<SyncTransport, 'putBlob'>,
): Promise<{ announce: ChangeEntry[]; uploaded: number; missing: string[] }> {
  const announce: ChangeEntry[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    for (const path of blobPathsOf(entry)) {
      if (seen.has(path)) continue;
      seen.add(path);
      const file = join(dataDir, path);
      if (!existsSync(file)) {
        missing.push(path);
        continue;
      }
      const bytes = readFileSync(file);
      const hash = sha256(bytes);
      await transport.putBlob(hash, bytes);
      announce.push(blobEntry(entry, path, hash, bytes.length));
    }
  }
  return { announce, uploaded: announce.length, missing };
}

/**
 * Put the announced file in place: fetched by hash, checked, written atomically. A file already
 * there with the right bytes is left alone. Answers whether it downloaded anything.
 */
export async function fetchBlob(dataDir: string, announce: ChangeEntry, transport: SyncTransport): Promise<boolean> {
  const path = String(announce.row?.path ?? '');
  const hash = String(announce.row?.sha256 ?? '');
  if (!isBlobPath(path) || !/^[0-9a-f]{64}$/.test(hash)) {
    throw new SyncFailure('rejected', {
      zh: `服务器发来的附件路径或哈希不正确（${path.slice(0, 80)}），已拒收`,
      en: `The server sent an attachment with a bad path or hash (${path.slice(0, 80)}); refused`,
    });
  }
  const file = join(dataDir, path);
  if (existsSync(file) && sha256(readFileSync(file)) === hash) return false;
  const bytes = await transport.getBlob(hash);
  if (!bytes) {
    throw new SyncFailure('server_error', {
      zh: `县服务器上缺少附件 ${path}（${hash.slice(0, 12)}…），稍后重试`,
      en: `The county server lacks the attachment ${path} (${hash.slice(0, 12)}…); retrying later`,
    });
  }
  if (sha256(bytes) !== hash) {
    throw new SyncFailure('server_error', { zh: `下载的附件 ${path} 内容与哈希不符，稍后重试`, en: `The downloaded attachment ${path} does not match its hash; retrying later` });
  }
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.sync-tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
  return true;
}
