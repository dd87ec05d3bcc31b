/**
 * Travel between two sites: the straight line (a sphere is exact enough inside a township)
 * times the detour factor, at the machines' speed on field roads.
 */
import type { LonLat, TravelSettings } from './types';

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle kilometres between two WGS84 points (haversine). */
export function straightKm(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Road kilometres: the straight line × the detour factor. */
export function roadKm(a: LonLat, b: LonLat, travel: TravelSettings): number {
  return straightKm(a, b) * travel.detourFactor;
}

/** Hours to drive `km` road kilometres. */
export function travelHours(km: number, travel: TravelSettings): number {
  return km / travel.speedKmh;
}
