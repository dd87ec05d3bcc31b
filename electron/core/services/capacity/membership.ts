/**
 * Which ditches lie in which area. A ditch belongs to every area its midpoint lies in (a village
 * and the field block inside it both count it). For runoff, each ditch drains the finest
 * (smallest) area it lies in; an area's own land is its area minus the areas nested in it, shared
 * among the ditches that drain it by length, so no square metre is counted twice.
 */
import { firstAtOrAbove } from '../../../../shared/calc';
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
  /** The areas' boxes, and the land of the areas nested in each (kept to place a moved ditch). */
  grid: BoxGrid;
  nestedM2: Float64Array;
}

/** The areas ditch i's midpoint lies in (in the grid's order) and the finest of them, or −1. */
function placeDitch(d: DitchRow, grid: BoxGrid, areas: readonly AreaRow[]): { inside: readonly number[]; finest: number } {
  if (d.kind === 'river' || areas.length === 0) return { inside: NONE, finest: -1 };
  const mid = lineMidpoint(d.coords);
  let finest = -1;
  let inside: number[] | null = null;
  for (const a of grid.at(mid)) {
    if (!pointInPolygons(mid, areas[a]!.polygons)) continue;
    (inside ??= []).push(a);
    if (finest === -1 || areas[a]!.area_m2 < areas[finest]!.area_m2) finest = a;
  }
  return { inside: inside ?? NONE, finest };
}

const NONE: readonly number[] = [];

/** The land ditch i drains: its length's share of its finest area's own land, over the ditches draining that area. */
function catchmentOf(d: DitchRow, a: number, areas: readonly AreaRow[], nestedM2: Float64Array, drainedLength: number, drainers: number): number | null {
  if (a === -1) return null;
  const own = Math.max(0, areas[a]!.area_m2 - nestedM2[a]!);
  return drainedLength > 0 ? (own * d.length_m) / drainedLength : own / drainers;
}

export function areaMembership(ditches: readonly DitchRow[], areas: readonly AreaRow[]): Membership {
  const grid = new BoxGrid(areas.map((a) => a.bbox));
  const ditchesOfArea: number[][] = areas.map(() => []);
  const finestArea = new Int32Array(ditches.length).fill(-1);
  const areasOfDitch: (readonly number[])[] = new Array<readonly number[]>(ditches.length).fill(NONE);
  ditches.forEach((d, i) => {
    const { inside, finest } = placeDitch(d, grid, areas);
    for (const a of inside) ditchesOfArea[a]!.push(i);
    areasOfDitch[i] = inside;
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
    return a === -1 ? null : catchmentOf(d, a, areas, nestedM2, drainedLength[a]!, drainers[a]!);
  });
  return { ditchesOfArea, areasOfDitch, finestArea, catchmentM2, grid, nestedM2 };
}

/** Inserts i into the ascending list. */
function sortedInsert(list: number[], i: number): void {
  list.splice(firstAtOrAbove(list, i), 0, i);
}

function sortedRemove(list: number[], i: number): void {
  const at = list.indexOf(i);
  if (at !== -1) list.splice(at, 1);
}

/**
 * `m` after ditches `changed` (indexes; same list, same areas) moved or changed length: each placed
 * again, and the land of the areas they left or drain shared out again among those areas' ditches,
 * summed in ditch order as areaMembership does. Returns the areas whose ditches or lengths changed
 * and the ditches whose catchment was worked out again. O(changed + ditches of those areas).
 */
export function patchMembership(m: Membership, ditches: readonly DitchRow[], areas: readonly AreaRow[], changed: readonly number[]): { areas: Set<number>; ditches: Set<number> } {
  const touchedAreas = new Set<number>();
  const drained = new Set<number>();
  for (const i of changed) {
    for (const a of m.areasOfDitch[i]!) {
      sortedRemove(m.ditchesOfArea[a]!, i);
      touchedAreas.add(a);
    }
    if (m.finestArea[i] !== -1) drained.add(m.finestArea[i]!);
    const { inside, finest } = placeDitch(ditches[i]!, m.grid, areas);
    for (const a of inside) {
      sortedInsert(m.ditchesOfArea[a]!, i);
      touchedAreas.add(a);
    }
    m.areasOfDitch[i] = inside;
    m.finestArea[i] = finest;
    if (finest !== -1) drained.add(finest);
    else m.catchmentM2[i] = null;
  }
  const recomputed = new Set<number>(changed);
  for (const a of drained) {
    let length = 0;
    let drainers = 0;
    const members = m.ditchesOfArea[a]!;
    for (const i of members) {
      if (m.finestArea[i] !== a) continue;
      length += ditches[i]!.length_m;
      drainers++;
    }
    for (const i of members) {
      if (m.finestArea[i] !== a) continue;
      m.catchmentM2[i] = catchmentOf(ditches[i]!, a, areas, m.nestedM2, length, drainers);
      recomputed.add(i);
    }
  }
  return { areas: touchedAreas, ditches: recomputed };
}
