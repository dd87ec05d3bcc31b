import { MAX_PULL_ENTRIES, type PullResponse } from '../../shared/contract/sync';
import type { ServerContext } from '../context';
import { FeedRepository } from '../db/repositories/feedRepository';

/** Every entry of the township after the cursor, in the server's order, from any origin. */
export async function pullEntries(ctx: ServerContext, townshipId: string, since: string, limit: number): Promise<PullResponse> {
  const from = since === '' ? 0n : BigInt(since);
  const page = await new FeedRepository(ctx.pool).after(townshipId, from, Math.min(limit, MAX_PULL_ENTRIES));
  return { entries: page.entries, cursor: page.lastSeq ?? since, more: page.more };
}
