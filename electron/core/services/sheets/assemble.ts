import { capacityQuerySchema, type CapacityGroup } from '../../../../shared/contract/capacity';
import { sheetTitle, type SheetData, type SheetForceRow, type SheetState } from '../../../../shared/contract/sheets';
import type { CoreContext } from '../../context';
import { listBlockages } from '../blockages/queries';
import { detail } from '../blockages/views';
import { computeCapacity } from '../capacity/report';
import { getDay } from '../deployments/deploymentService';
import { listVillages } from '../network/networkQueries';
import { listFeatures } from '../network/networkService';
import { getSettings } from '../settings/settingsService';
import { getSeries, getTotals } from '../totals/totalsService';
import { blockageAtDay, type BlockageAtDay } from './blockagesAsOf';
import { coverageOn } from '../patrol/views';
import { getDraft } from './draft';
import { mapOfDay } from './mapOfDay';

/** How many of the capacity ranking's blockages the sheet lists. */
export const TOP_BLOCKAGES = 5;

/** What the archive decides about a sheet: its state and number. */
export interface SheetHeader {
  state: SheetState;
  sheetId: string | null;
  number: number;
  correction: number;
  correctionReason: string;
  correctsIssuedAt: string | null;
  issuedAt: string | null;
}

const group = (g: CapacityGroup) => ({ ditches: g.ditches, lengthM: g.lengthM, storageM3: g.storageM3, conveyanceM3s: g.conveyanceM3s });

/** Today's deployment rows merged by place and task, in the order first entered. */
function forceRows(rows: ReturnType<typeof getDay>['rows']): SheetForceRow[] {
  const byKey = new Map<string, SheetForceRow>();
  for (const r of rows) {
    const key = `${r.placeKind}\u0000${r.placeLabel}\u0000${r.task}`;
    const line = byKey.get(key) ?? { placeKind: r.placeKind, place: r.placeLabel, task: r.task, people: 0, excavators: 0, longArmExcavators: 0, dumpTrucks: 0, pumps: 0, rows: 0 };
    line.people += r.people;
    line.excavators += r.excavators;
    line.longArmExcavators += r.longArmExcavators;
    line.dumpTrucks += r.dumpTrucks;
    line.pumps += r.pumps;
    line.rows++;
    byKey.set(key, line);
  }
  return [...byKey.values()];
}

/**
 * Everything the sheet prints for a day, taken from the same service functions the procedures
 * totals.get / totals.series, deployments.day, blockages.list / blockages.get, capacity.report,
 * network.list / network.villages and settings.get answer with: no figure is computed twice.
 */
export function buildSheetData(ctx: CoreContext, date: string, header: SheetHeader): SheetData {
  const settings = getSettings(ctx);
  const totals = getTotals(ctx, date);
  const series = getSeries(ctx, undefined, date);
  const day = getDay(ctx, date);
  const capacity = computeCapacity(ctx, capacityQuerySchema.parse({ date })).report;
  const draft = getDraft(ctx, date);

  const live = listBlockages(ctx, {}).rows;
  const atDay: (BlockageAtDay & { position: [number, number]; current: (typeof live)[number] })[] = [];
  for (const row of live) {
    const seen = blockageAtDay(detail(ctx, row.id), date);
    if (seen) atDay.push({ ...seen, position: row.position, current: row });
  }
  const byReported = (a: { row: { reportedAt: string } }, b: { row: { reportedAt: string } }) => a.row.reportedAt.localeCompare(b.row.reportedAt);
  const open = atDay.filter((b) => b.open).sort(byReported);

  const rankedNames = new Map(live.map((b) => [b.id, b]));
  const top = capacity.ranking.slice(0, TOP_BLOCKAGES).map((r) => ({
    rank: r.rank,
    name: r.name,
    village: r.village || rankedNames.get(r.blockageId)?.village || '',
    ditchName: r.ditchName,
    lengthM: r.cutOff.lengthM,
    storageM3: r.cutOff.storageM3,
    conveyanceM3s: r.cutOff.conveyanceM3s,
    runoffHeldM3: r.cutOff.runoffHeldM3,
  }));

  return {
    version: 1,
    ...header,
    date,
    season: date.slice(0, 4),
    township: settings.townshipName,
    issuingOffice: settings.issuingOffice,
    title: sheetTitle(settings.townshipName),
    generatedAt: ctx.now().toISOString(),
    totals,
    chart: series.days.map((d) => ({
      date: d.date,
      rainMm: d.rainMm,
      lastYearMm: d.lastYearMm,
      people: d.people,
      machines: d.excavators + d.longArmExcavators + d.dumpTrucks + d.pumps,
    })),
    force: forceRows(day.rows),
    capacity: {
      cleared: group(capacity.byWork.cleared),
      dug: group(capacity.byWork.dug),
      overall: group(capacity.overall),
      pumps: capacity.pumping.pumps,
      pumpingM3h: capacity.pumping.totalM3h,
      excluded: capacity.invalidDitches.count,
    },
    blockages: {
      newToday: atDay.filter((b) => b.reportedThatDay).sort(byReported).map((b) => b.row),
      clearedToday: atDay
        .filter((b) => b.clearedThatDay > 0)
        .map((b) => ({ id: b.row.id, name: b.row.name, village: b.row.village, teamName: b.row.teamName })),
      open: open.map((b) => b.row),
      top,
      rankedCount: capacity.ranking.length,
    },
    map: mapOfDay({
      network: listFeatures(ctx, ['area', 'ditch']),
      villages: listVillages(ctx),
      open: open.map((b) => ({ row: b.current, status: b.row.status })),
      blockagePositions: new Map(live.map((b) => [b.id, b.position])),
      deployments: day.rows,
    }),
    patrol: (({ coveredM, share, tracks }) => ({ coveredM, share, tracks }))(coverageOn(ctx, date)),
    plan: { text: draft.planText, rows: draft.planRows },
    signatures: draft.signatures,
  };
}
