import { randomUUID } from 'node:crypto';
import type { ChangeEntry } from '../../../../shared/contract/changeFeed';
import type { CoreContext } from '../../context';
import { ChangeFeed } from '../../db/feed/changeFeed';
import { SyncStateRepository } from '../../db/repositories/syncStateRepository';
import type { SyncFeed } from './feedPort';

/** The change feed (issue 10) as sync sees it, for the context's township. */
export function syncFeed(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now' | 'source'>): SyncFeed {
  const feed = new ChangeFeed(ctx.db, ctx.townshipId);
  const state = new SyncStateRepository(ctx.db);
  return {
    installationId: () => feed.clock.origin(),
    since: (seq, limit) => feed.since(seq, limit),
    pendingCount: (afterSeq) => state.pendingChanges(afterSeq, feed.clock.origin(), ctx.townshipId),
    ownOfficeChanges: () => state.pendingChanges(0, feed.clock.origin(), ctx.townshipId, ['township']),
    applyRemote: (entry) => feed.applyRemote(entry),
    latestClock: (table, rowId) => feed.latestClock(table, rowId),
    writeLocal(table, rowId, row) {
      // A new local edit: this desk's origin and a fresh clock, on top of the version held here, so
      // it is pushed like any edit and wins by its newer clock. It goes through the feed's one
      // write path for rows from elsewhere (checked against the table, appended to the feed).
      const { hlc, origin } = feed.clock.tick();
      const at = ctx.now().toISOString();
      const stamped = row && 'updated_at' in row ? { ...row, updated_at: at } : row;
      const entry: ChangeEntry = {
        changeId: randomUUID(),
        townshipId: ctx.townshipId,
        table,
        rowId,
        op: stamped ? (feed.current(table, rowId) ? 'update' : 'insert') : 'delete',
        row: stamped,
        hlc,
        baseHlc: feed.latestClock(table, rowId),
        origin,
        batchId: randomUUID(),
        source: ctx.source,
        at,
      };
      feed.applyRemote(entry);
    },
  };
}
