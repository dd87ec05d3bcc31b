/**
 * GCJ-02 ("Mars coordinates", 火星坐标): the offset Chinese web maps (Gaode/AMap, Tencent, Ovital
 * since v9.3) apply to WGS84. The forward formula is the widely published one (Krasovsky-ellipsoid
 * constants included, as every implementation uses them); the inverse is iterative.
 */
import { invertNearIdentity, type LonLat } from './invert';

/** Krasovsky 1940 semi-major axis and eccentricity², as the published algorithm uses. */
const A = 6378245.0;
const EE = 0.006693421622965943; // 0.00669342162296594323, as published, to double precision

/**
 * The rectangle the published algorithm treats as China; outside it GCJ-02 equals WGS84. It is a
 * box, so it also covers bits of neighbouring countries: that is what the map vendors do too.
 */
export function isOutsideChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function offsetLon(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** WGS84 → GCJ-02 (identity outside China). */
export function wgs84ToGcj02(lon: number, lat: number): LonLat {
  if (isOutsideChina(lon, lat)) return [lon, lat];
  let dLat = offsetLat(lon - 105.0, lat - 35.0);
  let dLon = offsetLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

/** GCJ-02 → WGS84, iterated to ~1e-10° (identity outside China). */
export function gcj02ToWgs84(lon: number, lat: number): LonLat {
  if (isOutsideChina(lon, lat)) return [lon, lat];
  const [fx, fy] = wgs84ToGcj02(lon, lat);
  // Start from the classic one-step inverse: it is already within ~2 m.
  return invertNearIdentity(wgs84ToGcj02, lon, lat, [2 * lon - fx, 2 * lat - fy]);
}
