import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, parseHlc, receiveHlc, tickHlc, MAX_DRIFT_MS } from '../../../../shared/sync/hlc';
import { changeEntrySchema } from '../../../../shared/contract/changeFeed';

describe('hybrid logical clock', () => {
  it('round-trips through its string form and orders by string comparison', () => {
    const a = { wallMs: 1_790_000_000_000, counter: 3, origin: 'desk-a' };
    expect(parseHlc(formatHlc(a))).toEqual(a);
    const later = formatHlc({ ...a, counter: 4 });
    const muchLater = formatHlc({ ...a, wallMs: a.wallMs + 1, counter: 0 });
    expect(compareHlc(formatHlc(a), later)).toBe(-1);
    expect(compareHlc(later, muchLater)).toBe(-1);
    expect(parseHlc('2026-12-01')).toBeNull();
  });

  it('never goes backwards when the wall clock does', () => {
    const first = tickHlc(null, 1000, 'x');
    const second = tickHlc(first, 500, 'x');
    expect(compareHlc(formatHlc(first), formatHlc(second))).toBe(-1);
    expect(second).toEqual({ wallMs: 1000, counter: 1, origin: 'x' });
    expect(tickHlc(second, 2000, 'x')).toEqual({ wallMs: 2000, counter: 0, origin: 'x' });
  });

  it('moves past a remote clock that is ahead, and refuses one more than a day ahead', () => {
    const local = tickHlc(null, 1000, 'a');
    const remote = { wallMs: 5000, counter: 7, origin: 'b' };
    const after = receiveHlc(local, remote, 1200, 'a');
    expect(after).toEqual({ wallMs: 5000, counter: 8, origin: 'a' });
    expect(compareHlc(formatHlc(remote), formatHlc(after))).toBe(-1);
    expect(() => receiveHlc(local, { wallMs: 1200 + MAX_DRIFT_MS + 1, counter: 0, origin: 'b' }, 1200, 'a')).toThrow(RangeError);
    expect(receiveHlc(local, { wallMs: 10, counter: 0, origin: 'b' }, 1200, 'a')).toEqual({ wallMs: 1200, counter: 0, origin: 'a' });
  });

  it('a feed entry with a bad clock or table name is refused', () => {
    const entry = {
      changeId: '6f1c1f8e-4b9a-4a53-9d0c-0d6a8c1f2a10', townshipId: 't', table: 'ditch', rowId: 'r', op: 'update',
      row: { id: 'r' }, hlc: formatHlc({ wallMs: 1, counter: 0, origin: 'o' }), baseHlc: null, origin: 'o', batchId: 'b', source: 'desk',
      at: '2026-12-01T00:00:00.000Z',
    };
    expect(changeEntrySchema.safeParse(entry).success).toBe(true);
    expect(changeEntrySchema.safeParse({ ...entry, hlc: 'yesterday' }).success).toBe(false);
    expect(changeEntrySchema.safeParse({ ...entry, table: 'ditch; DROP TABLE x' }).success).toBe(false);
  });
});
