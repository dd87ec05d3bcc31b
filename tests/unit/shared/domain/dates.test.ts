import { describe, expect, it } from 'vitest';
import { townshipClock, townshipDay } from '../../../../shared/domain/dates';

describe('township wall-clock time (Asia/Shanghai, UTC+8)', () => {
  it('shows a UTC instant as the office reads it, across midnight', () => {
    expect(townshipClock('2026-08-10T06:05:00Z')).toBe('2026-08-10 14:05');
    expect(townshipClock('2026-08-10T17:30:00.000Z')).toBe('2026-08-11 01:30');
    expect(townshipClock(new Date('2026-12-31T16:00:00Z'), false)).toBe('01-01 00:00');
  });
  it('agrees with the township day', () => {
    const at = new Date('2026-08-10T16:59:00Z');
    expect(townshipClock(at).slice(0, 10)).toBe(townshipDay(at));
  });
});
