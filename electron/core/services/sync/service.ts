import { existsSync } from 'node:fs';
import { AppError } from '../../../../shared/contract/errors';
import type { SyncStatus } from '../../../../shared/contract/syncDesk';
import { countyPhoneUrl } from '../../field/links';
import type { CoreContext } from '../../context';
import { SyncConflictRepository } from '../../db/repositories/syncConflictRepository';
import { SyncStateRepository } from '../../db/repositories/syncStateRepository';
import { TownshipRepository } from '../../db/repositories/townshipRepository';
import { getSettings } from '../settings/settingsService';
import { syncFeed } from './feed';
import type { RoundDeps } from './roundDeps';
import { syncRound, type RoundOutcome } from './round';
import { SyncRuntime } from './runtime';
import { SyncTransport, type TransportOptions } from './transport';
import { SyncWire } from './wire';
import { SyncFailure } from './failure';

/** This folder's sync runtime, made on first use and kept on the context (it outlives a call). */
export function syncRuntime(ctx: CoreContext): SyncRuntime {
  ctx.sync ??= new SyncRuntime(() => runRound(ctx), ctx.now, ctx.syncOptions?.loop);
  return ctx.sync;
}

function transportFor(ctx: CoreContext, opts: Pick<TransportOptions, 'serverUrl' | 'key' | 'caFile'>): SyncTransport {
  return new SyncTransport({ ...ctx.syncOptions?.transport, ...opts });
}

async function runRound(ctx: CoreContext): Promise<RoundOutcome> {
  const links = new SyncStateRepository(ctx.db);
  const link = links.get();
  if (!link) throw new SyncFailure('local', { zh: '这台电脑还没有注册到县服务器（设置 → 联网同步）', en: 'This desk is not enrolled with a county server (Settings → Sync)' });
  const transport = transportFor(ctx, link);
  const deps: RoundDeps = {
    db: ctx.db,
    dataDir: ctx.dataDir,
    now: ctx.now,
    feed: syncFeed(ctx),
    links,
    conflicts: new SyncConflictRepository(ctx.db, ctx.townshipId),
    wire: new SyncWire(transport),
  };
  try {
    return await syncRound(deps);
  } finally {
    await transport.close();
  }
}

/** What the shell and the settings panel show. */
export function syncStatus(ctx: CoreContext): SyncStatus {
  const link = new SyncStateRepository(ctx.db).get();
  const runtime = syncRuntime(ctx);
  const s = runtime.state;
  const pending = syncFeed(ctx).pendingCount(link?.pushAckSeq ?? 0);
  const openConflicts = new SyncConflictRepository(ctx.db, ctx.townshipId).openCount();
  const stored = link?.lastRoundJson ? (JSON.parse(link.lastRoundJson) as SyncStatus['lastRound']) : null;
  const state: SyncStatus['state'] = !link
    ? 'not_enrolled'
    : s.problem && (s.problem.kind === 'unreachable' || s.problem.kind === 'server_error')
      ? 'offline'
      : s.problem
        ? 'error'
        : s.syncing && pending > 0
          ? 'syncing'
          : pending > 0
            ? 'pending'
            : 'synced';
  return {
    state,
    serverUrl: link?.serverUrl ?? null,
    phoneUrl: link ? countyPhoneUrl(link) : null,
    townshipId: link?.townshipId ?? null,
    enrolledAt: link?.enrolledAt ?? null,
    pending,
    openConflicts,
    lastSyncAt: link?.lastSyncAt ?? null,
    lastAttemptAt: s.lastAttemptAt,
    offlineSince: link ? s.offlineSince : null,
    problem: link ? s.problem : null,
    lastRound: s.lastRound ? stripRound(s.lastRound) : stored,
    loopRunning: s.loopRunning,
    caFile: link?.caFile ?? null,
  };
}

function stripRound(r: RoundOutcome): NonNullable<SyncStatus['lastRound']> {
  return { at: r.at, pushed: r.pushed, duplicates: r.duplicates, pulled: r.pulled, conflicts: r.conflicts, blobsUp: r.blobsUp, blobsDown: r.blobsDown };
}

/**
 * Trade the county's one-time code for this desk's key (enrol, or re-key when already enrolled),
 * then sync once. A desk joining a township the server already knows under another id takes that
 * id on, but only while it has made no changes of its own: two different sets of data for one
 * township are never merged behind the office's back.
 */
export async function enrol(ctx: CoreContext, input: { serverUrl: string; code: string; caFile?: string | undefined }): Promise<SyncStatus> {
  const caFile = input.caFile?.trim() || null;
  if (caFile && !existsSync(caFile)) {
    throw new AppError('invalid_input', { zh: `找不到证书文件：${caFile}`, en: `No such certificate file: ${caFile}` });
  }
  const serverUrl = input.serverUrl.trim().replace(/\/+$/, '');
  const feed = syncFeed(ctx);
  const runtime = syncRuntime(ctx);
  await runtime.idle();
  const transport = transportFor(ctx, { serverUrl, key: null, caFile });
  let answer;
  try {
    answer = await new SyncWire(transport).enrol({
      code: input.code,
      installationId: feed.installationId(),
      townshipId: ctx.townshipId,
      townshipName: getSettings(ctx).townshipName,
    });
  } catch (error) {
    throw enrolFailure(error);
  } finally {
    await transport.close();
  }
  if (answer.townshipId !== ctx.townshipId) {
    if (feed.ownOfficeChanges() > 0) {
      await revokeQuietly(ctx, serverUrl, answer.key, caFile);
      throw new AppError('conflict', {
        zh: `县服务器上的“${answer.townshipName}”已由另一台电脑注册，而这台电脑已有自己录入的数据，不能合并成一个乡镇。请在新的空数据文件夹里注册这台电脑，或请县防汛办为本乡镇重新生成注册码。`,
        en: `"${answer.townshipName}" is already enrolled on the county server from another desk, and this desk has data of its own: the two cannot be merged into one township. Enrol from a new, empty data folder, or ask the county office for a new code for this township.`,
      });
    }
    new TownshipRepository(ctx.db).adoptId(ctx.townshipId, answer.townshipId);
    // The open database's township is the holder's (a restore may replace it): adopt the server's id there.
    ctx.database.townshipId = answer.townshipId;
  }
  new SyncStateRepository(ctx.db).enrol({ townshipId: answer.townshipId, serverUrl, publicUrl: answer.publicUrl ?? null, key: answer.key, caFile, at: ctx.now().toISOString() });
  runtime.reset();
  await runtime.runNow().catch(() => undefined); // a first round that fails is shown in the status
  return syncStatus(ctx);
}

function enrolFailure(error: unknown): unknown {
  if (error instanceof SyncFailure && (error.kind === 'revoked' || error.httpStatus === 400 || error.httpStatus === 404)) {
    return new AppError('unauthorized', {
      zh: '县服务器不接受这个注册码：可能输错了、已用过或已作废。请向县防汛办要一个新的注册码。',
      en: 'The county server does not accept this code: mistyped, used already or withdrawn. Ask the county office for a new code.',
    });
  }
  return error;
}

async function revokeQuietly(ctx: CoreContext, serverUrl: string, key: string, caFile: string | null): Promise<void> {
  const transport = transportFor(ctx, { serverUrl, key, caFile });
  try {
    await new SyncWire(transport).disconnect();
  } catch {
    // The key was never stored here; a key nobody holds is harmless, and the county can revoke it.
  } finally {
    await transport.close();
  }
}

/** One round now, for the 立即同步 button: answers the status, a failed round included. */
export async function syncNow(ctx: CoreContext): Promise<SyncStatus> {
  if (!new SyncStateRepository(ctx.db).get()) return syncStatus(ctx);
  await syncRuntime(ctx).runNow().catch(() => undefined);
  return syncStatus(ctx);
}

/**
 * Revoke this desk's key on the server and forget it here. Local data stays. If the server cannot
 * be reached nothing changes (the key would stay valid there): the office tries again when online.
 */
export async function disconnect(ctx: CoreContext): Promise<SyncStatus> {
  const links = new SyncStateRepository(ctx.db);
  const link = links.get();
  if (!link) return syncStatus(ctx);
  const runtime = syncRuntime(ctx);
  await runtime.idle();
  const transport = transportFor(ctx, link);
  try {
    await new SyncWire(transport).disconnect();
  } catch (error) {
    // A key the server no longer knows is as good as revoked.
    if (!(error instanceof SyncFailure && error.kind === 'revoked')) {
      throw new AppError('unreachable', {
        zh: `没能通知县服务器注销密钥（${error instanceof AppError ? error.messageZh : String(error)}），所以这台电脑仍保持注册。请联网后再试。`,
        en: `Could not tell the county server to revoke the key (${error instanceof AppError ? error.messageEn : String(error)}), so this desk stays enrolled. Try again when online.`,
      });
    }
  } finally {
    await transport.close();
  }
  links.remove();
  runtime.reset();
  return syncStatus(ctx);
}
