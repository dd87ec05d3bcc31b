/**
 * The blockage-impact ranking (issue 6) on the stored network: builds the segments for
 * shared/calc's analyzeBlockages and adds what only the database knows — each area's own runoff
 * (its C or CN, not one township-wide C) and ditches whose section data are invalid — from the
 * per-range sums kept with the network state (rankingSums.ts), so a rain costs O(B), not O(ditches).
 */
import { ExactSum, rankByImpact, type CutOffIndex, type DrainageTopology, type NetworkAnalysis, type NetworkBlockage, type NetworkOptions, type NetworkProblem, type NetworkSegment } from '../../../../shared/calc';
import type { BlockageImpactRow, CapacitySettings, NetworkProblemRow } from '../../../../shared/contract/capacity';
import type { AreaRow, BlockageRow } from './load';
import type { RangeRunoffSums } from './rankingSums';
import type { EvaluatedDitch } from './sections';

export interface Ranked {
  analysis: NetworkAnalysis;
  /** The analysis's cut-off ranges (innermost blockage of an area's exit). */
  index: CutOffIndex;
  ranking: BlockageImpactRow[];
  problems: NetworkProblemRow[];
  /** Position of each ditch id in analysis.cutOffOrder (absent: it reaches no river). */
  orderOf: NetworkLookups['orderOf'];
  reversed: NetworkLookups['reversed'];
}

/** Look-ups that follow the network's shape (networkState.ts). */
export interface NetworkLookups {
  /** Index of each ditch id in the ditch list. */
  indexOf: Map<string, number>;
  /** Position of each ditch id in analysis.cutOffOrder (absent: it reaches no river). */
  orderOf: Pick<ReadonlyMap<string, number>, 'get' | 'has'>;
  /** Ditches that flow against their coordinate order. */
  reversed: Pick<ReadonlySet<string>, 'has'>;
}

/**
 * The look-ups of a topology (`indexOf` given when the ditch list kept its order). Positions and
 * directions are read from the topology when asked, not copied into maps, so a patched topology
 * (a moved ditch) needs no O(network) look-ups made again.
 */
export function networkLookups(ditches: readonly EvaluatedDitch[], topology: DrainageTopology, indexOf?: Map<string, number>): NetworkLookups {
  if (!indexOf) {
    indexOf = new Map<string, number>();
    for (let i = 0; i < ditches.length; i++) indexOf.set(ditches[i]!.row.id, i);
  }
  const ids = indexOf;
  const ditchNumber = (id: string): number => {
    const i = ids.get(id);
    return i === undefined ? -1 : topology.ditchOf[i]!;
  };
  const positionOf = (id: string): number | undefined => {
    const k = ditchNumber(id);
    const p = k === -1 ? -1 : topology.rangeStart[k]!;
    return p === -1 ? undefined : p;
  };
  return {
    indexOf,
    orderOf: { get: positionOf, has: (id) => positionOf(id) !== undefined },
    reversed: {
      has: (id) => {
        const k = ditchNumber(id);
        return k !== -1 && topology.reversed[k] === 1;
      },
    },
  };
}

const SHOWN_IDS = 20;

/**
 * The section a ditch contributes to a blockage's cut-off. A blocked (堵塞) ditch counts at the
 * conveyance it has once opened, since opening it is what the ranking is about; a silted one at
 * its reduced section (clearing a blockage point does not desilt it). Invalid ditches stay in the
 * network (they still connect) with no figures, and are counted per blockage.
 */
export function segmentOf(d: EvaluatedDitch, catchmentM2: number | null): NetworkSegment {
  const f = d.figures;
  return {
    id: d.row.id,
    coords: d.row.coords,
    kind: d.row.kind,
    condition: d.row.condition,
    storageM3: f ? f.storageM3 : 0,
    conveyanceM3s: f ? (d.row.condition === 'blocked' ? f.fullConveyanceM3s : f.conveyanceM3s) : 0,
    catchmentM2,
    lengthM: d.row.length_m,
  };
}

function problemRow(p: NetworkProblem, nameOf: (id: string) => string): NetworkProblemRow {
  const ids = 'segmentIds' in p ? p.segmentIds : 'blockageId' in p ? [p.blockageId] : [p.segmentId];
  // Messages name features by id; users know them by name.
  const named = (text: string) => {
    let out = text;
    for (const id of [('blockageId' in p ? p.blockageId : ''), ('segmentId' in p ? p.segmentId : ''), ('ditchId' in p ? p.ditchId : '')]) {
      if (id) out = out.split(id).join(`“${nameOf(id)}”`);
    }
    return out;
  };
  return {
    code: p.code,
    message: { zh: named(p.message.zh), en: named(p.message.en) },
    count: ids.length,
    ids: ids.slice(0, SHOWN_IDS),
    names: ids.slice(0, SHOWN_IDS).map(nameOf),
  };
}

/**
 * The blockages and options of the network analysis. It does not depend on the rain (the runoff
 * held back is computed per area in rankBlockages), so it can be reused while only the rain changes.
 */
export function analysisInput(blockages: readonly BlockageRow[], settings: CapacitySettings): { blockages: NetworkBlockage[]; options: NetworkOptions } {
  return {
    blockages: blockages.map((b) => ({ id: b.id, ditchId: b.ditch_id, position: b.position })),
    options: { snapToleranceM: settings.snapToleranceM, rainMm: 0, runoffCoefficient: settings.defaultRunoffCoefficient },
  };
}

/** The ranking for one rain: each blockage's runoff held back from the areas' own runoff. O(B · areas per range). */
export function rankBlockages(
  analysis: NetworkAnalysis,
  index: CutOffIndex,
  sums: readonly RangeRunoffSums[],
  ditches: readonly EvaluatedDitch[],
  areas: readonly AreaRow[],
  /** Runoff of each area for the rain, m³, or null when unknown (no CN, no rain). */
  areaRunoffM3: readonly (number | null)[],
  blockages: readonly BlockageRow[],
  nameOf: (id: string) => string,
  lookups: NetworkLookups,
): Ranked {
  const { indexOf, orderOf } = lookups;
  /** Runoff held back in range r, and how many of its ditches have none (no area, no runoff). */
  const runoffOf = (r: number): { runoffM3: number; missing: number } => {
    const s = sums[r]!;
    let missing = s.noArea;
    const runoff = new ExactSum();
    for (const [a, { catchmentM2, ditches: n }] of s.byArea) {
      const areaRunoff = areaRunoffM3[a] ?? null;
      if (areaRunoff === null) {
        missing += n;
        continue;
      }
      // Each ditch drains its share of the area's runoff by its catchment.
      const areaM2 = areas[a]!.area_m2;
      runoff.add(areaM2 > 0 ? (areaRunoff * catchmentM2.value()) / areaM2 : 0);
    }
    return { runoffM3: runoff.value(), missing };
  };

  const blockageById = new Map(blockages.map((b) => [b.id, b]));
  const ranking: BlockageImpactRow[] = analysis.ranking.map((impact) => {
    const r = index.ranges.find(impact.cutOffRange.start, impact.cutOffRange.end);
    const held = runoffOf(r);
    const c = impact.cutOff;
    const b = blockageById.get(impact.blockageId)!;
    const ditch = ditches[indexOf.get(impact.segmentId)!]!.row;
    return {
      rank: 0,
      blockageId: b.id,
      name: b.name,
      village: b.village || ditch.village,
      status: b.status,
      position: b.position,
      ditchId: ditch.id,
      ditchName: ditch.name,
      locatedBy: impact.locatedBy,
      // Field by field: spreading the analysis's totals cost V8 microseconds per blockage.
      cutOff: {
        segmentCount: c.segmentCount,
        lengthM: c.lengthM,
        storageM3: c.storageM3,
        conveyanceM3s: c.conveyanceM3s,
        catchmentM2: c.catchmentM2,
        catchmentMissingCount: held.missing,
        sectionMissingCount: sums[r]!.noSection,
        runoffHeldM3: held.runoffM3,
      },
      blockagesInside: impact.blockagesInside,
    };
  });
  // The same order as analyzeBlockages (runoff held, then storage, then id), on the per-area runoff.
  rankByImpact(ranking);
  return {
    analysis,
    index,
    ranking,
    problems: analysis.problems.map((p) => problemRow(p, nameOf)),
    orderOf,
    reversed: lookups.reversed,
  };
}
