/** Reads the live network rows a capacity report needs, with their geometry parsed. */
import type { AreaKind, BlockageStatus, DitchCondition, DitchKind, WorkState } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import { CapacityRepository } from '../../db/repositories/capacityRepository';

export type LonLat = [number, number];

export interface DitchRow {
  id: string;
  name: string;
  kind: DitchKind;
  village: string;
  bottom_width_m: number | null;
  depth_m: number | null;
  side_slope: number | null;
  manning_n: number | null;
  slope: number | null;
  condition: DitchCondition;
  work: WorkState;
  length_m: number;
  coords: LonLat[];
}

export interface CulvertRow {
  id: string;
  name: string;
  village: string;
  ditch_id: string | null;
  diameter_m: number | null;
  length_m: number | null;
  barrels: number;
  position: LonLat;
}

/** Polygon rings as [outer, ...holes]; a MultiPolygon is several of these. */
export type Rings = LonLat[][];

export interface AreaRow {
  id: string;
  name: string;
  kind: AreaKind;
  area_m2: number;
  runoff_coefficient: number | null;
  curve_number: number | null;
  polygons: Rings[];
  bbox: [number, number, number, number];
}

export interface BlockageRow {
  id: string;
  name: string;
  village: string;
  status: BlockageStatus;
  ditch_id: string | null;
  position: LonLat | null;
}

export interface NetworkRows {
  ditches: DitchRow[];
  culverts: CulvertRow[];
  areas: AreaRow[];
  openBlockages: BlockageRow[];
}

type Raw = Record<string, unknown> & { geometry: string };

function pointOf(geometry: string): LonLat | null {
  const g = JSON.parse(geometry) as { type: string; coordinates: unknown };
  if (g.type !== 'Point') return null;
  const c = g.coordinates as number[];
  return [c[0]!, c[1]!];
}

function polygonsOf(geometry: string): Rings[] {
  const g = JSON.parse(geometry) as { type: string; coordinates: unknown };
  if (g.type === 'Polygon') return [g.coordinates as Rings];
  if (g.type === 'MultiPolygon') return g.coordinates as Rings[];
  return [];
}

/** Every live ditch, culvert and area of the township, and the blockages that still hold water back. */
export function loadNetwork(ctx: CoreContext): NetworkRows {
  const repo = new CapacityRepository(ctx.db, ctx.townshipId);
  // Raw rows and literal objects of one shape: 50,000 ditches load in a fraction of the time that
  // named-column objects and spreads take (bench/capacity.ts).
  const ditchRows = repo.ditchArrays();
  const ditches: DitchRow[] = ditchRows.map((r) => ({
    id: r[0] as string,
    name: r[1] as string,
    kind: r[2] as DitchKind,
    village: r[3] as string,
    bottom_width_m: r[4] as number | null,
    depth_m: r[5] as number | null,
    side_slope: r[6] as number | null,
    manning_n: r[7] as number | null,
    slope: r[8] as number | null,
    condition: r[9] as DitchCondition,
    work: r[10] as WorkState,
    length_m: r[11] as number,
    coords: (JSON.parse(r[12] as string) as { coordinates: LonLat[] }).coordinates,
  }));
  const culverts = (repo.culverts() as Raw[]).flatMap((r): CulvertRow[] => {
    const position = pointOf(r.geometry);
    if (!position) return [];
    return [
      {
        id: String(r.id),
        name: String(r.name),
        village: String(r.village),
        ditch_id: r.ditch_id as string | null,
        diameter_m: r.diameter_m as number | null,
        length_m: r.length_m as number | null,
        barrels: Number(r.barrels),
        position,
      },
    ];
  });
  const areas = (repo.areas() as Raw[]).map((r) => ({
    id: String(r.id),
    name: String(r.name),
    kind: r.kind as AreaKind,
    area_m2: Number(r.area_m2),
    runoff_coefficient: r.runoff_coefficient as number | null,
    curve_number: r.curve_number as number | null,
    polygons: polygonsOf(r.geometry),
    bbox: [Number(r.min_lon), Number(r.min_lat), Number(r.max_lon), Number(r.max_lat)] as [number, number, number, number],
  }));
  return { ditches, culverts, areas, openBlockages: loadOpenBlockages(ctx) };
}

/** The blockages still holding water back (reported, assigned, in progress). */
export function loadOpenBlockages(ctx: CoreContext): BlockageRow[] {
  return (new CapacityRepository(ctx.db, ctx.townshipId).openBlockages() as Raw[]).map((r) => ({
    id: String(r.id),
    name: String(r.name),
    village: String(r.village),
    status: r.status as BlockageStatus,
    ditch_id: r.ditch_id as string | null,
    position: pointOf(r.geometry),
  }));
}
