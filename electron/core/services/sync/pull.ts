import { SYNC_CONFLICT_TABLE, syncConflictRowSchema } from '../../../../shared/contract/sync';
import type { ChangeEntry } from '../../../../shared/contract/changeFeed';
import { AppError } from '../../../../shared/contract/errors';
import type { SyncLink } from '../../db/repositories/syncStateRepository';
import { SYNC_BLOB_TABLE, fetchBlob } from './blobs';
import { SyncFailure } from './failure';
import type { RoundDeps } from './roundDeps';

/** Entries asked for per pull. */
export const PULL_BATCH = 500;

export interface PullResult {
  pulled: number;
  conflicts: number;
  blobsDown: number;
}

/**
 * Pull what others made since the cursor, batch by batch. A batch's files are fetched first (into
 * place, idempotent), then its entries are applied and the cursor saved in one transaction: a pull
 * cut off anywhere leaves either the whole batch applied with its cursor, or neither.
 */
export async function pullChanges(deps: RoundDeps, link: SyncLink): Promise<PullResult> {
  const result: PullResult = { pulled: 0, conflicts: 0, blobsDown: 0 };
  const me = deps.feed.installationId();
  let cursor = link.pullCursor;
  for (;;) {
    const answer = await deps.wire.pull(cursor, PULL_BATCH);
    const theirs = answer.entries.filter((e) => e.origin !== me && e.townshipId === link.townshipId);
    for (const e of theirs) if (e.table === SYNC_BLOB_TABLE && (await fetchBlob(deps.dataDir, e, deps.wire.transport))) result.blobsDown++;
    const applied = deps.db.transaction(() => {
      let pulled = 0;
      let conflicts = 0;
      for (const entry of theirs) {
        const outcome = applyOne(deps, entry);
        if (outcome === 'conflict') conflicts++;
        if (outcome === 'applied' || outcome === 'conflict') pulled++;
      }
      deps.links.saveCursor(answer.cursor, deps.now().toISOString());
      return { pulled, conflicts };
    })();
    result.pulled += applied.pulled;
    result.conflicts += applied.conflicts;
    if (!answer.more || answer.cursor === cursor) return result;
    cursor = answer.cursor;
  }
}

/** One pulled entry: a conflict is listed, a blob announcement was handled above, anything else goes to the feed. */
function applyOne(deps: RoundDeps, entry: ChangeEntry): 'applied' | 'conflict' | 'skipped' {
  if (entry.table === SYNC_BLOB_TABLE) return 'skipped';
  if (entry.table === SYNC_CONFLICT_TABLE) {
    const row = syncConflictRowSchema.safeParse(entry.row);
    if (!row.success) throw badEntry(entry, 'conflict row');
    const isNew = deps.conflicts.record({
      id: row.data.id,
      tableName: row.data.table_name,
      rowId: row.data.row_id,
      conflictJson: JSON.stringify(row.data),
      at: deps.now().toISOString(),
    });
    return isNew ? 'conflict' : 'skipped';
  }
  try {
    return deps.feed.applyRemote(entry) === 'applied' ? 'applied' : 'skipped';
  } catch (error) {
    // Refusing the whole batch keeps the cursor where it is: nothing is skipped silently, and the
    // status says which change could not be applied and why.
    if (error instanceof AppError) throw error;
    throw badEntry(entry, error instanceof Error ? error.message : String(error));
  }
}

function badEntry(entry: ChangeEntry, why: string): SyncFailure {
  return new SyncFailure('local', {
    zh: `无法应用从县服务器收到的变更（${entry.table} ${entry.rowId}，${why}）；同步已暂停在这一批，数据未改动`,
    en: `Cannot apply a change received from the county server (${entry.table} ${entry.rowId}, ${why}); sync stops at this batch, nothing was changed`,
  });
}
