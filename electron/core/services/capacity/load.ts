/** Reads the live network rows a capacity report needs, with their geometry parsed. */
import type { AreaKind, BlockageStatus, DitchCondition, DitchKind, WorkState } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import { CapacityRepository } from '../../db/repositories/capacityRepository';

export type LonLat = [number, number];

export interface DitchRow {
  id: string;
  /** Where the row sits in a full read (ORDER BY rowid), so a list patched by id keeps that order. */
  rowid: number;
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
  /** Where the row sits in a full read (ORDER BY rowid), so a list patched by id keeps that order. */
  rowid: number;
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
  /** Where the row sits in a full read (ORDER BY rowid), so a list patched by id keeps that order. */
  rowid: number;
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
  /** Where the row sits in a full read (ORDER BY rowid), so a list patched by id keeps that order. */
  rowid: number;
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

// Raw rows and literal objects of one shape: 50,000 ditches load in a fraction of the time that
// named-column objects and spreads take (bench/capacity.ts).
function ditchRow(r: unknown[]): DitchRow {
  return {
    id: r[0] as string,
    rowid: r[13] as number,
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
  };
}

function culvertRows(raw: Raw[]): CulvertRow[] {
  return raw.flatMap((r): CulvertRow[] => {
    const position = pointOf(r.geometry);
    if (!position) return [];
    return [
      {
        id: String(r.id),
        rowid: Number(r.rowid),
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
}

function areaRow(r: Raw): AreaRow {
  return {
    id: String(r.id),
    rowid: Number(r.rowid),
    name: String(r.name),
    kind: r.kind as AreaKind,
    area_m2: Number(r.area_m2),
    runoff_coefficient: r.runoff_coefficient as number | null,
    curve_number: r.curve_number as number | null,
    polygons: polygonsOf(r.geometry),
    bbox: [Number(r.min_lon), Number(r.min_lat), Number(r.max_lon), Number(r.max_lat)],
  };
}

function blockageRow(r: Raw): BlockageRow {
  return {
    id: String(r.id),
    rowid: Number(r.rowid),
    name: String(r.name),
    village: String(r.village),
    status: r.status as BlockageStatus,
    ditch_id: r.ditch_id as string | null,
    position: pointOf(r.geometry),
  };
}

const repoOf = (ctx: CoreContext) => new CapacityRepository(ctx.db, ctx.townshipId);

/** Every live ditch, culvert and area of the township, and the blockages that still hold water back. */
export function loadNetwork(ctx: CoreContext): NetworkRows {
  const repo = repoOf(ctx);
  return {
    ditches: repo.ditchArrays().map(ditchRow),
    culverts: culvertRows(repo.culverts() as Raw[]),
    areas: (repo.areas() as Raw[]).map(areaRow),
    openBlockages: (repo.openBlockages() as Raw[]).map(blockageRow),
  };
}

/** The rows of one layer among some ids, as they are now (a deleted, closed or unknown id is absent). */
export interface RowsById {
  ditches(ids: readonly string[]): DitchRow[];
  culverts(ids: readonly string[]): CulvertRow[];
  areas(ids: readonly string[]): AreaRow[];
  openBlockages(ids: readonly string[]): BlockageRow[];
}

/** Reads rows by id, for a network state patched from the change feed (networkState.ts). */
export function rowsById(ctx: CoreContext): RowsById {
  const repo = repoOf(ctx);
  return {
    ditches: (ids) => repo.ditchArraysById(ids).map(ditchRow),
    culverts: (ids) => culvertRows(repo.culvertsById(ids) as Raw[]),
    areas: (ids) => (repo.areasById(ids) as Raw[]).map(areaRow),
    openBlockages: (ids) => (repo.openBlockagesById(ids) as Raw[]).map(blockageRow),
  };
}
