/**
 * The blockage lifecycle in the core: every change is one appended event plus the blockage's new
 * state, in one transaction. The allowed moves come from shared/domain/blockageLifecycle.ts.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import { PHOTO_MAX_BYTES, type AssignedMachines, type BlockageDetail, type BlockageEvent, type PhotoInput } from '../../../../shared/contract/blockages';
import { BLOCKAGE_TRANSITIONS, canTransition, type BlockageEventKind } from '../../../../shared/domain/blockageLifecycle';
import { BLOCKAGE_STATUS_LABELS, type BlockageStatus } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import type { BlockageStateRow, EventDbRow, NewEvent } from '../../db/repositories/blockageRepository';
import { TeamRepository } from '../../db/repositories/teamRepository';
import { decodePhoto, withPhoto } from './photos';
import { orderedUuids } from '../../db/orderedIds';
import { blockageRepo, detail, liveBlockage, machinesOf, toEvent } from './views';

export const NO_MACHINES: AssignedMachines = { excavators: 0, longArmExcavators: 0, pumps: 0 };

/** Who makes a change: where from, a name to show, and the acting team for field updates. */
export interface Actor {
  source: 'desk' | 'field' | 'import' | 'cli' | 'demo';
  actor: string;
  teamId: string | null;
}

export function deskActor(ctx: Pick<CoreContext, 'source'>): Actor {
  return { source: ctx.source === 'cli' || ctx.source === 'import' || ctx.source === 'demo' ? ctx.source : 'desk', actor: '', teamId: null };
}

/** One event to append: what changes (omitted: stays) and what is said about it. */
export interface EventSpec {
  kind: BlockageEventKind;
  to?: BlockageStatus;
  team?: string | null;
  machines?: AssignedMachines;
  note?: string;
  photo?: string | null;
  position?: [number, number] | null;
  /** The GPS accuracy of `position` in metres (phones say it; the desk does not). */
  accuracyM?: number | null;
  clientId?: string | null;
  at: string;
  undoes?: string;
  /** When the restored status began (undo); defaults to `at`. */
  statusAt?: string;
  /** The save this event belongs to (an import's, say); a batch of its own by default. */
  batchId?: string;
}

/** Feed verbs of the lifecycle: an event appended, and the blockage row following it. Map edits use others. */
export const LIFECYCLE_ACTIONS = { event: 'event', state: 'lifecycle' } as const;

const label = (s: BlockageStatus) => BLOCKAGE_STATUS_LABELS[s];

/**
 * Append one event and move the blockage to the state it describes. The caller holds the
 * transaction; the database's trigger refuses a status that no event explains.
 */
export function appendEvent(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now'>, who: Actor, b: BlockageStateRow, spec: EventSpec): EventDbRow {
  const repo = blockageRepo(ctx);
  const to = spec.to ?? b.status;
  const team = spec.team === undefined ? b.team_id : spec.team;
  const machines = spec.machines ?? machinesOf(b);
  const statusChanged = to !== b.status;
  const teamChanged = team !== b.team_id;
  const machinesChanged = JSON.stringify(machines) !== JSON.stringify(machinesOf(b));
  const tracksTeam = spec.kind === 'status' || spec.kind === 'assign' || spec.kind === 'undo';
  const received = ctx.now().toISOString();
  const meta = { batchId: spec.batchId ?? randomUUID(), source: who.source, at: received };
  const event = repo.insertEvent(
    {
      id: randomUUID(),
      blockage_id: b.id,
      at: spec.at,
      actor: who.actor,
      source: who.source,
      from_status: statusChanged ? b.status : null,
      to_status: statusChanged ? to : null,
      note: spec.note ?? '',
      photo: spec.photo ?? null,
      lon: spec.position?.[0] ?? null,
      lat: spec.position?.[1] ?? null,
      accuracy_m: spec.position ? (spec.accuracyM ?? null) : null,
      client_id: spec.clientId ?? null,
      kind: spec.kind,
      team_id: who.teamId,
      from_team_id: tracksTeam ? b.team_id : null,
      to_team_id: tracksTeam ? team : null,
      machines_json: spec.machines || machinesChanged ? JSON.stringify(machines) : null,
      undoes_event_id: spec.undoes ?? null,
    },
    received,
    { ...meta, action: LIFECYCLE_ACTIONS.event },
  );
  if (statusChanged || teamChanged || machinesChanged) {
    repo.setState(
      b.id,
      { status: to, statusAt: statusChanged ? (spec.statusAt ?? spec.at) : (b.status_at ?? b.reported_at), teamId: team, machines, at: received },
      { ...meta, action: LIFECYCLE_ACTIONS.state },
    );
  }
  return event;
}

/** What the first event of a new blockage says: its status, who, where, with what. */
export interface ReportSpec {
  status: BlockageStatus;
  at: string;
  note: string;
  photo?: string | null;
  position?: [number, number] | null;
  accuracyM?: number | null;
  clientId?: string | null;
  batchId: string;
}

/**
 * The first event of a blockage just inserted (reported from the field, drawn at the desk, read
 * from a file): no status before it, the blockage's status after. The caller holds the
 * transaction; the blockage's status clock starts at the report's time.
 */
export function recordReport(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now'>, who: Actor, blockageId: string, spec: ReportSpec): EventDbRow {
  const repo = blockageRepo(ctx);
  const received = ctx.now().toISOString();
  const meta = { batchId: spec.batchId, source: who.source, at: received };
  const event = repo.insertEvent(reportEvent(who, blockageId, spec), received, { ...meta, action: LIFECYCLE_ACTIONS.event });
  repo.setReportInfo(blockageId, reportState(who, spec), { ...meta, action: LIFECYCLE_ACTIONS.state });
  return event;
}

/** The first event of a new blockage: no status before it, the blockage's status after. */
function reportEvent(who: Actor, blockageId: string, spec: Omit<ReportSpec, 'batchId'>, id: string = randomUUID()): NewEvent {
  return {
    id,
    blockage_id: blockageId,
    at: spec.at,
    actor: who.actor,
    source: who.source,
    from_status: null,
    to_status: spec.status,
    note: spec.note,
    photo: spec.photo ?? null,
    lon: spec.position?.[0] ?? null,
    lat: spec.position?.[1] ?? null,
    accuracy_m: spec.position ? (spec.accuracyM ?? null) : null,
    client_id: spec.clientId ?? null,
    kind: 'report',
    team_id: who.teamId,
    from_team_id: null,
    to_team_id: null,
    machines_json: null,
    undoes_event_id: null,
  };
}

/** The state a reported blockage starts in: its status clock starts at the report, the reporting team kept. */
export function reportState(who: Actor, spec: Pick<ReportSpec, 'at'>): { statusAt: string; reportedByTeamId: string | null } {
  return { statusAt: spec.at, reportedByTeamId: who.teamId };
}

/**
 * The first events of many blockages inserted in bulk (an import), in one bulk write. Their rows
 * must already hold `reportState` (status_at, reported_by_team_id): nothing is updated afterwards.
 */
export function recordReports(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now'>, who: Actor, reports: readonly { blockageId: string; spec: Omit<ReportSpec, 'batchId'> }[], batchId: string): void {
  if (reports.length === 0) return;
  const received = ctx.now().toISOString();
  const newId = orderedUuids();
  const events = reports.map((r) => reportEvent(who, r.blockageId, r.spec, newId()));
  blockageRepo(ctx).insertEvents(events, received, { batchId, source: who.source, at: received, action: LIFECYCLE_ACTIONS.event });
}

function forbidden(from: BlockageStatus, to: BlockageStatus, allowed: readonly BlockageStatus[]): AppError {
  const list = (lang: 'zh' | 'en') => (allowed.length ? allowed.map((s) => label(s)[lang]).join(lang === 'zh' ? '、' : ', ') : lang === 'zh' ? '无（已是最终状态）' : 'none (final)');
  return new AppError('conflict', {
    zh: `不能从“${label(from).zh}”改为“${label(to).zh}”。现在可以改为：${list('zh')}`,
    en: `Cannot go from "${label(from).en}" to "${label(to).en}". Allowed now: ${list('en')}`,
  }, { from, to, allowed });
}

/** Decode and check a photo before anything is written (a bad one changes nothing). */
export function checkedPhoto(photo: PhotoInput | undefined, maxBytes = PHOTO_MAX_BYTES) {
  return photo ? decodePhoto(photo, maxBytes) : null;
}

/** The desk changes a blockage's status by the lifecycle. 已派工 goes through assign (it needs a team). */
export function transition(ctx: CoreContext, input: { id: string; to: BlockageStatus; note: string; photo?: PhotoInput | undefined }): BlockageDetail {
  const photo = checkedPhoto(input.photo);
  withPhoto(ctx, photo, (photoName) =>
    ctx.db.transaction(() => {
      const b = liveBlockage(ctx, input.id);
      if (b.status === input.to) {
        throw new AppError('conflict', { zh: `该堵点已经是“${label(b.status).zh}”`, en: `The blockage is already "${label(b.status).en}"` });
      }
      if (!canTransition(b.status, input.to)) throw forbidden(b.status, input.to, BLOCKAGE_TRANSITIONS[b.status]);
      if (input.to === 'assigned' && !b.team_id) {
        throw new AppError('invalid_input', { zh: '派工要选择作业队：请用“派工”', en: 'Dispatching needs a team: use "Assign"' });
      }
      // Withdrawing a dispatch (→ 上报) releases the team and its machines with it.
      const release = input.to === 'reported' ? { team: null, machines: NO_MACHINES } : {};
      appendEvent(ctx, deskActor(ctx), b, { kind: 'status', to: input.to, ...release, note: input.note, photo: photoName, at: ctx.now().toISOString() });
    })(),
  );
  return detail(ctx, input.id);
}

/** Dispatch to a team (上报 → 已派工), change the team or machines, or withdraw (teamId null). */
export function assign(ctx: CoreContext, input: { id: string; teamId: string | null; machines?: AssignedMachines | undefined; note: string }): BlockageDetail {
  ctx.db.transaction(() => {
    const b = liveBlockage(ctx, input.id);
    const at = ctx.now().toISOString();
    if (input.teamId === null) {
      if (b.status !== 'assigned') {
        throw new AppError('conflict', {
          zh: `只有“已派工”的堵点可以撤回派工（现在是“${label(b.status).zh}”）`,
          en: `Only an assigned blockage can be withdrawn (it is "${label(b.status).en}")`,
        });
      }
      appendEvent(ctx, deskActor(ctx), b, { kind: 'assign', to: 'reported', team: null, machines: NO_MACHINES, note: input.note, at });
      return;
    }
    const team = new TeamRepository(ctx.db, ctx.townshipId).get(input.teamId);
    if (!team || team.deleted_at) throw new AppError('not_found', { zh: '找不到该作业队，可能已被删除', en: 'No such team; it may have been deleted' });
    if (!(b.status === 'reported' || b.status === 'assigned' || b.status === 'in_progress')) {
      throw new AppError('conflict', {
        zh: `“${label(b.status).zh}”的堵点不能再派工`,
        en: `A blockage that is "${label(b.status).en}" cannot be dispatched`,
      });
    }
    const machines = input.machines ?? (b.team_id === input.teamId ? machinesOf(b) : NO_MACHINES);
    if (b.team_id === input.teamId && JSON.stringify(machines) === JSON.stringify(machinesOf(b))) {
      throw new AppError('conflict', { zh: `已经派给“${team.name}”，没有变化`, en: `Already assigned to "${team.name}"; nothing changed` });
    }
    appendEvent(ctx, deskActor(ctx), b, { kind: 'assign', to: b.status === 'reported' ? 'assigned' : b.status, team: input.teamId, machines, note: input.note, at });
  })();
  return detail(ctx, input.id);
}

/** A note and/or photo from the desk; the status stays. */
export function addNote(ctx: CoreContext, input: { id: string; note: string; photo?: PhotoInput | undefined }): BlockageDetail {
  const photo = checkedPhoto(input.photo);
  withPhoto(ctx, photo, (photoName) =>
    ctx.db.transaction(() => {
      const b = liveBlockage(ctx, input.id);
      appendEvent(ctx, deskActor(ctx), b, { kind: 'note', note: input.note, photo: photoName, at: ctx.now().toISOString() });
    })(),
  );
  return detail(ctx, input.id);
}

/** The machines a blockage had before event `seq` (from the newest earlier event that recorded them). */
function machinesBefore(ctx: Pick<CoreContext, 'db' | 'townshipId'>, blockageId: string, seq: number): AssignedMachines {
  const json = blockageRepo(ctx).machinesBefore(blockageId, seq);
  return json ? (JSON.parse(json) as AssignedMachines) : NO_MACHINES;
}

/** When the status in force before event `seq` began. */
function statusSinceBefore(ctx: Pick<CoreContext, 'db' | 'townshipId'>, blockageId: string, seq: number): string | undefined {
  return blockageRepo(ctx).statusSinceBefore(blockageId, seq);
}

/**
 * Undo the desk's last status or dispatch change: a compensating event puts back the status,
 * team and machines it replaced. Refused when anything (a field update, say) changed the
 * blockage since, so an undo never overwrites someone else's work. Nothing is deleted.
 */
export function undoLast(ctx: CoreContext): { undone: BlockageEvent; detail: BlockageDetail } {
  const repo = blockageRepo(ctx);
  const undone = ctx.db.transaction(() => {
    const last = repo.lastUndoableDeskChange();
    if (!last) throw new AppError('not_found', { zh: '没有可以撤销的派工或状态修改', en: 'There is no dispatch or status change to undo' });
    const b = liveBlockage(ctx, last.blockage_id);
    if (repo.changedAfter(b.id, last.seq)) {
      throw new AppError('conflict', {
        zh: `“${b.name || '未命名堵点'}”在这次修改之后又有了新的变更（例如现场更新），不能撤销`,
        en: `"${b.name || 'Unnamed blockage'}" has changed again since (e.g. a field update); it cannot be undone`,
      });
    }
    const status = last.from_status ?? b.status;
    const what = last.to_status ? `${label(last.to_status).zh} → ${label(status).zh}` : '派工';
    appendEvent(ctx, deskActor(ctx), b, {
      kind: 'undo',
      to: status,
      team: last.from_team_id,
      machines: machinesBefore(ctx, b.id, last.seq),
      note: `撤销：${what}`,
      at: ctx.now().toISOString(),
      undoes: last.id,
      ...(last.from_status ? { statusAt: statusSinceBefore(ctx, b.id, last.seq) ?? b.reported_at } : {}),
    });
    return last.id;
  })();
  const event = repo.event(undone)!;
  return { undone: toEvent(event), detail: detail(ctx, event.blockage_id) };
}
