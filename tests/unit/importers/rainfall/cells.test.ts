import { describe, expect, it } from 'vitest';
import { parseDateCell } from '../../../../electron/core/importers/rainfall/parseDate';
import { parseMmCell } from '../../../../electron/core/importers/rainfall/parseMm';

const context = { defaultYear: 2026, date1904: false };
const date = (cell: string | number | Date | null) => {
  const parsed = parseDateCell(cell, context);
  return parsed.ok ? parsed.date : parsed.reason;
};

describe('cells as users type them', () => {
  it('reads the date forms found in Chinese spreadsheets', () => {
    expect(date('2026-07-03')).toBe('2026-07-03');
    expect(date('2026/7/3')).toBe('2026-07-03');
    expect(date('2026.7.3')).toBe('2026-07-03');
    expect(date('2026年7月3日')).toBe('2026-07-03');
    expect(date('2026年7月3日 星期五')).toBe('2026-07-03');
    expect(date('2026/7/3 8:00')).toBe('2026-07-03');
    expect(date('７月３日')).toBe('2026-07-03');
    expect(date('20260703')).toBe('2026-07-03');
    expect(date(20260703)).toBe('2026-07-03');
    expect(date(46206)).toBe('2026-07-03');
    expect(date('46206')).toBe('2026-07-03');
    expect(date(new Date(Date.UTC(2026, 6, 3, 8)))).toBe('2026-07-03');
  });

  it('refuses dates that do not exist or are not dates', () => {
    expect(date('2026-02-30')).toBe('unparseable');
    expect(date('07/03/2026')).toBe('unparseable');
    expect(date('昨天')).toBe('unparseable');
    expect(date(12.5)).toBe('unparseable');
    expect(date('  ')).toBe('missing');
    expect(date(null)).toBe('missing');
  });

  it('reads the 1904 date system of old Mac workbooks', () => {
    expect(parseDateCell(44744, { defaultYear: 2026, date1904: true })).toEqual({ ok: true, date: '2026-07-03' });
  });

  it('reads rainfall values, no-reading marks and text', () => {
    expect(parseMmCell('12.5')).toEqual({ kind: 'value', mm: 12.5 });
    expect(parseMmCell('１２．５')).toEqual({ kind: 'value', mm: 12.5 });
    expect(parseMmCell('3.5 mm')).toEqual({ kind: 'value', mm: 3.5 });
    expect(parseMmCell('微量')).toEqual({ kind: 'value', mm: 0 });
    expect(parseMmCell('-3')).toEqual({ kind: 'value', mm: -3 });
    expect(parseMmCell('—')).toEqual({ kind: 'empty' });
    expect(parseMmCell('')).toEqual({ kind: 'empty' });
    expect(parseMmCell('大雨')).toEqual({ kind: 'invalid', text: '大雨' });
    expect(parseMmCell('1e3')).toEqual({ kind: 'invalid', text: '1e3' });
  });
});
