import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import { parseHlc } from '../../../../shared/sync/hlc';
import type { SyncConflictRow } from '../../../../shared/contract/sync';
import type { SyncConflict } from '../../../../shared/contract/syncDesk';
import type { CoreContext } from '../../context';
import { SyncConflictRepository, type StoredConflict } from '../../db/repositories/syncConflictRepository';
import { syncFeed } from './feed';

/** Columns that differ on every edit and say nothing about what was changed. */
const NOISE = new Set(['updated_at']);

/** Columns whose values differ between two versions of a row (a deleted row differs everywhere). */
export function differingColumns(a: Record<string, unknown> | null, b: Record<string, unknown> | null): string[] {
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
  return keys.filter((k) => !NOISE.has(k) && JSON.stringify(a?.[k] ?? null) !== JSON.stringify(b?.[k] ?? null)).sort();
}

function wallTime(hlc: string): string | null {
  const h = parseHlc(hlc);
  return h ? new Date(h.wallMs).toISOString() : null;
}

function beijing(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
}

function who(origin: string, me: string, lang: 'zh' | 'en'): string {
  if (origin === me) return lang === 'zh' ? '本机' : 'this desk';
  return lang === 'zh' ? `另一台电脑（${origin.slice(-6)}）` : `another desk (${origin.slice(-6)})`;
}

function label(row: Record<string, unknown> | null, fallback: string): string {
  for (const key of ['name', 'code', 'title']) if (typeof row?.[key] === 'string' && row[key]) return row[key] as string;
  return fallback;
}

/** A stored conflict as the 冲突 list shows it: both versions, what differs, and why one won. */
export function conflictView(stored: StoredConflict, me: string): SyncConflict {
  const c = JSON.parse(stored.conflictJson) as SyncConflictRow;
  const winAt = wallTime(c.winning_hlc);
  const loseAt = wallTime(c.losing_hlc);
  return {
    id: stored.id,
    table: c.table_name,
    rowId: c.row_id,
    label: label(c.winning_row ?? c.losing_row, c.row_id),
    winner: { hlc: c.winning_hlc, origin: c.winning_origin, at: winAt, row: c.winning_row },
    loser: { hlc: c.losing_hlc, origin: c.losing_origin, at: loseAt, row: c.losing_row },
    differences: differingColumns(c.winning_row, c.losing_row),
    reason: `两处在同一版本上各自修改了这一条；${who(c.winning_origin, me, 'zh')}的修改较晚（${beijing(winAt)}），按“后改为准”保留，${who(c.losing_origin, me, 'zh')}的修改（${beijing(loseAt)}）保存在这里供核对。`,
    reasonEn: `Both sides edited this row from the same version; ${who(c.winning_origin, me, 'en')} edited later (${beijing(winAt)}, Beijing time) and is kept by "later edit wins"; ${who(c.losing_origin, me, 'en')}'s edit (${beijing(loseAt)}) is kept here for review.`,
    detectedAt: stored.detectedAt,
    reviewedAt: stored.reviews[0]?.reviewedAt ?? null,
    resolution: stored.reviews[0]?.resolution ?? null,
    reviews: stored.reviews.map((r) => ({ at: r.reviewedAt, resolution: r.resolution, by: r.reviewedBy, byThisDesk: r.reviewedBy === me })),
  };
}

/** The 冲突 list, newest first. */
export function listConflicts(ctx: CoreContext, includeReviewed: boolean): SyncConflict[] {
  const me = syncFeed(ctx).installationId();
  return new SyncConflictRepository(ctx.db, ctx.townshipId).list(includeReviewed).map((c) => conflictView(c, me));
}

/**
 * The reviewer's decision: keep the winner, or make the losing version again as a new local edit
 * (it syncs like any edit and, being newer, wins everywhere). Never done silently: the decision is
 * a row of sync_conflict_review written through the feed, so the township's other desks see the
 * conflict reviewed (and by whom) after their next sync, and a reapplied version is in the feed
 * and the history like any other edit. A conflict some desk already reviewed is refused here.
 */
export function resolveConflict(ctx: CoreContext, id: string, reapplyLoser: boolean): SyncConflict {
  const repo = new SyncConflictRepository(ctx.db, ctx.townshipId);
  const feed = syncFeed(ctx);
  const me = feed.installationId();
  const stored = repo.get(id);
  if (!stored) throw new AppError('not_found', { zh: `没有这条冲突记录：${id}`, en: `No such conflict: ${id}` });
  const first = stored.reviews[0];
  if (first) {
    const by = (lang: 'zh' | 'en') => who(first.reviewedBy, me, lang);
    throw new AppError('conflict', {
      zh: `这条冲突已由${by('zh')}在 ${beijing(first.reviewedAt)} 处理过了`,
      en: `This conflict was already reviewed by ${by('en')} at ${beijing(first.reviewedAt)} (Beijing time)`,
    });
  }
  const c = JSON.parse(stored.conflictJson) as SyncConflictRow;
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    if (reapplyLoser) feed.writeLocal(c.table_name, c.row_id, c.losing_row);
    const reviewId = randomUUID();
    feed.writeLocal('sync_conflict_review', reviewId, {
      id: reviewId,
      township_id: ctx.townshipId,
      conflict_id: id,
      resolution: reapplyLoser ? 'reapplied_loser' : 'kept_winner',
      reviewed_at: at,
      reviewed_by: me,
      created_at: at,
      updated_at: at,
    });
  })();
  return conflictView(repo.get(id)!, me);
}
