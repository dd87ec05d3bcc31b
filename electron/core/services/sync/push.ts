import { MAX_PUSH_ENTRIES } from '../../../../shared/contract/sync';
import type { SyncLink } from '../../db/repositories/syncStateRepository';
import { uploadBlobs } from './blobs';
import type { RoundDeps } from './roundDeps';

/** Feed entries read per push batch: with one blob announcement each at most, a batch stays ≤ 500. */
export const PUSH_FEED_BATCH = Math.floor(MAX_PUSH_ENTRIES / 2);

export interface PushResult {
  pushed: number;
  duplicates: number;
  conflicts: number;
  blobsUp: number;
  missingBlobs: string[];
}

/**
 * Push this desk's own changes after the last acknowledged one, in batches. Each batch uploads the
 * files its rows refer to first, then the announcements and the rows; the ack moves only after the
 * server answered, so a batch cut off anywhere is sent again (the server counts it as duplicates).
 */
export async function pushChanges(deps: RoundDeps, link: SyncLink): Promise<PushResult> {
  const result: PushResult = { pushed: 0, duplicates: 0, conflicts: 0, blobsUp: 0, missingBlobs: [] };
  const me = deps.feed.installationId();
  let ack = link.pushAckSeq;
  for (;;) {
    const window = deps.feed.since(ack, PUSH_FEED_BATCH);
    if (window.length === 0) return result;
    const last = window[window.length - 1]!.seq;
    // Only what was made here, for the key's township: pulled entries went the other way already.
    const own = window.map((w) => w.entry).filter((e) => e.origin === me && e.townshipId === link.townshipId);
    if (own.length > 0) {
      const blobs = await uploadBlobs(deps.dataDir, own, deps.wire.transport);
      const answer = await deps.wire.push([...blobs.announce, ...own]);
      result.pushed += own.length;
      result.duplicates += answer.duplicates;
      result.conflicts += answer.conflicts;
      result.blobsUp += blobs.uploaded;
      result.missingBlobs.push(...blobs.missing);
    }
    deps.links.saveAck(last, deps.now().toISOString());
    ack = last;
  }
}
