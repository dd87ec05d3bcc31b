/**
 * Measures on the WGS84 ellipsoid: geodesic lengths of lines, areas of polygons, bounding boxes,
 * and the area units users read (亩, ha). Lengths of ditches must be geodesic, never planar degrees.
 */
import type { Geometry, Position } from 'geojson';
import { DISTANCE_ONLY, WGS84_GEODESIC } from './geodesic';
import { forEachPosition } from './geometry';
import { pairDistanceM, type LonLat } from '../calc/lineLength';

/**
 * Square metres in one mu (亩). By definition 1 mu = 1/15 hectare, so we use 10000/15 exactly
 * (666.666…), not the rounded 666.67 printed on forms, so mu ↔ ha round-trips without drift.
 */
export const M2_PER_MU = 10000 / 15;

/** Square metres in one hectare. */
export const M2_PER_HA = 10000;

/** [minLon, minLat, maxLon, maxLat] in degrees. */
export type BBox = [number, number, number, number];

/**
 * Pieces shorter than this are measured on the ellipsoid's tangent plane at their mid-latitude
 * (pairDistanceM: within 0.05 mm of the geodesic at 2 km, tested against Karney's inverse), longer
 * ones by Karney's inverse itself. The tens to hundreds of metres between a ditch's vertices cost
 * a fifteenth of the inverse that way, which is most of an import's length pass.
 */
export const SHORT_PIECE_M = 2000;

/** Geodesic length in metres of a run of [lon, lat] positions on WGS84. */
export function lineLengthM(positions: readonly Position[]): number {
  let total = 0;
  for (let i = 1; i < positions.length; i++) {
    const a = positions[i - 1] as unknown as LonLat;
    const b = positions[i] as unknown as LonLat;
    const near = pairDistanceM(a, b);
    total += near < SHORT_PIECE_M ? near : (WGS84_GEODESIC.Inverse(a[1], a[0], b[1], b[0], DISTANCE_ONLY).s12 ?? 0);
  }
  return total;
}

/**
 * Geodesic length in metres: lines are summed, polygons give the perimeter of all their rings,
 * points give 0. A GeometryCollection sums its members.
 */
export function lengthM(geometry: Geometry): number {
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint':
      return 0;
    case 'LineString':
      return lineLengthM(geometry.coordinates);
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.reduce((sum, line) => sum + lineLengthM(line), 0);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((sum, poly) => sum + poly.reduce((s, ring) => s + lineLengthM(ring), 0), 0);
    case 'GeometryCollection':
      return geometry.geometries.reduce((sum, g) => sum + lengthM(g), 0);
  }
}

/** Area in m² enclosed by one ring on WGS84, whichever way it winds (closing point optional). */
export function ringAreaM2(ring: readonly Position[]): number {
  const polygon = WGS84_GEODESIC.Polygon(false);
  const n = ring.length;
  const first = ring[0];
  const last = ring[n - 1];
  // The closing repeat of the first point adds a zero-length edge; skip it anyway.
  const closed = n > 1 && first && last && first[0] === last[0] && first[1] === last[1];
  for (let i = 0; i < (closed ? n - 1 : n); i++) {
    const p = ring[i] as Position;
    polygon.AddPoint(p[1] as number, p[0] as number);
  }
  // sign=true gives a signed area instead of "the rest of the Earth" for clockwise rings.
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}

/** Area in m² of the polygons in a geometry (outer rings minus holes); 0 for points and lines. */
export function areaM2(geometry: Geometry): number {
  const polygonArea = (rings: readonly Position[][]): number =>
    rings.reduce((sum, ring, i) => sum + (i === 0 ? ringAreaM2(ring) : -ringAreaM2(ring)), 0);
  switch (geometry.type) {
    case 'Polygon':
      return polygonArea(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((sum, poly) => sum + polygonArea(poly), 0);
    case 'GeometryCollection':
      return geometry.geometries.reduce((sum, g) => sum + areaM2(g), 0);
    default:
      return 0;
  }
}

/** Bounding box of one geometry or several, or null when there is no position at all. */
export function bboxOf(geometry: Geometry | readonly Geometry[]): BBox | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const list: readonly Geometry[] = Array.isArray(geometry) ? geometry : [geometry as Geometry];
  for (const g of list) {
    forEachPosition(g, (p) => {
      const lon = p[0] as number;
      const lat = p[1] as number;
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    });
  }
  return minLon === Infinity ? null : [minLon, minLat, maxLon, maxLat];
}

/** m² → mu (亩). */
export function m2ToMu(m2: number): number {
  return m2 / M2_PER_MU;
}

/** mu (亩) → m². */
export function muToM2(mu: number): number {
  return mu * M2_PER_MU;
}

/** m² → hectares. */
export function m2ToHa(m2: number): number {
  return m2 / M2_PER_HA;
}

/** Hectares → m². */
export function haToM2(ha: number): number {
  return ha * M2_PER_HA;
}

/** Mu (亩) → hectares (15 mu = 1 ha). */
export function muToHa(mu: number): number {
  return mu / 15;
}

/** Hectares → mu (亩). */
export function haToMu(ha: number): number {
  return ha * 15;
}
