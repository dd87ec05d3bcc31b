import type { BlockageDetail, BlockageRow } from '../../../../shared/contract/blockages';
import type { SheetBlockageRow } from '../../../../shared/contract/sheets';
import { addDays, dayStartUtc, townshipDay } from '../../../../shared/domain/dates';
import { OPEN_BLOCKAGE_STATUSES, type BlockageStatus } from '../../../../shared/domain/network';

/** One blockage as the end of a township day saw it. */
export interface BlockageAtDay {
  row: SheetBlockageRow;
  open: boolean;
  reportedThatDay: boolean;
  /** Events to 已疏通 during the day. */
  clearedThatDay: number;
}

const OPEN = new Set<BlockageStatus>(OPEN_BLOCKAGE_STATUSES);

/**
 * A blockage's status and team at the end of `date`, read from its timeline (blockages.get). The
 * rule is the one the totals use for their open count: the last status event before the day's end;
 * with none after it, the status stored now. Null when it was reported after that day.
 */
export function blockageAtDay(detail: Pick<BlockageDetail, 'blockage' | 'events'>, date: string): BlockageAtDay | null {
  const b: BlockageRow = detail.blockage;
  const end = Date.parse(dayStartUtc(addDays(date, 1)));
  const reported = Date.parse(b.reportedAt);
  if (!Number.isNaN(reported) && reported >= end) return null;
  const statusEvents = detail.events
    .filter((e) => e.toStatus !== null && !Number.isNaN(Date.parse(e.at)))
    .map((e) => ({ e, t: Date.parse(e.at) }))
    .sort((a, b) => a.t - b.t);
  const firstAfter = statusEvents.findIndex((x) => x.t >= end);
  let status: BlockageStatus;
  if (firstAfter < 0) status = b.status;
  else if (firstAfter > 0) status = statusEvents[firstAfter - 1]!.e.toStatus ?? b.status;
  else status = statusEvents[0]!.e.fromStatus ?? 'reported';

  // The team as of the day: the last dispatch change before its end, else the team now.
  const teamEvents = detail.events.filter((e) => (e.kind === 'assign' || e.toTeamName !== null || e.fromTeamName !== null) && Date.parse(e.at) < end);
  const lastTeamEvent = teamEvents.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).pop();
  const hasLaterTeamEvent = detail.events.some((e) => (e.toTeamName !== null || e.fromTeamName !== null) && Date.parse(e.at) >= end);
  const teamName = hasLaterTeamEvent ? (lastTeamEvent ? lastTeamEvent.toTeamName : null) : b.teamName;

  const dayOf = (iso: string) => townshipDay(new Date(iso));
  const clearedThatDay = detail.events.filter((e) => e.toStatus === 'cleared' && dayOf(e.at) === date).length;
  const daysOpen = Number.isNaN(reported) ? 0 : Math.max(0, Math.floor((end - reported) / 86_400_000));
  return {
    row: { id: b.id, name: b.name || '未命名堵点', village: b.village, status, teamName, reportedAt: b.reportedAt, daysOpen },
    open: OPEN.has(status),
    reportedThatDay: !Number.isNaN(reported) && dayOf(b.reportedAt) === date,
    clearedThatDay,
  };
}
