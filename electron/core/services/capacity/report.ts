/** The capacity report: every figure of issue 6, computed live from the database for one rain. */
import { pumpingCapacityM3h } from '../../../../shared/calc';
import type { CapacityQueryParsed, CapacityReport, CapacitySettings, RainDepth } from '../../../../shared/contract/capacity';
import { AppError } from '../../../../shared/contract/errors';
import type { CoreContext } from '../../context';
import { drainAreas, pumpsServe } from './areas';
import { dayPumps, rainDepth, reportDate } from './inputs';
import type { NetworkRows } from './load';
import type { Membership } from './membership';
import { networkState } from './networkState';
import { rankBlockages, type Ranked } from './ranking';
import { areaRunoff } from './runoff';
import type { EvaluatedCulvert, EvaluatedDitch } from './sections';

/** Invalid ditches listed by name in a report (all are counted). */
export const INVALID_SHOWN = 200;

export interface Computed {
  date: string;
  rain: RainDepth;
  settings: CapacitySettings;
  rows: NetworkRows;
  ditches: EvaluatedDitch[];
  culverts: EvaluatedCulvert[];
  membership: Membership;
  ranked: Ranked;
  report: CapacityReport;
}

const KIND_ORDER = { main: 0, branch: 1, field: 2, river: 3 } as const;

/** Computes everything once; the report, the map and the export all read from this. */
export function computeCapacity(ctx: CoreContext, query: CapacityQueryParsed): Computed {
  const date = reportDate(ctx, query.date);
  const rain = rainDepth(ctx, date, query);
  const network = networkState(ctx);
  const { settings, rows, ditches, culverts, membership, analysis, names, lookups, exitsOfArea, totals } = network;
  const runoffs = rows.areas.map((a) => areaRunoff(a, rain.mm, query.method, settings));
  const nameOf = (id: string) => names.get(id) ?? id;
  const areaRunoffM3 = runoffs.map((r) => r.runoffM3);
  const ranked = rankBlockages(analysis, network.index, network.rankingSums, ditches, rows.areas, areaRunoffM3, rows.openBlockages, nameOf, lookups);

  const pumpDay = dayPumps(ctx, date);
  const areas = drainAreas({
    ditches,
    culverts,
    areas: rows.areas,
    runoff: runoffs,
    membership,
    areaSums: network.areaSums,
    exitsOfArea,
    ranked,
    pumpPlaces: pumpDay.places,
    ratedPumpM3h: pumpDay.ratedM3h,
    settings,
    query,
    nameOf,
  });

  const pumps = pumpDay.places.reduce((s, p) => s + p.pumps, 0);
  const pumping = pumpingCapacityM3h([{ type: 'pump', count: pumps }], { pump: pumpDay.ratedM3h });
  if (!pumping.ok) throw new AppError('internal', pumping.problems[0]!.message);
  const unplacedPumps = pumpDay.places.filter((p) => !rows.areas.some((a) => pumpsServe(p, a))).reduce((s, p) => s + p.pumps, 0);

  // Rivers are outlets: a river without a section is shown in its byKind row, not listed as a fault.
  // (Kept as a set with the network state: the ditch list's order breaks ties, as a walk over it would.)
  const invalid = [...network.invalidIds]
    .map((id) => lookups.indexOf.get(id)!)
    .sort((a, b) => KIND_ORDER[ditches[a]!.row.kind] - KIND_ORDER[ditches[b]!.row.kind] || ditches[b]!.row.length_m - ditches[a]!.row.length_m || a - b)
    .map((i) => ditches[i]!);
  const validCulverts = culverts.filter((c) => c.capacityM3s !== null);

  const report: CapacityReport = {
    date,
    rain,
    method: query.method,
    initialFillPct: query.initialFillPct,
    settings,
    overall: { ...totals.overall, pumpingM3h: pumping.totalM3h },
    byKind: totals.byKind,
    byWork: totals.byWork,
    byCondition: totals.byCondition,
    byVillage: totals.byVillage,
    invalidDitches: {
      count: invalid.length,
      shown: invalid.slice(0, INVALID_SHOWN).map((d) => ({
        id: d.row.id,
        name: d.row.name,
        village: d.row.village,
        kind: d.row.kind,
        lengthM: d.row.length_m,
        problems: d.problems,
      })),
    },
    culverts: {
      count: culverts.length,
      valid: validCulverts.length,
      excluded: culverts.length - validCulverts.length,
      totalM3s: validCulverts.reduce((s, c) => s + c.capacityM3s!, 0),
      rows: culverts.map((c) => ({
        id: c.row.id,
        name: c.row.name,
        village: c.row.village,
        ditchId: c.ditchId,
        diameterM: c.row.diameter_m,
        barrels: c.row.barrels,
        slope: c.slope,
        capacityM3s: c.capacityM3s,
        problems: c.problems,
      })),
    },
    pumping: { pumps, ratedM3h: pumpDay.ratedM3h, totalM3h: pumping.totalM3h, unplacedPumps },
    openBlockages: rows.openBlockages.length,
    ranking: ranked.ranking,
    networkProblems: ranked.problems,
    networkStats: {
      ditchSegments: analysis.stats.ditchSegments,
      riverSegments: analysis.stats.riverSegments,
      junctions: analysis.stats.junctions,
      outletJunctions: analysis.stats.outletJunctions,
      drainingSegments: analysis.stats.drainingSegments,
    },
    areas,
  };
  return { date, rain, settings, rows, ditches, culverts, membership, ranked, report };
}
