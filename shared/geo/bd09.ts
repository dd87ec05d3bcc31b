/**
 * BD-09 (Baidu): a second obfuscation applied on top of GCJ-02. Forward formulas are Baidu's
 * published ones; the inverses iterate, like GCJ-02's. The BD-09 step applies everywhere; only
 * the GCJ-02 step underneath is the identity outside China.
 */
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';
import { invertNearIdentity, type LonLat } from './invert';

const X_PI = (Math.PI * 3000.0) / 180.0;

/** GCJ-02 → BD-09. */
export function gcj02ToBd09(lon: number, lat: number): LonLat {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** The published one-step BD-09 → GCJ-02; only a starting guess (it is off by decimetres). */
function bd09ToGcj02OneStep(lon: number, lat: number): LonLat {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return [z * Math.cos(theta), z * Math.sin(theta)];
}

/** BD-09 → GCJ-02, iterated to ~1e-10°. */
export function bd09ToGcj02(lon: number, lat: number): LonLat {
  return invertNearIdentity(gcj02ToBd09, lon, lat, bd09ToGcj02OneStep(lon, lat));
}

/** WGS84 → BD-09. */
export function wgs84ToBd09(lon: number, lat: number): LonLat {
  const [gLon, gLat] = wgs84ToGcj02(lon, lat);
  return gcj02ToBd09(gLon, gLat);
}

/** BD-09 → WGS84: iterates on the whole chain so the two inverses' errors cannot add up. */
export function bd09ToWgs84(lon: number, lat: number): LonLat {
  const [gLon, gLat] = bd09ToGcj02OneStep(lon, lat);
  return invertNearIdentity(wgs84ToBd09, lon, lat, gcj02ToWgs84(gLon, gLat));
}
