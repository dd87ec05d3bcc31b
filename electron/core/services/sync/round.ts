import type { SyncRound } from '../../../../shared/contract/syncDesk';
import { pullChanges } from './pull';
import { pushChanges } from './push';
import type { RoundDeps } from './roundDeps';
import { SyncFailure } from './failure';

export interface RoundOutcome extends SyncRound {
  missingBlobs: string[];
}

/**
 * One sync round: push what was made here, then pull what others made. Safe to cut off anywhere
 * (server killed, network gone): every step either completed and was recorded, or is redone by
 * the next round, and the server and the feed both recognise a repeated change by its id.
 */
export async function syncRound(deps: RoundDeps): Promise<RoundOutcome> {
  const link = deps.links.get();
  if (!link) {
    throw new SyncFailure('local', { zh: '这台电脑还没有注册到县服务器（设置 → 联网同步）', en: 'This desk is not enrolled with a county server (Settings → Sync)' });
  }
  const push = await pushChanges(deps, link);
  const pull = await pullChanges(deps, deps.links.get()!);
  const at = deps.now().toISOString();
  const round: RoundOutcome = {
    at,
    pushed: push.pushed,
    duplicates: push.duplicates,
    pulled: pull.pulled,
    // A conflict this push caused comes back as a sync_conflict entry in the pull: count it there once.
    conflicts: pull.conflicts,
    blobsUp: push.blobsUp,
    blobsDown: pull.blobsDown,
    missingBlobs: push.missingBlobs,
  };
  const { missingBlobs: _missing, ...stored } = round;
  deps.links.saveRound(at, JSON.stringify(stored));
  return round;
}
