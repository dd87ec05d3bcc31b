/**
 * The dispatch problem read from the database: live teams (machines, hours left, position), the
 * blockages waiting for dispatch (impact from the capacity ranking, cause, needs, hours).
 */
import type { DispatchProblem, LonLat, PlanJob, PlanTeam } from '../../../../shared/calc/dispatch';
import type { DispatchSettings } from '../../../../shared/contract/dispatchSettings';
import { inferCause, type BlockageCause } from '../../../../shared/domain/blockageCause';
import type { CoreContext } from '../../context';
import type { BlockageDbRow } from '../../db/repositories/blockageRepository';
import { TeamRepository, type TeamDbRow } from '../../db/repositories/teamRepository';
import { blockageRepo, positionOf } from '../blockages/views';
import type { AreaRow } from '../capacity/load';
import { computeCapacity } from '../capacity/report';

export interface LoadedProblem {
  problem: DispatchProblem;
  date: string;
  impactBasis: 'runoff' | 'storage';
  /** Blockage id → whether the desk set its cause. */
  causeSet: Map<string, boolean>;
}

/** A blockage's cause, hours and needs: the desk's if set, else read from the report and the cause's defaults. */
export function jobNeeds(b: Pick<BlockageDbRow, 'cause' | 'job_hours' | 'name' | 'note'>, settings: DispatchSettings) {
  const cause: BlockageCause = b.cause ?? inferCause(`${b.name} ${b.note}`);
  const d = settings.causes[cause];
  return { cause, causeSet: b.cause !== null, hours: b.job_hours ?? d.hours, needs: d.needs };
}

/** The middle of a village's polygon (its outer ring's vertex mean; villages are compact). */
function areaMiddle(a: AreaRow): LonLat {
  const ring = a.polygons[0]?.[0] ?? [];
  if (ring.length === 0) return [(a.bbox[0] + a.bbox[2]) / 2, (a.bbox[1] + a.bbox[3]) / 2];
  const pts = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.slice(0, -1) : ring;
  return [pts.reduce((s, p) => s + p[0]!, 0) / pts.length, pts.reduce((s, p) => s + p[1]!, 0) / pts.length];
}

/**
 * A team's base village: the village its name or note starts with or names ("三合堡抢险队" →
 * 三合堡村); teams have no village field, and their names say where they are from.
 */
function baseVillage(team: Pick<TeamDbRow, 'name' | 'note'>, villages: readonly AreaRow[]): AreaRow | undefined {
  const stem = (v: AreaRow) => v.name.replace(/村$/, '');
  return villages.find((v) => stem(v).length > 0 && team.name.startsWith(stem(v))) ?? villages.find((v) => stem(v).length > 0 && `${team.name}${team.note}`.includes(stem(v)));
}

function mean(points: readonly LonLat[]): LonLat | null {
  if (points.length === 0) return null;
  return [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
}

/** Load the problem for the sheet day `date` (the ranking's rain is that day's). */
export function loadProblem(ctx: CoreContext, date: string | undefined, settings: DispatchSettings): LoadedProblem {
  const { report, rows } = computeCapacity(ctx, { date, method: 'coefficient', initialFillPct: 0 });
  const all = blockageRepo(ctx).list();
  const open = all.filter((b) => b.status === 'reported' || b.status === 'assigned' || b.status === 'in_progress');
  const impacts = new Map(report.ranking.map((r) => [r.blockageId, r.cutOff]));
  const impactBasis = report.ranking.some((r) => r.cutOff.runoffHeldM3 > 0) ? 'runoff' : 'storage';
  const causeSet = new Map<string, boolean>();

  const jobs: PlanJob[] = open
    .filter((b) => b.status === 'reported')
    .map((b) => {
      const n = jobNeeds(b, settings);
      causeSet.set(b.id, n.causeSet);
      const cut = impacts.get(b.id);
      return {
        id: b.id,
        name: b.name || '未命名堵点',
        village: b.village,
        position: positionOf(b.geometry),
        impactM3: cut ? (impactBasis === 'runoff' ? cut.runoffHeldM3 : cut.storageM3) : 0,
        cause: n.cause,
        needs: n.needs,
        hours: n.hours,
      };
    });

  // Hours a team still owes today to the blockages already dispatched to it.
  const booked = new Map<string, number>();
  for (const b of open) if (b.team_id && b.status !== 'reported') booked.set(b.team_id, (booked.get(b.team_id) ?? 0) + jobNeeds(b, settings).hours);

  const teamRepo = new TeamRepository(ctx.db, ctx.townshipId);
  const gps = new Map(teamRepo.lastFieldPositions().map((p) => [p.team_id, [p.lon, p.lat] as LonLat]));
  const villages = rows.areas.filter((a) => a.kind === 'village');
  const middle = mean(villages.map(areaMiddle)) ?? mean(open.map((b) => positionOf(b.geometry))) ?? mean(all.map((b) => positionOf(b.geometry))) ?? [0, 0];
  const teams: PlanTeam[] = teamRepo.list().map((t) => {
    const village = baseVillage(t, villages);
    const at = gps.get(t.id);
    return {
      id: t.id,
      name: t.name,
      machines: { excavators: t.excavators, longArmExcavators: t.long_arm_excavators, dumpTrucks: t.dump_trucks, pumps: t.pumps },
      hoursLeft: Math.max(0, settings.workdayHours - (booked.get(t.id) ?? 0)),
      position: at ?? (village ? areaMiddle(village) : middle),
      positionFrom: at ? 'gps' : village ? 'village' : 'township',
    };
  });
  return { problem: { teams, jobs, travel: { detourFactor: settings.detourFactor, speedKmh: settings.speedKmh } }, date: report.date, impactBasis, causeSet };
}
