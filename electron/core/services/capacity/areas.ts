/**
 * Per-area drain-down (issue 6): the runoff of a rain against the free storage of the area's
 * ditches and what takes water out of the area — the ditches that leave it (or discharge into a
 * river inside it), each limited by the smallest culvert on it, and the pumps deployed there.
 */
import { drainDownHours, gradeDrainDown, type DrainageTopology } from '../../../../shared/calc';
import type { AreaDrain, CapacityQueryParsed, CapacitySettings } from '../../../../shared/contract/capacity';
import type { Bilingual } from '../../../../shared/contract/errors';
import type { AreaSums } from './areaSums';
import { pointInPolygons, type BoxGrid } from './geometry';
import type { AreaRow, LonLat } from './load';
import type { Membership } from './membership';
import type { Ranked } from './ranking';
import type { AreaRunoff } from './runoff';
import type { EvaluatedCulvert, EvaluatedDitch } from './sections';

/** Pumps out on the day at one place. */
export interface PumpPlace {
  placeKind: 'village' | 'site' | 'blockage';
  place: string;
  /** Where the blockage is, for place kind 'blockage'. */
  position: LonLat | null;
  pumps: number;
}

export interface AreaInputs {
  ditches: readonly EvaluatedDitch[];
  culverts: readonly EvaluatedCulvert[];
  areas: readonly AreaRow[];
  runoff: readonly AreaRunoff[];
  membership: Membership;
  /** Each area's ditches summed (areaSums.ts). */
  areaSums: readonly AreaSums[];
  /** The ditches leaving each area (areaExits). */
  exitsOfArea: readonly (readonly number[])[];
  ranked: Ranked;
  pumpPlaces: readonly PumpPlace[];
  ratedPumpM3h: number;
  settings: CapacitySettings;
  query: Pick<CapacityQueryParsed, 'method' | 'initialFillPct'>;
  nameOf(id: string): string;
}

/**
 * Pumps count for an area when they are out at its village (a village area of that name) or at a
 * blockage point inside it. A free-text work site cannot be placed and serves no area.
 */
export function pumpsServe(p: PumpPlace, area: AreaRow): boolean {
  if (p.placeKind === 'village') return area.kind === 'village' && p.place === area.name;
  return p.placeKind === 'blockage' && p.position !== null && pointInPolygons(p.position, area.polygons);
}

const note = (zh: string, en: string): Bilingual => ({ zh, en });

/** How each ditch (by index in the ditch list) flows, from the network's topology. */
export interface DitchFlow {
  /** It flows against its coordinate order. */
  reversed(i: number): boolean;
  /** Its downstream end lies within the snap tolerance of a river. */
  atRiver(i: number): boolean;
}

/** The flow of the topology's ditches; a river or an unusable line flows nowhere. */
export function flowOf(topology: DrainageTopology): DitchFlow {
  const reversed = (i: number) => {
    const k = topology.ditchOf[i]!;
    return k !== -1 && topology.reversed[k] === 1;
  };
  return {
    reversed,
    atRiver: (i) => {
      const k = topology.ditchOf[i]!;
      return k !== -1 && topology.parts.nearRiver[2 * k + (reversed(i) ? 0 : 1)] === 1;
    },
  };
}

/** The areas ditch i leaves: its upstream end inside, its downstream end outside or at a river. */
function areasLeft(d: EvaluatedDitch, i: number, areas: readonly AreaRow[], grid: BoxGrid, flow: DitchFlow): number[] {
  if (d.row.kind === 'river') return [];
  const c = d.row.coords;
  const reversed = flow.reversed(i);
  const up = reversed ? c[c.length - 1]! : c[0]!;
  const down = reversed ? c[0]! : c[c.length - 1]!;
  const out: number[] = [];
  for (const a of grid.at(up)) {
    const polygons = areas[a]!.polygons;
    if (!pointInPolygons(up, polygons)) continue;
    if (flow.atRiver(i) || !pointInPolygons(down, polygons)) out.push(a);
  }
  return out;
}

/**
 * Exits of each area: ditches whose upstream end is inside and whose downstream end is outside it
 * or at a river inside it. It follows lines, kinds and flow directions only, so it is kept with the
 * network's topology. The grid (membership's) keeps this to the few areas around each ditch end.
 */
export function areaExits(ditches: readonly EvaluatedDitch[], areas: readonly AreaRow[], grid: BoxGrid, flow: DitchFlow): number[][] {
  const exitsOfArea: number[][] = areas.map(() => []);
  ditches.forEach((d, i) => {
    for (const a of areasLeft(d, i, areas, grid, flow)) exitsOfArea[a]!.push(i);
  });
  return exitsOfArea;
}

/**
 * `exitsOfArea` after the ditches `changed` moved or changed direction (same list and areas): taken
 * out of every list and put back, in index order, where they leave an area now. O(exits + changed).
 */
export function patchAreaExits(exitsOfArea: number[][], ditches: readonly EvaluatedDitch[], areas: readonly AreaRow[], grid: BoxGrid, flow: DitchFlow, changed: ReadonlySet<number>): void {
  if (changed.size === 0) return;
  const touched = new Set<number>();
  exitsOfArea.forEach((list, a) => {
    if (!list.some((i) => changed.has(i))) return;
    exitsOfArea[a] = list.filter((i) => !changed.has(i));
    touched.add(a);
  });
  for (const i of changed) {
    for (const a of areasLeft(ditches[i]!, i, areas, grid, flow)) {
      exitsOfArea[a]!.push(i);
      touched.add(a);
    }
  }
  for (const a of touched) exitsOfArea[a]!.sort((x, y) => x - y);
}

/**
 * The open blockage that stops water at a ditch: of the ranked blockages whose cut-off holds it,
 * the one with the smallest range (the nearest downstream), the first in ranking order among
 * blockages on the same range. Ranges are nested or apart, so this is one walk up from the innermost.
 */
function innermostBlockage(ranked: Ranked): (id: string) => string | null {
  const ranges = ranked.index.ranges;
  const first = new Array<string | null>(ranges.count).fill(null);
  for (const impact of ranked.analysis.ranking) {
    const r = ranges.find(impact.cutOffRange.start, impact.cutOffRange.end);
    first[r] ??= impact.blockageId;
  }
  return (id) => {
    const p = ranked.orderOf.get(id);
    if (p === undefined) return null;
    const r = ranges.innermost(p);
    return r === -1 ? null : first[r]!;
  };
}

/** Each area's drain-down for the rain of `input`. */
export function drainAreas(input: AreaInputs): AreaDrain[] {
  const { ditches, culverts, areas, runoff, membership, exitsOfArea, ranked, query, nameOf } = input;

  // The smallest culvert on each ditch (culverts on one ditch are in series), and invalid ones.
  const culvertLimit = new Map<string, number>();
  const culvertInvalid = new Map<string, number>();
  for (const c of culverts) {
    if (c.ditchId === null) continue;
    if (c.capacityM3s === null) culvertInvalid.set(c.ditchId, (culvertInvalid.get(c.ditchId) ?? 0) + 1);
    else culvertLimit.set(c.ditchId, Math.min(culvertLimit.get(c.ditchId) ?? Infinity, c.capacityM3s));
  }

  // Which open blockage (the nearest downstream one: the smallest cut-off range) stops each exit.
  const cutOffBy = innermostBlockage(ranked);

  return areas.map((area, a) => {
    const r = runoff[a]!;
    const members = membership.ditchesOfArea[a]!;
    const sums = input.areaSums[a]!;
    const storageM3 = sums.storageM3.value();
    const ditchLengthM = sums.lengthM.value();
    const excluded = sums.excluded;
    const freeStorageM3 = storageM3 * (1 - query.initialFillPct / 100);

    const exits: AreaDrain['exits'] = [];
    for (const i of exitsOfArea[a]!) {
      const d = ditches[i]!;
      const conveyance = d.figures?.conveyanceM3s ?? null;
      const limit = culvertLimit.get(d.row.id) ?? null;
      const culvertLimitM3s = limit !== null && conveyance !== null && limit < conveyance ? limit : null;
      let counted = culvertLimitM3s ?? conveyance ?? 0;
      let why: Bilingual | null = null;
      const blocker = cutOffBy(d.row.id);
      if (d.figures === null) {
        why = note('断面数据无效，未计入外排', 'invalid section data: not counted');
      } else if (d.row.condition === 'blocked') {
        why = note('沟渠堵塞，不过水', 'the ditch is blocked and carries nothing');
      } else if (!ranked.orderOf.has(d.row.id)) {
        counted = 0;
        why = note('下游连不到河道，未计入外排', 'it reaches no river downstream: not counted');
      } else if (blocker !== null) {
        counted = 0;
        why = note(`被下游堵点“${nameOf(blocker)}”截断`, `cut off by the blockage "${nameOf(blocker)}" downstream`);
      } else if (culvertInvalid.has(d.row.id)) {
        why = note('沟上有涵管数据不全，未按涵管限流', 'a culvert on it has incomplete data, so it does not limit the flow here');
      }
      exits.push({ ditchId: d.row.id, name: d.row.name, conveyanceM3s: conveyance, culvertLimitM3s, countedM3s: counted, note: why });
    }
    const outflowM3s = exits.reduce((s, e) => s + e.countedM3s, 0);

    let pumps = 0;
    for (const p of input.pumpPlaces) if (pumpsServe(p, area)) pumps += p.pumps;
    const pumpingM3h = pumps * input.ratedPumpM3h;

    let drain: AreaDrain['drain'] = { status: 'unknown', hours: null, excessM3: null, removalM3h: outflowM3s * 3600 + pumpingM3h };
    let grade: AreaDrain['grade'] = { dry: null, rice: null };
    if (r.runoffM3 !== null) {
      const result = drainDownHours({ runoffM3: r.runoffM3, freeStorageM3, outflowM3s, pumpingM3h });
      drain = { status: result.status, hours: Number.isFinite(result.hours) ? result.hours : null, excessM3: result.excessM3, removalM3h: result.removalM3h };
      grade = { dry: gradeDrainDown(result.hours, 'dry'), rice: gradeDrainDown(result.hours, 'rice') };
    }
    const fillPct = r.runoffM3 !== null && storageM3 > 0 ? query.initialFillPct + (r.runoffM3 / storageM3) * 100 : null;
    return {
      id: area.id,
      name: area.name,
      kind: area.kind,
      areaM2: area.area_m2,
      method: query.method,
      runoffCoefficient: r.runoffCoefficient,
      coefficientIsDefault: r.coefficientIsDefault,
      curveNumber: r.curveNumber,
      runoffM3: r.runoffM3,
      ditches: members.length,
      ditchLengthM,
      excludedDitches: excluded,
      storageM3,
      freeStorageM3,
      exits,
      outflowM3s,
      pumps,
      pumpingM3h,
      drain,
      grade,
      fillPct,
      problem: r.problem,
    };
  });
}
