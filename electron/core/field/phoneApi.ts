/**
 * What a phone with a team token may do, and nothing more: read its team's blockages, add
 * 已到场 / 处理中 / 已疏通 / notes with photos to blockages assigned to the team, and report new
 * ones. Every write carries a client-made id, so a retry returns the first answer instead of
 * writing twice.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { PhoneBlockage, PhoneOutput, PhoneProcedureName, PhoneProcedures } from '../../../shared/contract/phone';
import { FIELD_ACTION_LABELS, fieldActionAllowed, fieldActionStatus, isOpenStatus } from '../../../shared/domain/blockageLifecycle';
import { BLOCKAGE_STATUS_LABELS } from '../../../shared/domain/network';
import { getSettings } from '../services/settings/settingsService';
import type { CoreContext } from '../context';
import type { TeamDbRow, TokenDbRow } from '../db/repositories/teamRepository';
import { createReport } from '../services/blockages/create';
import { appendEvent, checkedPhoto, type Actor } from '../services/blockages/lifecycle';
import { locatePoint } from '../services/blockages/locate';
import { withPhoto } from '../services/blockages/photos';
import { blockageRepo, machinesOf, positionOf, toEvent } from '../services/blockages/views';
import { recordTrackChunk } from '../services/patrol/record';

export interface PhoneCaller {
  team: TeamDbRow;
  token: TokenDbRow;
}

const RECENT_DONE_MS = 3 * 86_400_000;

type Input<P extends PhoneProcedureName> = z.output<PhoneProcedures[P]['input']>;

function actorOf(caller: PhoneCaller): Actor {
  return { source: 'field', actor: caller.token.label ? `${caller.team.name} · ${caller.token.label}` : caller.team.name, teamId: caller.team.id };
}

/** The phone's own time when plausible (queued offline up to a week ago), else ours. */
function eventTime(ctx: CoreContext, at: string | undefined): string {
  const now = ctx.now().getTime();
  const t = at ? Date.parse(at) : NaN;
  if (Number.isFinite(t) && t <= now + 5 * 60_000 && t >= now - 7 * 86_400_000) return new Date(t).toISOString();
  return new Date(now).toISOString();
}

/** The answer to a retried write: the same as the first time, if it was this team's. */
function earlier(ctx: CoreContext, caller: PhoneCaller, clientId: string) {
  const e = blockageRepo(ctx).eventByClientId(clientId);
  if (!e) return null;
  if (e.team_id !== caller.team.id) {
    throw new AppError('conflict', { zh: '该编号已被另一作业队使用', en: 'This client id was used by another team' });
  }
  return e;
}

function isClientIdClash(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: blockage_event\.client_id/.test(error.message);
}

function me(ctx: CoreContext, caller: PhoneCaller): PhoneOutput<'phone.me'> {
  return {
    team: { id: caller.team.id, name: caller.team.name, leader: caller.team.leader },
    township: getSettings(ctx).townshipName,
    serverTime: ctx.now().toISOString(),
  };
}

function blockages(ctx: CoreContext, caller: PhoneCaller): PhoneBlockage[] {
  const repo = blockageRepo(ctx);
  // Open work, plus what the team finished in the last three days (so a phone sees its cleared ones).
  const since = ctx.now().getTime() - RECENT_DONE_MS;
  const shown = repo.listForTeam(caller.team.id).filter((b) => isOpenStatus(b.status) || Date.parse(b.status_at ?? b.reported_at) >= since);
  return shown.map((b) => {
    // The ditch it blocks (or, for points drawn without one, the ditch it sits on within 30 m).
    const position = positionOf(b.geometry);
    const ditchId = b.ditch_id ?? locatePoint(ctx, position[0], position[1]).ditchId;
    const ditch = ditchId ? repo.ditchLine(ditchId) : undefined;
    const line = ditch ? (JSON.parse(ditch.geometry) as { type: string; coordinates: unknown }) : null;
    return {
      id: b.id,
      name: b.name || '未命名堵点',
      village: b.village,
      status: b.status,
      position,
      reportedAt: b.reported_at,
      note: b.note,
      machines: machinesOf(b),
      assigned: b.team_id === caller.team.id,
      ditch: ditch && line?.type === 'LineString' ? { name: ditch.name, coordinates: (line.coordinates as [number, number][]).map((p) => [p[0], p[1]] as [number, number]) } : null,
      events: repo
        .events(b.id)
        .slice(-6)
        .reverse()
        .map(toEvent)
        .map((e) => ({ at: e.at, kind: e.kind, toStatus: e.toStatus, actor: e.actor || (e.source === 'desk' ? '办公室' : ''), note: e.note, hasPhoto: e.hasPhoto })),
    };
  });
}

function update(ctx: CoreContext, caller: PhoneCaller, input: Input<'phone.update'>): PhoneOutput<'phone.update'> {
  const repo = blockageRepo(ctx);
  const first = earlier(ctx, caller, input.clientId);
  if (first) return { eventId: first.id, status: repo.state(first.blockage_id)!.status, duplicate: true };
  // Checked before anything is written; a bad photo refuses the whole update.
  const photo = checkedPhoto(input.photo);
  try {
    return withPhoto(ctx, photo, (photoName) =>
      ctx.db.transaction(() => {
        const b = repo.state(input.blockageId);
        if (!b || b.deleted_at) throw new AppError('not_found', { zh: '找不到该堵点，可能已被删除', en: 'No such blockage; it may have been deleted' });
        const own = b.team_id === caller.team.id;
        const ownReport = b.reported_by_team_id === caller.team.id && b.team_id === null;
        if (!own && !(ownReport && input.action === 'note')) {
          throw new AppError('forbidden', { zh: '该堵点没有派给本队', en: 'This blockage is not assigned to your team' });
        }
        if (!fieldActionAllowed(input.action, b.status)) {
          const action = FIELD_ACTION_LABELS[input.action];
          const status = BLOCKAGE_STATUS_LABELS[b.status];
          throw new AppError('conflict', {
            zh: `该堵点现在是“${status.zh}”，不能标记“${action.zh}”`,
            en: `The blockage is "${status.en}"; it cannot be marked "${action.en}"`,
          }, { status: b.status, action: input.action });
        }
        const to = fieldActionStatus(input.action);
        const event = appendEvent(ctx, actorOf(caller), b, {
          kind: to ? 'status' : input.action === 'arrived' ? 'arrived' : 'note',
          ...(to ? { to } : {}),
          note: input.note,
          photo: photoName,
          position: input.position ?? null,
          accuracyM: input.accuracyM ?? null,
          clientId: input.clientId,
          at: eventTime(ctx, input.at),
        });
        return { eventId: event.id, status: to ?? b.status, duplicate: false };
      })(),
    );
  } catch (error) {
    // Two copies of one update racing in: the second finds the first's id taken.
    if (isClientIdClash(error)) {
      const e = earlier(ctx, caller, input.clientId)!;
      return { eventId: e.id, status: repo.state(e.blockage_id)!.status, duplicate: true };
    }
    throw error;
  }
}

function report(ctx: CoreContext, caller: PhoneCaller, input: Input<'phone.report'>): PhoneOutput<'phone.report'> {
  const first = earlier(ctx, caller, input.clientId);
  if (first) return { blockageId: first.blockage_id, eventId: first.id, duplicate: true };
  const photo = checkedPhoto(input.photo);
  const at = eventTime(ctx, input.at);
  const stamp = new Date(Date.parse(at) + 8 * 3_600_000).toISOString();
  const name = input.name || `${caller.team.name}上报 ${stamp.slice(5, 10)} ${stamp.slice(11, 16)}`;
  try {
    return withPhoto(ctx, photo, (photoName) =>
      ctx.db.transaction(() => {
        const { id, event } = createReport(ctx, actorOf(caller), { position: input.position, accuracyM: input.accuracyM ?? null, name, note: input.note, at, photo: photoName, clientId: input.clientId }, randomUUID());
        return { blockageId: id, eventId: event.id, duplicate: false };
      })(),
    );
  } catch (error) {
    if (isClientIdClash(error)) {
      const e = earlier(ctx, caller, input.clientId)!;
      return { blockageId: e.blockage_id, eventId: e.id, duplicate: true };
    }
    throw error;
  }
}

/** The handler for one phone procedure, typed from the phone contract: parsed input in, contract output out. */
export type PhoneHandler<P extends PhoneProcedureName> = (
  input: z.output<PhoneProcedures[P]['input']>,
  ctx: CoreContext,
  caller: PhoneCaller,
) => z.input<PhoneProcedures[P]['output']> | Promise<z.input<PhoneProcedures[P]['output']>>;

/** The whole phone table: one handler for every phone procedure in the contract. */
export type PhoneHandlers = { [P in PhoneProcedureName]: PhoneHandler<P> };

/** Every phone procedure's handler: one missing from this table fails to compile. */
export const phoneHandlers: PhoneHandlers = {
  'phone.me': (_input, ctx, caller) => me(ctx, caller),
  'phone.blockages': (_input, ctx, caller) => blockages(ctx, caller),
  'phone.update': (input, ctx, caller) => update(ctx, caller, input),
  'phone.report': (input, ctx, caller) => report(ctx, caller, input),
  'phone.track': (input, ctx, caller) => recordTrackChunk(ctx, caller.team, actorOf(caller).actor, input),
};
