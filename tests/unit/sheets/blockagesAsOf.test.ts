import { describe, expect, it } from 'vitest';
import type { BlockageDetail, BlockageEvent, BlockageRow } from '../../../shared/contract/blockages';
import { blockageAtDay } from '../../../electron/core/services/sheets/blockagesAsOf';

const id = '00000000-0000-4000-8000-000000000001';
const row = (over: Partial<BlockageRow> = {}): BlockageRow =>
  ({ id, name: '五干东5支沟淤堵', village: '永安村', status: 'cleared', reportedAt: '2026-08-07T23:30:00.000Z', teamName: '一队', ...over }) as BlockageRow;
const event = (at: string, from: BlockageEvent['fromStatus'], to: BlockageEvent['toStatus'], over: Partial<BlockageEvent> = {}): BlockageEvent =>
  ({ id, seq: 1, blockageId: id, at, receivedAt: at, kind: 'status', source: 'desk', actor: '', fromStatus: from, toStatus: to, teamName: null, fromTeamName: null, toTeamName: null, machines: null, note: '', hasPhoto: false, position: null, undoesEventId: null, undone: false, ...over }) as BlockageEvent;

// Township days run from 16:00Z the evening before (UTC+8).
const detail = (b: BlockageRow, events: BlockageEvent[]): BlockageDetail => ({ blockage: b, events, allowed: [] });

describe('a blockage as the end of a day saw it', () => {
  const timeline = [
    event('2026-08-07T23:30:00.000Z', null, 'reported', { kind: 'report' }),
    event('2026-08-08T02:00:00.000Z', 'reported', 'assigned', { kind: 'assign', toTeamName: '一队' }),
    event('2026-08-09T03:00:00.000Z', 'assigned', 'in_progress'),
    event('2026-08-10T09:00:00.000Z', 'in_progress', 'cleared'),
  ];

  it('takes the last status before the day ended, the team of that time, and counts a clearing on its day', () => {
    expect(blockageAtDay(detail(row(), timeline), '2026-08-07')).toBeNull();
    expect(blockageAtDay(detail(row(), timeline), '2026-08-08')).toMatchObject({ open: true, reportedThatDay: true, clearedThatDay: 0, row: { status: 'assigned', teamName: '一队', daysOpen: 0 } });
    expect(blockageAtDay(detail(row(), timeline), '2026-08-09')).toMatchObject({ open: true, row: { status: 'in_progress', daysOpen: 1 } });
    expect(blockageAtDay(detail(row(), timeline), '2026-08-10')).toMatchObject({ open: false, clearedThatDay: 1, row: { status: 'cleared' } });
  });

  it('falls back on the stored status when no event follows the day, and on the first event\'s from-status otherwise', () => {
    // No history at all: the status stored now (as the totals count it).
    expect(blockageAtDay(detail(row({ status: 'reported', teamName: null }), []), '2026-08-09')).toMatchObject({ open: true, row: { status: 'reported', teamName: null } });
    // Only later events: the first one's from-status.
    expect(blockageAtDay(detail(row(), [timeline[3]!]), '2026-08-09')).toMatchObject({ open: true, row: { status: 'in_progress' } });
    // A team withdrawn after the day: the team it had then.
    const withdrawn = [...timeline.slice(0, 2), event('2026-08-10T01:00:00.000Z', 'assigned', 'reported', { kind: 'assign', fromTeamName: '一队' })];
    expect(blockageAtDay(detail(row({ status: 'reported', teamName: null }), withdrawn), '2026-08-09')).toMatchObject({ row: { status: 'assigned', teamName: '一队' } });
  });
});
