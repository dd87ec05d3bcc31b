import type { BlockageStatus } from '../../shared/domain/network';
import { BLOCKAGE_STATUS_LABELS } from '../../shared/domain/network';
import { BLOCKAGE_EVENT_KIND_LABELS, type BlockageEventKind } from '../../shared/domain/blockageLifecycle';

export const statusText = (s: BlockageStatus) => BLOCKAGE_STATUS_LABELS[s].zh;
export const kindText = (k: BlockageEventKind) => BLOCKAGE_EVENT_KIND_LABELS[k].zh;

/** Township time (UTC+8), "08-10 14:05". */
export function timeText(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${t.slice(5, 10)} ${t.slice(11, 16)}`;
}
