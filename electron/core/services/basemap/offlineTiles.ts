import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { PMTiles, TileType, Compression, type Source } from 'pmtiles';
import { AppError } from '../../../../shared/contract/errors';
import type { OfflineBasemapInfo } from '../../../../shared/contract/basemap';

/** A raster tile archive on this PC, opened read-only. */
export interface TileArchive {
  info: OfflineBasemapInfo;
  tile(z: number, x: number, y: number): Promise<Uint8Array | null>;
  close(): void;
}

const CONTENT_TYPES = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' } as const;
export function contentTypeOf(info: OfflineBasemapInfo): string {
  return CONTENT_TYPES[info.tileType];
}

function refuse(file: string, zh: string, en: string): AppError {
  return new AppError('invalid_input', { zh: `离线底图文件 ${file}：${zh}`, en: `Offline basemap ${file}: ${en}` });
}

function rasterType(value: string, file: string): OfflineBasemapInfo['tileType'] {
  const v = value.toLowerCase();
  if (v === 'png') return 'png';
  if (v === 'jpg' || v === 'jpeg') return 'jpg';
  if (v === 'webp') return 'webp';
  throw refuse(file, `只支持栅格瓦片（png/jpg/webp），该文件是 ${value}`, `only raster tiles (png/jpg/webp) are supported; this file has ${value}`);
}

/** MBTiles: SQLite with TMS rows (y counted from the south), read-only. */
function openMbtiles(file: string): TileArchive {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM tiles LIMIT 1').get();
  } catch {
    throw refuse(file, '不是有效的 MBTiles 文件', 'not a valid MBTiles file');
  }
  const meta = new Map((db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
  const tileType = rasterType(meta.get('format') ?? 'png', file);
  const zooms = db.prepare('SELECT min(zoom_level) AS lo, max(zoom_level) AS hi FROM tiles').get() as { lo: number | null; hi: number | null };
  const bounds = meta.get('bounds')?.split(',').map(Number);
  const get = db.prepare('SELECT tile_data AS data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
  return {
    info: {
      file,
      format: 'mbtiles',
      tileType,
      minZoom: zooms.lo ?? 0,
      maxZoom: zooms.hi ?? 0,
      bounds: bounds && bounds.length === 4 && bounds.every(Number.isFinite) ? (bounds as [number, number, number, number]) : null,
    },
    async tile(z, x, y) {
      const row = get.get(z, x, (1 << z) - 1 - y) as { data: Buffer } | undefined;
      return row ? new Uint8Array(row.data) : null;
    },
    close: () => db.close(),
  };
}

/** PMTiles v3: one file read by byte ranges. */
async function openPmtiles(file: string): Promise<TileArchive> {
  const fd = openSync(file, 'r');
  const source: Source = {
    getKey: () => file,
    getBytes: async (offset, length) => {
      const buf = Buffer.alloc(length);
      const n = readSync(fd, buf, 0, length, offset);
      return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + n) as ArrayBuffer };
    },
  };
  const decompress = async (buf: ArrayBuffer, compression: Compression) => {
    if (compression === Compression.None || compression === Compression.Unknown) return buf;
    if (compression === Compression.Gzip) {
      const out = gunzipSync(new Uint8Array(buf));
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
    }
    throw refuse(file, '压缩方式不受支持', 'uses an unsupported compression');
  };
  const archive = new PMTiles(source, undefined, decompress);
  let header;
  try {
    header = await archive.getHeader();
  } catch {
    closeSync(fd);
    throw refuse(file, '不是有效的 PMTiles 文件', 'not a valid PMTiles file');
  }
  const names: Partial<Record<TileType, string>> = { [TileType.Png]: 'png', [TileType.Jpeg]: 'jpg', [TileType.Webp]: 'webp', [TileType.Mvt]: 'mvt (vector)' };
  const tileType = rasterType(names[header.tileType] ?? 'unknown', file);
  return {
    info: { file, format: 'pmtiles', tileType, minZoom: header.minZoom, maxZoom: header.maxZoom, bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat] },
    async tile(z, x, y) {
      const r = await archive.getZxy(z, x, y);
      return r ? new Uint8Array(r.data) : null;
    },
    close: () => closeSync(fd),
  };
}

/** Open an offline tile file by its content (SQLite header → MBTiles, "PMTiles" magic → PMTiles). */
export async function openTileArchive(file: string): Promise<TileArchive> {
  if (!existsSync(file) || !statSync(file).isFile()) throw refuse(file, '文件不存在', 'the file does not exist');
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  readSync(fd, head, 0, 16, 0);
  closeSync(fd);
  if (head.subarray(0, 15).toString('latin1') === 'SQLite format 3') return openMbtiles(file);
  if (head.subarray(0, 7).toString('latin1') === 'PMTiles') return openPmtiles(file);
  throw refuse(file, '不是 MBTiles 或 PMTiles 文件', 'is neither an MBTiles nor a PMTiles file');
}

/**
 * The archive for a file, opened once per core (`open` is CoreContext.state.tileArchives): a map
 * view asks for hundreds of tiles. A failed open is not cached, so a fixed file works next time.
 */
export function tileArchive(file: string, open: Map<string, Promise<TileArchive>>): Promise<TileArchive> {
  let p = open.get(file);
  if (!p) {
    p = openTileArchive(file);
    open.set(file, p);
    p.catch(() => open.delete(file));
  }
  return p;
}
