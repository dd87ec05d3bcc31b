/**
 * The order a team takes its jobs: nearest neighbour from the team's position, then 2-opt on
 * the open path (the team need not come back) until no reversal shortens it.
 */
import type { LonLat } from './types';

/** Visiting order of `stops` (indices) from `start`, given a distance function. */
export function orderStops(start: LonLat, stops: readonly LonLat[], distance: (a: LonLat, b: LonLat) => number): number[] {
  const n = stops.length;
  if (n <= 1) return stops.map((_s, i) => i);
  const left = new Set(stops.map((_s, i) => i));
  const route: number[] = [];
  let here = start;
  while (left.size > 0) {
    let best = -1;
    let bestD = Infinity;
    for (const i of left) {
      const d = distance(here, stops[i]!);
      if (d < bestD || (d === bestD && i < best)) {
        best = i;
        bestD = d;
      }
    }
    route.push(best);
    left.delete(best);
    here = stops[best]!;
  }
  return twoOpt(start, stops, route, distance);
}

/** Open-path 2-opt: reverse route[i..k] whenever that shortens the path from `start`. */
function twoOpt(start: LonLat, stops: readonly LonLat[], route: number[], distance: (a: LonLat, b: LonLat) => number): number[] {
  const at = (p: number) => (p < 0 ? start : stops[route[p]!]!);
  let improved = true;
  let rounds = 0;
  while (improved && rounds++ < 50) {
    improved = false;
    for (let i = 0; i < route.length - 1; i++) {
      for (let k = i + 1; k < route.length; k++) {
        const before = distance(at(i - 1), at(i)) + (k + 1 < route.length ? distance(at(k), at(k + 1)) : 0);
        const after = distance(at(i - 1), at(k)) + (k + 1 < route.length ? distance(at(i), at(k + 1)) : 0);
        if (after < before - 1e-9) {
          route.splice(i, k - i + 1, ...route.slice(i, k + 1).reverse());
          improved = true;
        }
      }
    }
  }
  return route;
}
