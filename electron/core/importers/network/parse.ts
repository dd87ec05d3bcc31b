/**
 * The importer's entry point: bytes and a file name in, a preview out. The size limit is checked
 * before anything is parsed; the format is decided by content (detect.ts).
 */
import { readCsv } from './csv';
import { readGpkg } from './gpkg';
import { readLedger } from './ledger';
import { detectFormat } from './detect';
import { importInvalid } from './errors';
import { readGeoJson } from './geojson';
import { readKml } from './kml';
import { readKmz } from './kmz';
import { buildPreview, type ReadResult } from './preview';
import { readShapefileZip } from './shapefile';
import type { NetworkPreview } from './types';
import { Warnings } from './warnings';

/** Files larger than this are refused before parsing (100 MB). */
export const DEFAULT_MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Options for parseNetworkFile. */
export interface ParseOptions {
  /** Refuse files (and zip contents) larger than this; default 100 MB. */
  maxBytes?: number;
  /** better-sqlite3's native build for this runtime, for reading a GeoPackage (Electron's own). */
  sqliteBinding?: string;
}

/** Parses a network file (GeoJSON, KML, KMZ, zipped shapefile, CSV) into a preview; throws AppError('import_invalid'). */
export async function parseNetworkFile(fileName: string, data: Uint8Array, options: ParseOptions = {}): Promise<NetworkPreview> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  if (data.byteLength > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw importInvalid(
      fileName,
      'too_large',
      { zh: `文件有 ${mb(data.byteLength)} MB,超过上限 ${mb(maxBytes)} MB`, en: `the file is ${mb(data.byteLength)} MB, more than the ${mb(maxBytes)} MB limit` },
      { bytes: data.byteLength, maxBytes },
    );
  }
  // A Node Buffer is a Uint8Array, but may be a view into a shared pool: copy nothing, just view it.
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const warnings = new Warnings();
  const detection = detectFormat(fileName, bytes);
  if (detection.nameMismatch) warnings.note('name_mismatch', detection.nameMismatch);
  let read: ReadResult;
  switch (detection.format) {
    case 'geojson':
      read = readGeoJson(fileName, bytes, warnings);
      break;
    case 'kml':
      read = readKml(fileName, bytes, warnings);
      break;
    case 'kmz':
      read = readKmz(fileName, bytes, detection.entries, maxBytes, warnings);
      break;
    case 'shapefile':
      read = await readShapefileZip(fileName, bytes, detection.entries, maxBytes, warnings);
      break;
    case 'csv':
      read = readCsv(fileName, bytes, warnings);
      break;
    case 'gpkg':
      read = readGpkg(fileName, bytes, warnings, options.sqliteBinding);
      break;
    case 'xlsx':
      read = await readLedger(fileName, bytes, detection.entries, maxBytes, warnings);
      break;
  }
  return buildPreview(fileName, read, warnings);
}
