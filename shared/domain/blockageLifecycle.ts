/**
 * The blockage lifecycle (issue 5), defined once: the core enforces it, the desk and the phone
 * page use it to offer only the moves that will be accepted.
 *
 *   上报 reported → 已派工 assigned → 处理中 in_progress → 已疏通 cleared → 已验收 verified
 *   and 误报 rejected.
 *
 * Decisions written down here (DESIGN.md asks for it):
 * - 已到场 "arrived" is NOT a status. A field team tapping 已到场 writes an event of kind
 *   `arrived` (time, GPS position, note, photo) and leaves the status as it is; 处理中 is its own
 *   tap. Arriving and starting work are often hours apart (waiting for the excavator), and the
 *   office wants to see both.
 * - A team may go straight from 已派工 to 已疏通: a small blockage is often opened in minutes.
 * - 已疏通 → 处理中 is the desk's "验收不合格，返工" (failed inspection); 误报 → 上报 reopens a
 *   report wrongly dismissed; 已派工 → 上报 withdraws a dispatch (the team is cleared with it).
 * - 已验收 is final.
 * - Undo is not a transition: the desk's undo writes a compensating event that puts back the
 *   status and team its last change replaced, and only while nothing else has changed since.
 */
import type { BlockageStatus } from './network';

/** Every move the lifecycle allows, from each status. */
export const BLOCKAGE_TRANSITIONS: Readonly<Record<BlockageStatus, readonly BlockageStatus[]>> = {
  reported: ['assigned', 'rejected'],
  assigned: ['in_progress', 'cleared', 'reported', 'rejected'],
  in_progress: ['cleared', 'assigned'],
  cleared: ['verified', 'in_progress'],
  verified: [],
  rejected: ['reported'],
};

/** The moves a field team may make from a phone, on a blockage assigned to it. */
export const FIELD_TRANSITIONS: Readonly<Record<BlockageStatus, readonly BlockageStatus[]>> = {
  reported: [],
  assigned: ['in_progress', 'cleared'],
  in_progress: ['cleared'],
  cleared: [],
  verified: [],
  rejected: [],
};

/** Whether the lifecycle allows `from → to` (for the desk, or for a field team). */
export function canTransition(from: BlockageStatus, to: BlockageStatus, who: 'desk' | 'field' = 'desk'): boolean {
  const table = who === 'field' ? FIELD_TRANSITIONS : BLOCKAGE_TRANSITIONS;
  return table[from].includes(to);
}

/** What a lifecycle event is. `report` is a blockage's first event (from_status empty). */
export const BLOCKAGE_EVENT_KINDS = ['report', 'status', 'assign', 'arrived', 'note', 'undo'] as const;
export type BlockageEventKind = (typeof BLOCKAGE_EVENT_KINDS)[number];
export const BLOCKAGE_EVENT_KIND_LABELS: Record<BlockageEventKind, { zh: string; en: string }> = {
  report: { zh: '上报', en: 'Reported' },
  status: { zh: '状态变更', en: 'Status change' },
  assign: { zh: '派工', en: 'Dispatch' },
  arrived: { zh: '已到场', en: 'Arrived' },
  note: { zh: '备注', en: 'Note' },
  undo: { zh: '撤销', en: 'Undo' },
};

/** What a field team can do from its phone: three buttons and a note. */
export const FIELD_ACTIONS = ['arrived', 'in_progress', 'cleared', 'note'] as const;
export type FieldAction = (typeof FIELD_ACTIONS)[number];
export const FIELD_ACTION_LABELS: Record<FieldAction, { zh: string; en: string }> = {
  arrived: { zh: '已到场', en: 'Arrived' },
  in_progress: { zh: '处理中', en: 'Working' },
  cleared: { zh: '已疏通', en: 'Cleared' },
  note: { zh: '备注', en: 'Note' },
};

/** The status a field action moves to, or null when it changes no status (已到场, 备注). */
export function fieldActionStatus(action: FieldAction): BlockageStatus | null {
  return action === 'in_progress' || action === 'cleared' ? action : null;
}

/** Whether a field team may take `action` on a blockage in `status` (assigned to it). */
export function fieldActionAllowed(action: FieldAction, status: BlockageStatus): boolean {
  const to = fieldActionStatus(action);
  if (action === 'arrived') return status === 'assigned' || status === 'in_progress';
  if (to === null) return status !== 'verified' && status !== 'rejected';
  return canTransition(status, to, 'field');
}

/** A blockage is "open" (water still held back) in these statuses. */
export function isOpenStatus(status: BlockageStatus): boolean {
  return status === 'reported' || status === 'assigned' || status === 'in_progress';
}

/** Open blockages older than this many hours are overdue (shown in red on the desk). */
export const OVERDUE_HOURS = 48;
