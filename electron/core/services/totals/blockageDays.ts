import { addDays, dayStartUtc, townshipDay } from '../../../../shared/domain/dates';
import { OPEN_BLOCKAGE_STATUSES, type BlockageStatus } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import { NetworkLookup, type BlockageStatusEvent } from '../../db/repositories/networkLookup';

export interface BlockageDay {
  /** Reported, assigned or in progress at the end of the day. */
  open: number;
  /** Events to 'cleared' during the day. */
  cleared: number;
}

/** A stored time as epoch ms; a bare YYYY-MM-DD is the start of that township day. */
function instant(text: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? dayStartUtc(text) : text);
}

/**
 * Open and newly cleared blockage points per township day. A point's status at the end of a past
 * day comes from its events; with no event after that day, its status is the one stored now, so the
 * latest day always agrees with the blockage list.
 */
export function blockageDays(ctx: CoreContext, days: readonly string[]): Map<string, BlockageDay> {
  const lookup = new NetworkLookup(ctx.db, ctx.townshipId);
  const blockages = lookup.blockages();
  const events = new Map<string, (BlockageStatusEvent & { t: number })[]>();
  const clearedByDay = new Map<string, number>();
  for (const e of lookup.statusEvents()) {
    const t = instant(e.at);
    if (Number.isNaN(t)) continue;
    const list = events.get(e.blockage_id) ?? [];
    list.push({ ...e, t });
    events.set(e.blockage_id, list);
    if (e.to_status === 'cleared') {
      const day = townshipDay(new Date(t));
      clearedByDay.set(day, (clearedByDay.get(day) ?? 0) + 1);
    }
  }
  for (const list of events.values()) list.sort((a, b) => a.t - b.t);
  const open = new Set<string>(OPEN_BLOCKAGE_STATUSES);
  const out = new Map<string, BlockageDay>();
  for (const day of days) {
    const end = Date.parse(dayStartUtc(addDays(day, 1)));
    let count = 0;
    for (const b of blockages) {
      const reported = instant(b.reported_at);
      if (!Number.isNaN(reported) && reported >= end) continue;
      const list = events.get(b.id) ?? [];
      const firstAfter = list.findIndex((e) => e.t >= end);
      let status: string;
      if (firstAfter < 0) status = b.status;
      else if (firstAfter > 0) status = list[firstAfter - 1]!.to_status ?? b.status;
      else status = list[0]!.from_status ?? 'reported';
      if (open.has(status as BlockageStatus)) count++;
    }
    out.set(day, { open: count, cleared: clearedByDay.get(day) ?? 0 });
  }
  return out;
}
