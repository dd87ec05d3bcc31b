/**
 * Phones through the county server (issue 12): the desk's own phone handler table run on a warm
 * copy of the township (warmTownship.ts); what a call writes goes into the server's feed through
 * the same merge as a desk's push, so desks pull it as 现场更新 like a LAN update. One call per
 * township at a time; each starts by catching up with the feed (a revoked token is refused after
 * the desk's next sync).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, type Result } from '../../shared/contract';
import type { ChangeEntry } from '../../shared/contract/changeFeed';
import type { PhoneCaller } from '../../electron/core/field/phoneApi';
import { createPhoneDispatch } from '../../electron/core/field/phoneDispatch';
import { blobPathsOf, uploadBlobs } from '../../electron/core/services/sync/blobs';
import { checkToken, hashToken, unknownTokenError } from '../../electron/core/services/teams/tokens';
import { teamRepo } from '../../electron/core/services/teams/teamService';
import type { ServerContext } from '../context';
import { BlobRepository } from '../db/repositories/blobRepository';
import { FeedRepository } from '../db/repositories/feedRepository';
import { TownshipRepository } from '../db/repositories/townshipRepository';
import { pushEntries } from '../sync/push';
import { catchUp, loadWarmTownship, ownChangesSince, type WarmTownship } from './warmTownship';

/** A phone the server has recognised: its township and its team and token as the desk synced them. */
export interface CountyPhoneCaller extends PhoneCaller {
  townshipId: string;
  /** Checked again when the call runs (a sync may have revoked it since); never leaves the process. */
  secret: string;
}

const NO_TOKENS = { tokenByHash: () => undefined, get: () => undefined };

/** Warm copies idle this long are dropped (a county has ~20 townships; a big one is tens of MB). */
export const WARM_IDLE_MS = 30 * 60_000;

/** The server's warm townships and the queue of calls on each: kept in the ServerContext. */
export interface PhoneState {
  warm: Map<string, { copy: Promise<WarmTownship>; lastUsedMs: number }>;
  queues: Map<string, Promise<unknown>>;
}

export function createPhoneState(): PhoneState {
  return { warm: new Map(), queues: new Map() };
}

/** Run `work` after every earlier call of the same township (and before the later ones). */
function serialised<T>(state: PhoneState, townshipId: string, work: () => Promise<T>): Promise<T> {
  const before = state.queues.get(townshipId) ?? Promise.resolve();
  const run = before.then(work, work);
  const tail = run.catch(() => undefined);
  state.queues.set(townshipId, tail);
  void tail.then(() => {
    if (state.queues.get(townshipId) === tail) state.queues.delete(townshipId);
  });
  return run;
}

/** Drop a warm copy (idle, or out of step after a failed write): the next call loads it afresh. */
async function drop(state: PhoneState, townshipId: string): Promise<void> {
  const warm = state.warm.get(townshipId);
  state.warm.delete(townshipId);
  (await warm?.copy.catch(() => null))?.close();
}

/** The township's warm copy, loaded on first use and caught up with the server's feed; idle copies of others are dropped. */
async function warmCopy(ctx: ServerContext, townshipId: string): Promise<WarmTownship> {
  const state = ctx.phones;
  const now = Date.now();
  for (const [id, w] of state.warm) {
    if (id !== townshipId && now - w.lastUsedMs > WARM_IDLE_MS && !state.queues.has(id)) await drop(state, id);
  }
  let warm = state.warm.get(townshipId);
  if (!warm) {
    const copy = (async () => {
      const township = await new TownshipRepository(ctx.pool).byId(townshipId);
      if (!township) throw unknownTokenError();
      return loadWarmTownship(ctx, township);
    })();
    warm = { copy, lastUsedMs: now };
    state.warm.set(townshipId, warm);
    copy.catch(() => {
      if (state.warm.get(townshipId)?.copy === copy) state.warm.delete(townshipId);
    });
  }
  warm.lastUsedMs = now;
  const w = await warm.copy;
  await catchUp(ctx, w);
  return w;
}

/**
 * Who is calling, by the synced token hashes: the township whose desk issued the token, then the
 * desk's own check on that township's current copy (revoked, team deleted). Writes nothing.
 */
export async function authenticatePhone(ctx: ServerContext, secret: string | null): Promise<CountyPhoneCaller> {
  // No token or an absurd one: the desk's own answer, before any database is asked.
  if (!secret || secret.length > 200) checkToken(NO_TOKENS, secret);
  const townshipId = await new FeedRepository(ctx.pool).townshipOfTokenHash(hashToken(secret!));
  if (!townshipId) throw unknownTokenError();
  return serialised(ctx.phones, townshipId, async () => {
    const warm = await warmCopy(ctx, townshipId);
    return { townshipId, secret: secret!, ...checkToken(teamRepo(warm.core), secret) };
  });
}

/** A 503: the phone keeps the update in its outbox and sends it again later. */
const cannotSave = () =>
  new AppError('unavailable', { zh: '服务器暂时无法处理，请稍后重试（手机会保留待发送的更新）', en: 'The server cannot handle this right now; try again later (the phone keeps the update)' });

/** Put the photos these entries name into the blob store and answer their announcements (sent ahead of the rows). */
async function storeBlobs(ctx: ServerContext, warm: WarmTownship, entries: ChangeEntry[]): Promise<ChangeEntry[]> {
  const blobs = new BlobRepository(ctx.pool);
  const { announce } = await uploadBlobs(warm.dataDir, entries, {
    putBlob: async (hash, bytes) => {
      await blobs.put(hash, warm.townshipId, Buffer.from(bytes));
    },
  });
  return announce;
}

/**
 * One phone call for a recognised caller: caught up, run by the desk's phone dispatcher on the
 * warm copy, and its changes (with their photos) merged into the server's feed. If that merge
 * fails the copy is dropped, so a retry runs afresh rather than answering "duplicate" for a write
 * the server never kept.
 */
export function callPhone(ctx: ServerContext, procedure: string, input: unknown, caller: CountyPhoneCaller): Promise<Result<unknown>> {
  return serialised(ctx.phones, caller.townshipId, async () => {
    let warm: WarmTownship;
    try {
      warm = await warmCopy(ctx, caller.townshipId);
    } catch (error) {
      console.error('[county-phone] the township could not be loaded or caught up', error);
      return { ok: false, error: cannotSave().toWire() };
    }
    let current: PhoneCaller;
    try {
      // The caller as the copy has it now: a token revoked since authentication is refused.
      current = checkToken(teamRepo(warm.core), caller.secret);
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toWire() };
      throw error;
    }
    const before = warm.feed.lastSeq();
    const result = await createPhoneDispatch(warm.core)(procedure, input, current);
    const changes = ownChangesSince(warm, before, ctx.installationId);
    if (changes.length === 0) return result;
    try {
      const announce = await storeBlobs(ctx, warm, changes);
      await pushEntries(ctx, caller.townshipId, [...announce, ...changes]);
    } catch (error) {
      console.error('[county-phone] a phone write could not be merged into the server feed', error);
      await drop(ctx.phones, caller.townshipId);
      return { ok: false, error: cannotSave().toWire() };
    }
    // The photos are in the blob store now; the copy keeps only the rows.
    for (const e of changes) for (const path of blobPathsOf(e)) rmSync(join(warm.dataDir, path), { force: true });
    return result;
  });
}

/** Close every warm copy (the server stops). */
export async function closePhones(state: PhoneState): Promise<void> {
  await Promise.all([...state.warm.keys()].map((id) => drop(state, id)));
}
