import type { BlockageChange, BlockageList, BlockageListInput, BlockageRow } from '../../../../shared/contract/blockages';
import { BLOCKAGE_STATUSES, type BlockageStatus } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import { blockageRepo, toRow } from './views';

const STATUS_ORDER = Object.fromEntries(BLOCKAGE_STATUSES.map((s, i) => [s, i])) as Record<BlockageStatus, number>;
const zhCompare = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

function matches(row: BlockageRow, input: BlockageListInput): boolean {
  if (input.statuses && input.statuses.length > 0 && !input.statuses.includes(row.status)) return false;
  if (input.village && row.village !== input.village) return false;
  if (input.teamId === 'none' && row.teamId !== null) return false;
  if (input.teamId && input.teamId !== 'none' && row.teamId !== input.teamId) return false;
  if (input.minAgeHours !== undefined && (!row.open || row.ageHours < input.minAgeHours)) return false;
  if (input.query) {
    const q = input.query.toLowerCase();
    const hay = [row.name, row.village, row.teamName ?? '', row.note, row.ditchName ?? ''].join(' ').toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

function comparator(input: BlockageListInput): (a: BlockageRow, b: BlockageRow) => number {
  const dir = input.desc ? -1 : 1;
  switch (input.sort) {
    case 'age':
      return (a, b) => dir * (b.ageHours - a.ageHours);
    case 'status':
      return (a, b) => dir * (STATUS_ORDER[a.status] - STATUS_ORDER[b.status]) || b.ageHours - a.ageHours;
    case 'name':
      return (a, b) => dir * zhCompare(a.name, b.name);
    case 'village':
      return (a, b) => dir * zhCompare(a.village, b.village) || b.ageHours - a.ageHours;
    case 'team':
      return (a, b) => dir * zhCompare(a.teamName ?? '\uffff', b.teamName ?? '\uffff') || b.ageHours - a.ageHours;
    case 'updated':
      return (a, b) => dir * (Date.parse(b.lastEventAt) - Date.parse(a.lastEventAt));
    default:
      // The office's default: open ones first, unassigned before assigned, oldest first.
      return (a, b) =>
        Number(b.open) - Number(a.open) || Number(a.status !== 'reported') - Number(b.status !== 'reported') || b.ageHours - a.ageHours;
  }
}

/** The desk's table: every live blockage filtered and sorted, with counts over all of them. */
export function listBlockages(ctx: CoreContext, input: BlockageListInput): BlockageList {
  const repo = blockageRepo(ctx);
  const now = ctx.now();
  const all = repo.list().map((r) => toRow(r, now));
  const counts = Object.fromEntries(BLOCKAGE_STATUSES.map((s) => [s, 0])) as Record<BlockageStatus, number>;
  for (const r of all) counts[r.status]++;
  const rows = all.filter((r) => matches(r, input)).sort(comparator(input));
  const villages = [...new Set(all.map((r) => r.village).filter(Boolean))].sort(zhCompare);
  return {
    rows,
    counts,
    open: all.filter((r) => r.open).length,
    unassigned: counts.reported,
    overdue: all.filter((r) => r.overdue).length,
    villages,
    version: repo.version().stamp,
  };
}

/** Events after a cursor, for the desk's two-second poll. */
export function changesSince(ctx: CoreContext, cursor: number | undefined): { cursor: number; version: string; changes: BlockageChange[] } {
  const repo = blockageRepo(ctx);
  const version = repo.version();
  const rows = cursor === undefined ? [] : repo.changesSince(cursor, 200);
  return {
    cursor: rows.length > 0 ? rows[rows.length - 1]!.seq : cursor === undefined ? version.seq : Math.min(cursor, version.seq),
    version: version.stamp,
    changes: rows.map((e) => ({
      seq: e.seq,
      blockageId: e.blockage_id,
      blockageName: e.blockage_name || '未命名堵点',
      kind: e.kind,
      source: e.source,
      actor: e.actor,
      toStatus: e.to_status,
      accuracyM: e.lon !== null ? e.accuracy_m : null,
      at: e.at,
    })),
  };
}
