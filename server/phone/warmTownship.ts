/**
 * A township's warm desk core on the county server (issue 12): its replica projected into an
 * in-memory SQLite with the desk's own migrations (network layers included: a phone's small map
 * and "which ditch is this on" read them), kept current by applying the server's new feed entries
 * through the desk's own `applyRemote`, so phone calls run the desk's own phone handlers on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeEntry } from '../../shared/contract/changeFeed';
import { SYNC_CONFLICT_TABLE } from '../../shared/contract/sync';
import { formatHlc } from '../../shared/sync/hlc';
import type { CoreContext } from '../../electron/core/context';
import { ChangeFeed } from '../../electron/core/db/feed/changeFeed';
import { isLocalOnly } from '../../electron/core/db/feed/tables';
import { SYNC_BLOB_TABLE } from '../../electron/core/services/sync/blobs';
import type { ServerContext } from '../context';
import { projectTownship } from '../county/projection';
import { FeedRepository } from '../db/repositories/feedRepository';

/** Entries read from the server's feed per catch-up query. */
const CATCH_UP_PAGE = 1000;

export interface WarmTownship {
  townshipId: string;
  core: CoreContext;
  feed: ChangeFeed;
  /** The server feed position applied so far. */
  cursor: bigint;
  /** Where a phone's photo is written before it becomes a blob (removed with the projection). */
  dataDir: string;
  close(): void;
}

/** Load a township's replica as a warm core whose own writes carry the server's origin. */
export async function loadWarmTownship(ctx: ServerContext, township: { id: string; name: string }): Promise<WarmTownship> {
  const repo = new FeedRepository(ctx.pool);
  // The position first, then the rows: an entry that lands in between is applied again on the
  // first catch-up, where the seeded clocks make it a duplicate or an older version.
  const cursor = await repo.lastSeq(township.id);
  const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-phone-'));
  try {
    const projection = await projectTownship(ctx, township, { network: true, clocks: true, dataDir });
    const { core } = projection;
    // What phones write here goes out as the server's own changes, after every clock it has seen.
    core.db.prepare('UPDATE feed_state SET installation_id = ?, last_hlc = ? WHERE id = 1').run(ctx.installationId, ctx.clock.last ? formatHlc(ctx.clock.last) : null);
    return {
      townshipId: township.id,
      core,
      feed: new ChangeFeed(core.db, township.id),
      cursor,
      dataDir,
      close() {
        projection.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Whether a server feed entry is a desk row the warm core holds (not the server's conflicts, blob notes or unknown tables). */
function appliesHere(warm: WarmTownship, e: ChangeEntry): boolean {
  if (e.table === SYNC_CONFLICT_TABLE || e.table === SYNC_BLOB_TABLE || isLocalOnly(e.table)) return false;
  return warm.feed.shapes.get(e.table) !== null;
}

/**
 * Apply what reached the server's feed since the last catch-up (desk pushes, its own phone
 * writes coming back as duplicates), in the server's order, by the desk's merge rule. An entry the
 * desk core refuses (a clock far ahead) is logged and passed over: one bad row must not stop the
 * township's phones.
 */
export async function catchUp(ctx: ServerContext, warm: WarmTownship): Promise<number> {
  const repo = new FeedRepository(ctx.pool);
  let applied = 0;
  for (;;) {
    const page = await repo.after(warm.townshipId, warm.cursor, CATCH_UP_PAGE);
    for (const e of page.entries) {
      if (!appliesHere(warm, e)) continue;
      try {
        if (warm.feed.applyRemote(e) === 'applied') applied++;
      } catch (error) {
        console.error(`[county-phone] entry ${e.changeId} (${e.table} ${e.rowId}) not applied to the warm copy`, error);
      }
    }
    if (page.lastSeq !== null) warm.cursor = BigInt(page.lastSeq);
    if (!page.more) return applied;
  }
}

/** The warm core's own changes (the server's origin) after a local feed position. */
export function ownChangesSince(warm: WarmTownship, seq: number, origin: string): ChangeEntry[] {
  return warm.feed
    .since(seq, 10_000)
    .map((x) => x.entry)
    .filter((e) => e.origin === origin);
}
