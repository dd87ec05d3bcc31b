/**
 * The GPS position and time a camera wrote into a JPEG's EXIF (APP1) block: enough to turn a
 * field photo sent over WeChat into a blockage report (core), or to place a phone report when the
 * browser refuses GPS (field page). Pure DataView code, about a hundred lines, rather than a
 * dependency. Phone cameras write WGS84 (GPSMapDatum is rarely set).
 */

export interface PhotoGps {
  lon: number;
  lat: number;
  /** When the photo was taken (UTC ISO), if the camera said; local times are read as UTC+8 unless an offset is given. */
  takenAt: string | null;
  /** GPSMapDatum when present (e.g. "WGS-84"). */
  datum: string | null;
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

class Tiff {
  constructor(
    private readonly view: DataView,
    private readonly little: boolean,
  ) {}

  u16(at: number): number {
    return this.view.getUint16(at, this.little);
  }

  u32(at: number): number {
    return this.view.getUint32(at, this.little);
  }

  /** Every entry of the IFD at `offset`: tag → where its value is, its type and count. */
  ifd(offset: number): Map<number, { type: number; count: number; at: number }> {
    const out = new Map<number, { type: number; count: number; at: number }>();
    if (offset + 2 > this.view.byteLength) return out;
    const n = this.u16(offset);
    for (let i = 0; i < n; i++) {
      const e = offset + 2 + i * 12;
      if (e + 12 > this.view.byteLength) break;
      const type = this.u16(e + 2);
      const count = this.u32(e + 4);
      const size = (TYPE_SIZES[type] ?? 0) * count;
      const at = size <= 4 ? e + 8 : this.u32(e + 8);
      if (size === 0 || at + size > this.view.byteLength) continue;
      out.set(this.u16(e), { type, count, at });
    }
    return out;
  }

  ascii(entry: { type: number; count: number; at: number } | undefined): string | null {
    if (!entry || entry.type !== 2) return null;
    let s = '';
    for (let i = 0; i < entry.count; i++) {
      const c = this.view.getUint8(entry.at + i);
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
    return s.trim() || null;
  }

  /** Degrees from three RATIONALs (degrees, minutes, seconds). */
  dms(entry: { type: number; count: number; at: number } | undefined): number | null {
    if (!entry || entry.type !== 5 || entry.count < 3) return null;
    const parts = [0, 1, 2].map((i) => {
      const den = this.u32(entry.at + i * 8 + 4);
      return den === 0 ? NaN : this.u32(entry.at + i * 8) / den;
    });
    const value = parts[0]! + parts[1]! / 60 + parts[2]! / 3600;
    return Number.isFinite(value) ? value : null;
  }

  pointer(entry: { type: number; count: number; at: number } | undefined): number | null {
    return entry && (entry.type === 4 || entry.type === 13) ? this.u32(entry.at) : null;
  }
}

/** The TIFF block inside the JPEG's Exif APP1 segment, or null. */
function exifBlock(bytes: Uint8Array): DataView | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // image data starts: no EXIF before it
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    const start = i + 4;
    if (marker === 0xe1 && length >= 8 && start + 6 <= bytes.length && String.fromCharCode(...bytes.subarray(start, start + 4)) === 'Exif') {
      const end = Math.min(bytes.length, i + 2 + length);
      return new DataView(bytes.buffer, bytes.byteOffset + start + 6, Math.max(0, end - start - 6));
    }
    i += 2 + length;
  }
  return null;
}

function takenAt(local: string | null, offset: string | null): string | null {
  const m = local ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(local) : null;
  if (!m) return null;
  const zone = offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '+08:00';
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** GPS position and time from a JPEG, or null when it has none (or the EXIF is damaged). */
export function readPhotoGps(bytes: Uint8Array): PhotoGps | null {
  try {
    const view = exifBlock(bytes);
    if (!view || view.byteLength < 8) return null;
    const order = String.fromCharCode(view.getUint8(0), view.getUint8(1));
    if (order !== 'II' && order !== 'MM') return null;
    const tiff = new Tiff(view, order === 'II');
    if (tiff.u16(2) !== 42) return null;
    const ifd0 = tiff.ifd(tiff.u32(4));
    const gpsAt = tiff.pointer(ifd0.get(0x8825));
    if (gpsAt === null) return null;
    const gps = tiff.ifd(gpsAt);
    const lat = tiff.dms(gps.get(2));
    const lon = tiff.dms(gps.get(4));
    if (lat === null || lon === null || (lat === 0 && lon === 0)) return null;
    const signedLat = tiff.ascii(gps.get(1))?.toUpperCase() === 'S' ? -lat : lat;
    const signedLon = tiff.ascii(gps.get(3))?.toUpperCase() === 'W' ? -lon : lon;
    if (Math.abs(signedLat) > 90 || Math.abs(signedLon) > 180) return null;
    const exifAt = tiff.pointer(ifd0.get(0x8769));
    const exif = exifAt !== null ? tiff.ifd(exifAt) : new Map();
    return {
      lon: signedLon,
      lat: signedLat,
      takenAt: takenAt(tiff.ascii(exif.get(0x9003)) ?? tiff.ascii(ifd0.get(0x0132)), tiff.ascii(exif.get(0x9011))),
      datum: tiff.ascii(gps.get(0x12)),
    };
  } catch {
    return null;
  }
}
