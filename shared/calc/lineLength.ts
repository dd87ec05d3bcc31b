/**
 * Length of a line on the WGS84 ellipsoid (DESIGN §3: geodesic, not planar degrees).
 *
 * Each vertex pair is measured on the plane tangent to the ellipsoid at its mid-latitude, using
 * the meridional (M) and prime-vertical (N) radii of curvature. Checked against GeographicLib's
 * geodesic inverse: relative error below 2e-6 for pieces up to 40 km, far below 1e-8 for the tens
 * to hundreds of metres between ditch vertices. Chosen over the geographiclib package because
 * that one is CommonJS-only (no named exports under plain Node ESM) and this is much cheaper for
 * 50,000 segments.
 */

/** A WGS84 position as [longitude, latitude] in degrees (GeoJSON order). */
export type LonLat = readonly [lon: number, lat: number];

const WGS84_A = 6_378_137;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);
const RAD = Math.PI / 180;

/** Distance between two WGS84 points a few km apart or less, m. */
export function pairDistanceM(a: LonLat, b: LonLat): number {
  const midLat = ((a[1] + b[1]) / 2) * RAD;
  const sin = Math.sin(midLat);
  const w = 1 - WGS84_E2 * sin * sin;
  const primeVertical = WGS84_A / Math.sqrt(w);
  const meridional = (WGS84_A * (1 - WGS84_E2)) / (w * Math.sqrt(w));
  // Normalise the longitude step to [-180, 180) so a line across ±180° is not measured the long way.
  const dLon = ((((b[0] - a[0] + 540) % 360) + 360) % 360) - 180;
  const dx = primeVertical * Math.cos(midLat) * dLon * RAD;
  const dy = meridional * (b[1] - a[1]) * RAD;
  return Math.hypot(dx, dy);
}

/** Length of a polyline on the WGS84 ellipsoid, m. */
export function lineLengthM(coords: readonly LonLat[]): number {
  let total = 0;
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1];
    const b = coords[i];
    if (a !== undefined && b !== undefined) total += pairDistanceM(a, b);
  }
  return total;
}
