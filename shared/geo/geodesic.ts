/**
 * GeographicLib (Karney) on the WGS84 ellipsoid. The package is CommonJS: Node's ESM loader only
 * gives it a default export, while bundlers also expose the names, so take whichever exists.
 */
import * as geographiclib from 'geographiclib-geodesic';

type GeographicLib = typeof geographiclib;

const lib: GeographicLib =
  (geographiclib as unknown as { default?: GeographicLib }).default ?? geographiclib;

/** The WGS84 ellipsoid's geodesic solver. */
export const WGS84_GEODESIC = lib.Geodesic.WGS84;

/** Output mask asking Inverse() for the distance only (cheapest). */
export const DISTANCE_ONLY = lib.Geodesic.DISTANCE;
