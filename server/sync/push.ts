import { randomUUID } from 'node:crypto';
import type { ChangeEntry } from '../../shared/contract/changeFeed';
import { AppError } from '../../shared/contract/errors';
import { APPEND_ONLY_TABLES, SYNC_CONFLICT_TABLE, type PushResponse, type SyncConflictRow } from '../../shared/contract/sync';
import { formatHlc, parseHlc, receiveHlc, tickHlc } from '../../shared/sync/hlc';
import type { ServerContext } from '../context';
import { withTransaction } from '../db/pool';
import { ConflictRepository } from '../db/repositories/conflictRepository';
import { FeatureRepository, isGeometryLayer, type FeatureWrite } from '../db/repositories/featureRepository';
import { FeedRepository, replicaKey } from '../db/repositories/feedRepository';
import { mergeVersion, type RowVersion } from './merge';

/** Why an entry may not be written with this township's key, or null when it may. */
function ownershipProblem(e: ChangeEntry, townshipId: string): string | null {
  if (e.townshipId !== townshipId) return `townshipId ${e.townshipId}`;
  if (e.table === SYNC_CONFLICT_TABLE) return `table ${SYNC_CONFLICT_TABLE} (written by the server only)`;
  if (e.table === 'township' && e.rowId !== townshipId) return `township row ${e.rowId}`;
  if (e.row && 'township_id' in e.row && e.row.township_id !== townshipId) return `row township_id ${String(e.row.township_id)}`;
  return null;
}

/** Refuse the whole batch when any entry writes another township's data. */
function checkOwnership(entries: readonly ChangeEntry[], townshipId: string): void {
  entries.forEach((e, i) => {
    const problem = ownershipProblem(e, townshipId);
    if (problem) {
      throw new AppError(
        'forbidden',
        {
          zh: `第 ${i + 1} 条变更（${e.table} ${e.rowId}）不属于本乡镇（${problem}）；整批未写入`,
          en: `Entry ${i + 1} (${e.table} ${e.rowId}) is not this township's (${problem}); nothing in the batch was written`,
        },
        { index: i, changeId: e.changeId },
      );
    }
  });
}

/** The server's next clock, after everything it has seen. */
function nextServerClock(ctx: ServerContext): string {
  ctx.clock.last = tickHlc(ctx.clock.last, ctx.now().getTime(), ctx.installationId);
  return formatHlc(ctx.clock.last);
}

function observeClocks(ctx: ServerContext, entries: readonly ChangeEntry[]): void {
  for (const e of entries) {
    const remote = parseHlc(e.hlc);
    if (!remote) continue;
    try {
      ctx.clock.last = receiveHlc(ctx.clock.last, remote, ctx.now().getTime(), ctx.installationId);
    } catch {
      // A desk whose date is far ahead is not followed; its entries still merge by their clocks.
    }
  }
}

const versionOf = (e: ChangeEntry): RowVersion => ({ changeId: e.changeId, hlc: e.hlc, baseHlc: e.baseHlc, origin: e.origin, row: e.row });

/**
 * Apply one batch from a township's desk, all or nothing: append the entries the server does not
 * have (by change id), merge each into the replica by clock, keep and emit the loser of every
 * parallel edit as a conflict. Batches of one township run one after another.
 */
export async function pushEntries(ctx: ServerContext, townshipId: string, entries: readonly ChangeEntry[]): Promise<PushResponse> {
  checkOwnership(entries, townshipId);
  return withTransaction(ctx.pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(7420012, hashtext($1))', [townshipId]);
    const feed = new FeedRepository(c);
    const known = await feed.known(entries.map((e) => e.changeId));
    const seen = new Set<string>();
    const todo = entries.filter((e) => !known.has(e.changeId) && !seen.has(e.changeId) && seen.add(e.changeId));
    observeClocks(ctx, todo);
    const current = await feed.currentVersions(townshipId, todo.map((e) => ({ table: e.table, rowId: e.rowId })));
    // The entry whose version each changed row ends with (a batch may edit a row several times).
    const finalEntry = new Map<string, string>();
    const changed = new Map<string, { table: string; rowId: string; row: RowVersion['row'] }>();
    const conflicts: SyncConflictRow[] = [];
    for (const e of todo) {
      const key = replicaKey(e.table, e.rowId);
      const cur = current.get(key) ?? null;
      const incoming = versionOf(e);
      const d = mergeVersion(cur, incoming, APPEND_ONLY_TABLES.includes(e.table));
      const winner = d.winner === 'incoming' ? incoming : cur!;
      if (d.conflict) {
        const loser = d.winner === 'incoming' ? cur! : incoming;
        conflicts.push({
          id: randomUUID(), township_id: townshipId, table_name: e.table, row_id: e.rowId,
          losing_change_id: loser.changeId, losing_hlc: loser.hlc, losing_origin: loser.origin, losing_row: loser.row,
          winning_change_id: winner.changeId, winning_hlc: winner.hlc, winning_origin: winner.origin, winning_row: winner.row,
          base_hlc: e.baseHlc, created_at: ctx.now().toISOString(),
        });
      }
      if (d.winner === 'incoming') {
        current.set(key, incoming);
        finalEntry.set(key, e.changeId);
        changed.set(key, { table: e.table, rowId: e.rowId, row: e.row });
      }
    }
    const conflictEntries: ChangeEntry[] = conflicts.map((k) => ({
      changeId: randomUUID(), townshipId, table: SYNC_CONFLICT_TABLE, rowId: k.id, op: 'insert', row: { ...k },
      hlc: nextServerClock(ctx), baseHlc: null, origin: ctx.installationId, batchId: `sync-${todo[0]?.batchId ?? 'push'}`,
      source: 'sync', at: ctx.now().toISOString(),
    }));
    const all = [...todo, ...conflictEntries].map((e) => ({
      entry: e,
      apply: e.table === SYNC_CONFLICT_TABLE || finalEntry.get(replicaKey(e.table, e.rowId)) === e.changeId,
    }));
    const appended = await feed.appendAndApply(townshipId, all);
    if (appended !== all.length) {
      // A change id another township already used: refuse the batch rather than half-record it.
      throw new AppError('conflict', {
        zh: '批次中有变更编号已被其他乡镇使用；整批未写入',
        en: 'A change id in the batch is already used by another township; nothing in the batch was written',
      });
    }
    await new ConflictRepository(c).insert(conflicts);
    const features: FeatureWrite[] = [...changed.values()].flatMap((r) => (isGeometryLayer(r.table) ? [{ layer: r.table, rowId: r.rowId, row: r.row }] : []));
    await new FeatureRepository(c).write(townshipId, features);
    return { accepted: todo.length, duplicates: entries.length - todo.length, conflicts: conflicts.length };
  });
}
