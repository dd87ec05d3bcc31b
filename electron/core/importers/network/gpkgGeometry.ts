/**
 * GeoPackage geometry blobs (GPKG spec §2.1.3): "GP", version, flags, srs_id, an optional
 * envelope, then standard WKB — which wkx reads and writes. We only add the small header.
 */
import type { Geometry } from 'geojson';
import wkx from 'wkx';

/** Envelope lengths by the flags' envelope indicator (bits 1–3): none, xy, xyz, xym, xyzm. */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/** The GeoJSON geometry of a GPKG blob; null for an empty geometry; throws on a damaged blob. */
export function readGpkgGeometry(blob: Uint8Array): Geometry | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('not a GeoPackage geometry (no GP magic)');
  const flags = blob[3] as number;
  if (flags & 0x20) throw new Error('extended GeoPackage geometry types are not supported');
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07];
  if (envelope === undefined) throw new Error('invalid envelope indicator');
  if (flags & 0x10) return null;
  const wkb = Buffer.from(blob.buffer, blob.byteOffset + 8 + envelope, blob.length - 8 - envelope);
  return wkx.Geometry.parse(wkb).toGeoJSON() as Geometry;
}

/** A GPKG blob (little-endian, xy envelope) for a 2D GeoJSON geometry in `srsId`. */
export function writeGpkgGeometry(geometry: Geometry, srsId: number, bbox: [number, number, number, number]): Buffer {
  const header = Buffer.alloc(8 + 32);
  header.write('GP', 0, 'ascii');
  header[2] = 0; // version 1
  header[3] = 0b0000_0011; // little-endian, xy envelope
  header.writeInt32LE(srsId, 4);
  header.writeDoubleLE(bbox[0], 8);
  header.writeDoubleLE(bbox[2], 16);
  header.writeDoubleLE(bbox[1], 24);
  header.writeDoubleLE(bbox[3], 32);
  return Buffer.concat([header, wkx.Geometry.parseGeoJSON(geometry).toWkb()]);
}
