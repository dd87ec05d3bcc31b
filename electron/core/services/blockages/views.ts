import type { AssignedMachines, BlockageDetail, BlockageEvent, BlockageRow } from '../../../../shared/contract/blockages';
import { BLOCKAGE_TRANSITIONS, OVERDUE_HOURS, isOpenStatus } from '../../../../shared/domain/blockageLifecycle';
import { AppError } from '../../../../shared/contract/errors';
import type { CoreContext } from '../../context';
import { BlockageRepository, type BlockageDbRow, type EventView } from '../../db/repositories/blockageRepository';

export function blockageRepo(ctx: Pick<CoreContext, 'db' | 'townshipId'>): BlockageRepository {
  return new BlockageRepository(ctx.db, ctx.townshipId);
}

export function notFound(id: string): AppError {
  return new AppError('not_found', { zh: `找不到该堵点（编号 ${id}），可能已被删除`, en: `No such blockage (id ${id}); it may have been deleted` });
}

/** A live blockage or a not_found error. */
export function liveBlockage(ctx: Pick<CoreContext, 'db' | 'townshipId'>, id: string): BlockageDbRow {
  const row = blockageRepo(ctx).get(id);
  if (!row || row.deleted_at) throw notFound(id);
  return row;
}

export function machinesOf(row: Pick<BlockageDbRow, 'excavators' | 'long_arm_excavators' | 'pumps'>): AssignedMachines {
  return { excavators: row.excavators, longArmExcavators: row.long_arm_excavators, pumps: row.pumps };
}

export function positionOf(geometry: string): [number, number] {
  const g = JSON.parse(geometry) as { coordinates: [number, number] };
  return [g.coordinates[0], g.coordinates[1]];
}

/** A stored row as the desk's table row. */
export function toRow(row: BlockageDbRow, now: Date): BlockageRow {
  const ageHours = Math.max(0, (now.getTime() - Date.parse(row.reported_at)) / 3_600_000);
  const open = isOpenStatus(row.status);
  return {
    id: row.id,
    name: row.name || '未命名堵点',
    village: row.village,
    status: row.status,
    position: positionOf(row.geometry),
    reportedAt: row.reported_at,
    statusAt: row.status_at ?? row.reported_at,
    ageHours: Math.round(ageHours * 10) / 10,
    open,
    overdue: open && ageHours >= OVERDUE_HOURS,
    teamId: row.team_id,
    teamName: row.team_name,
    reportedByTeamName: row.reported_by_team_name,
    machines: machinesOf(row),
    note: row.note,
    source: row.source,
    ditchId: row.ditch_id,
    ditchName: row.ditch_name,
    lastEventAt: row.last_event_at ?? row.reported_at,
    lastEventSource: row.last_event_source ?? row.source,
    eventCount: row.event_count,
    photoCount: row.photo_count,
  };
}

const SOURCES = ['desk', 'field', 'import', 'demo', 'cli'] as const;

export function toEvent(e: EventView): BlockageEvent {
  return {
    id: e.id,
    seq: e.seq,
    blockageId: e.blockage_id,
    at: e.at,
    receivedAt: e.created_at,
    kind: e.kind,
    source: (SOURCES as readonly string[]).includes(e.source) ? (e.source as BlockageEvent['source']) : 'desk',
    actor: e.actor,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    teamName: e.team_name,
    fromTeamName: e.from_team_name,
    toTeamName: e.to_team_name,
    machines: e.machines_json ? (JSON.parse(e.machines_json) as AssignedMachines) : null,
    note: e.note,
    hasPhoto: e.photo !== null,
    position: e.lon !== null && e.lat !== null ? [e.lon, e.lat] : null,
    accuracyM: e.lon !== null && e.lat !== null ? e.accuracy_m : null,
    undoesEventId: e.undoes_event_id,
    undone: e.undone === 1,
  };
}

/** A blockage with its timeline and the moves the desk may make now. */
export function detail(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now'>, id: string): BlockageDetail {
  const row = liveBlockage(ctx, id);
  const repo = blockageRepo(ctx);
  return {
    blockage: toRow(row, ctx.now()),
    events: repo.events(id).map(toEvent),
    allowed: [...BLOCKAGE_TRANSITIONS[row.status]],
  };
}
