import type { Position } from 'geojson';
import { WGS84_GEODESIC } from '../../../shared/geo/geodesic';

/**
 * Lay the demo out in metres east/north of an origin and walk real geodesics on WGS84, so every
 * ditch's stored (geodesic) length is exactly the length it was drawn with.
 */
export class DemoPlane {
  constructor(private readonly origin: { lon: number; lat: number }) {}

  /** The point x metres east and y metres north of the origin (north first, then east). */
  at(x: number, y: number): Position {
    const north = WGS84_GEODESIC.Direct(this.origin.lat, this.origin.lon, y >= 0 ? 0 : 180, Math.abs(y));
    if (x === 0) return [north.lon2!, north.lat2!];
    const east = WGS84_GEODESIC.Direct(north.lat2!, north.lon2!, x >= 0 ? 90 : 270, Math.abs(x));
    return [east.lon2!, east.lat2!];
  }

  /** The point `distance` metres from `from` along azimuth `azimuth` (degrees from north). */
  walk(from: Position, azimuth: number, distance: number): Position {
    const r = WGS84_GEODESIC.Direct(from[1]!, from[0]!, azimuth, distance);
    return [r.lon2!, r.lat2!];
  }
}
