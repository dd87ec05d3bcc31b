/** Small hand-built networks for the capacity tests, drawn through the network.create procedure. */
import type { AreaFeature, BlockageFeature, CulvertFeature, DitchFeature } from '../../../shared/contract/network';
import { tempCore } from '../../helpers/tempDir';

export type Core = Awaited<ReturnType<typeof tempCore>>;

/** "Today" in the tests: 10 August 2026, noon in the township (inside the default season). */
export const TODAY = '2026-08-10';
export const NOW = new Date('2026-08-10T04:00:00Z');

export function capacityCore(): Promise<Core> {
  return tempCore({ now: () => NOW });
}

export async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

/** [lon, lat] of a point x m east and y m north of 124.2°E 43.4°N (a spot in the demo's plain). */
export function at(x: number, y: number): [number, number] {
  // WGS84 length of one degree at 43.4°N (GeographicLib): 81,010.03 m of longitude, 111,100.54 m of latitude.
  return [124.2 + x / 81_010.03, 43.4 + y / 111_100.54];
}

/** The section of issue 6's accuracy example: A = 4.875 m², Q ≈ 2.97 m³/s. */
export const SWMM_SECTION = { bottom_width_m: 1, depth_m: 1.5, side_slope: 1.5, manning_n: 0.025, slope: 1 / 3000 };
/** The demo's cleared-ditch section: A = 5 m². */
export const DEMO_SECTION = { bottom_width_m: 1.5, depth_m: 1.25, side_slope: 2, manning_n: 0.025, slope: 0.0005 };

export function ditch(core: Core, points: [number, number][], properties: Record<string, unknown>): Promise<DitchFeature> {
  return ok<DitchFeature>(core, 'network.create', {
    layer: 'ditch',
    geometry: { type: 'LineString', coordinates: points.map(([x, y]) => at(x, y)) },
    properties: { kind: 'branch', ...properties },
  });
}

export function river(core: Core, points: [number, number][], name = '辽河'): Promise<DitchFeature> {
  return ditch(core, points, { kind: 'river', name });
}

export function culvert(core: Core, x: number, y: number, properties: Record<string, unknown>): Promise<CulvertFeature> {
  return ok<CulvertFeature>(core, 'network.create', { layer: 'culvert', geometry: { type: 'Point', coordinates: at(x, y) }, properties });
}

export function blockage(core: Core, x: number, y: number, name: string): Promise<BlockageFeature> {
  return ok<BlockageFeature>(core, 'network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: at(x, y) }, properties: { name } });
}

/** A rectangle from (x0, y0) to (x1, y1), in metres. */
export function area(core: Core, box: [number, number, number, number], properties: Record<string, unknown>): Promise<AreaFeature> {
  const [x0, y0, x1, y1] = box;
  const ring = [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)];
  return ok<AreaFeature>(core, 'network.create', { layer: 'area', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { kind: 'village', ...properties } });
}

/** Manning Q = (1/n)·A·R^(2/3)·S^(1/2) of a trapezoid at full depth, by hand. */
export function trapezoidQ(b: number, h: number, z: number, n: number, s: number): { area: number; q: number } {
  const area = (b + z * h) * h;
  const perimeter = b + 2 * h * Math.sqrt(1 + z * z);
  return { area, q: (1 / n) * area * Math.pow(area / perimeter, 2 / 3) * Math.sqrt(s) };
}
