/**
 * The coordinate systems a file can use, and converting positions and geometries between them.
 * We store WGS84 (CGCS2000 is the same at ditch scale); GCJ-02 and BD-09 are converted on import.
 */
import type { Geometry, Position } from 'geojson';
import type { Bilingual } from '../contract/errors';
import { bd09ToGcj02, bd09ToWgs84, gcj02ToBd09, wgs84ToBd09 } from './bd09';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';
import { mapPositions } from './geometry';
import type { LonLat } from './invert';

/** A coordinate system a file can be in. */
export type Crs = 'wgs84' | 'gcj02' | 'bd09';

/** Every Crs, in the order the UI lists them. */
export const CRS_LIST: readonly Crs[] = ['wgs84', 'gcj02', 'bd09'];

/** What to call each system in the UI. */
export const CRS_LABELS: Record<Crs, Bilingual> = {
  wgs84: { zh: 'WGS84 / CGCS2000(GPS、天地图、奥维旧版)', en: 'WGS84 / CGCS2000 (GPS, Tianditu, older Ovital)' },
  gcj02: { zh: 'GCJ-02 火星坐标(高德、腾讯、奥维 9.3 及以后)', en: 'GCJ-02 (Gaode/AMap, Tencent, Ovital 9.3+)' },
  bd09: { zh: 'BD-09 百度坐标', en: 'BD-09 (Baidu)' },
};

/** True for 'wgs84' | 'gcj02' | 'bd09'. */
export function isCrs(value: unknown): value is Crs {
  return typeof value === 'string' && (CRS_LIST as readonly string[]).includes(value);
}

type Transform = (lon: number, lat: number) => LonLat;

const identity: Transform = (lon, lat) => [lon, lat];

// Direct pairs where one exists, so gcj02↔bd09 does not detour through WGS84.
const TRANSFORMS: Record<Crs, Record<Crs, Transform>> = {
  wgs84: { wgs84: identity, gcj02: wgs84ToGcj02, bd09: wgs84ToBd09 },
  gcj02: { wgs84: gcj02ToWgs84, gcj02: identity, bd09: gcj02ToBd09 },
  bd09: { wgs84: bd09ToWgs84, gcj02: bd09ToGcj02, bd09: identity },
};

/** Converts one [lon, lat, ...rest] position; extra ordinates (altitude) are kept as they are. */
export function convertPosition(position: Position, from: Crs, to: Crs): Position {
  const [lon, lat, ...rest] = position as [number, number, ...number[]];
  if (from === to) return [lon, lat, ...rest];
  const [x, y] = TRANSFORMS[from][to](lon, lat);
  return [x, y, ...rest];
}

/** A copy of `geometry` with every position converted (any GeoJSON geometry, collections too). */
export function convertGeometry<G extends Geometry>(geometry: G, from: Crs, to: Crs): G {
  return mapPositions(geometry, (p) => convertPosition(p, from, to));
}
