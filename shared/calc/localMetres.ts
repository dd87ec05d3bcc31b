/**
 * Equirectangular metres around one reference latitude. Used only to match endpoints and find
 * the segment nearest a point within a snap tolerance of metres, where a sphere is exact enough;
 * lengths come from lineLength.ts.
 */
import type { LonLat } from './lineLength';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export interface LocalProjection {
  /** x east, m. */
  x(lon: number): number;
  /** y north, m. */
  y(lat: number): number;
}

/** A projection whose east–west scale is right at latitude refLat (degrees). */
export function localProjection(refLat: number): LocalProjection {
  const kx = EARTH_RADIUS_M * Math.cos(refLat * RAD) * RAD;
  const ky = EARTH_RADIUS_M * RAD;
  return { x: (lon) => lon * kx, y: (lat) => lat * ky };
}

/** Squared distance from point p to the piece a–b, all in projected metres. */
export function pointPieceDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lenSq = dx * dx + dy * dy;
  let t = lenSq === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lenSq;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Projects a line to interleaved [x0, y0, x1, y1, …] metres. */
export function projectLine(coords: readonly LonLat[], projection: LocalProjection): Float64Array {
  const out = new Float64Array(coords.length * 2);
  coords.forEach((c, i) => {
    out[2 * i] = projection.x(c[0]);
    out[2 * i + 1] = projection.y(c[1]);
  });
  return out;
}
