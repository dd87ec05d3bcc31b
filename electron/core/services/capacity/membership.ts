/**
 * Which ditches lie in which area. A ditch belongs to every area its midpoint lies in (a village
 * and the field block inside it both count it). For runoff, each ditch drains the finest
 * (smallest) area it lies in; an area's own land is its area minus the areas nested in it, shared
 * among the ditches that drain it by length, so no square metre is counted twice.
 */
import { BoxGrid, lineMidpoint, pointInPolygons, ringMean } from './geometry';
import type { AreaRow, DitchRow } from './load';

export interface Membership {
  /** Ditch indexes of each area (rivers excluded). */
  ditchesOfArea: number[][];
  /** The areas of each ditch (the same lists as ditchesOfArea, the other way round). */
  areasOfDitch: (readonly number[])[];
  /** The finest area of each ditch, or −1. */
  finestArea: Int32Array;
  /** m² of land each ditch drains, or null when it lies in no area (and for rivers). */
  catchmentM2: (number | null)[];
}

export function areaMembership(ditches: readonly DitchRow[], areas: readonly AreaRow[]): Membership {
  const grid = new BoxGrid(areas.map((a) => a.bbox));
  const ditchesOfArea: number[][] = areas.map(() => []);
  const finestArea = new Int32Array(ditches.length).fill(-1);
  const none: readonly number[] = [];
  const areasOfDitch: (readonly number[])[] = new Array<readonly number[]>(ditches.length).fill(none);
  ditches.forEach((d, i) => {
    if (d.kind === 'river' || areas.length === 0) return;
    const mid = lineMidpoint(d.coords);
    let finest = -1;
    for (const a of grid.at(mid)) {
      if (!pointInPolygons(mid, areas[a]!.polygons)) continue;
      ditchesOfArea[a]!.push(i);
      areasOfDitch[i] = areasOfDitch[i] === none ? [a] : [...areasOfDitch[i]!, a];
      if (finest === -1 || areas[a]!.area_m2 < areas[finest]!.area_m2) finest = a;
    }
    finestArea[i] = finest;
  });

  // Nesting: an area's parent is the smallest larger area containing its interior point.
  const nestedM2 = new Float64Array(areas.length);
  areas.forEach((area, b) => {
    const p = ringMean(area.polygons[0] ?? []);
    let parent = -1;
    for (const a of grid.at(p)) {
      if (a === b || areas[a]!.area_m2 <= area.area_m2 || !pointInPolygons(p, areas[a]!.polygons)) continue;
      if (parent === -1 || areas[a]!.area_m2 < areas[parent]!.area_m2) parent = a;
    }
    if (parent !== -1) nestedM2[parent] = nestedM2[parent]! + area.area_m2;
  });

  const drainedLength = new Float64Array(areas.length);
  const drainers = new Int32Array(areas.length);
  ditches.forEach((d, i) => {
    const a = finestArea[i]!;
    if (a === -1) return;
    drainedLength[a] = drainedLength[a]! + d.length_m;
    drainers[a] = drainers[a]! + 1;
  });
  const catchmentM2 = ditches.map((d, i) => {
    const a = finestArea[i]!;
    if (a === -1) return null;
    const own = Math.max(0, areas[a]!.area_m2 - nestedM2[a]!);
    const total = drainedLength[a]!;
    return total > 0 ? (own * d.length_m) / total : own / drainers[a]!;
  });
  return { ditchesOfArea, areasOfDitch, finestArea, catchmentM2 };
}
