import { describe, expect, it } from 'vitest';
import { cumulativeRain, cumulativeSum, seasonChangePercent } from '../../../../shared/calc/rain';

describe('seasonChangePercent', () => {
  it('390.2 mm against 214.3 mm is +82.1%', () => {
    // (390.2 − 214.3) / 214.3 × 100 = 175.9 / 214.3 × 100 = 82.0812 %
    const p = seasonChangePercent(390.2, 214.3);
    expect(p).toBeCloseTo(82.08119, 5);
    expect(p?.toFixed(1)).toBe('82.1');
  });

  it('is negative for a drier season and null (not Infinity) after a dry last year', () => {
    expect(seasonChangePercent(100, 200)).toBe(-50);
    expect(seasonChangePercent(12, 0)).toBeNull();
    expect(seasonChangePercent(0, 0)).toBeNull();
  });
});

describe('cumulative series', () => {
  it('running totals', () => {
    expect(cumulativeSum([1, 2, 3.5])).toEqual([1, 3, 6.5]);
    expect(cumulativeSum([])).toEqual([]);
  });

  it('daily rain in date order with running totals; a repeated date throws', () => {
    expect(
      cumulativeRain([
        { date: '2025-07-02', mm: 10 },
        { date: '2025-07-01', mm: 5 },
        { date: '2025-07-03', mm: 0 },
      ]),
    ).toEqual([
      { date: '2025-07-01', mm: 5, cumulativeMm: 5 },
      { date: '2025-07-02', mm: 10, cumulativeMm: 15 },
      { date: '2025-07-03', mm: 0, cumulativeMm: 15 },
    ]);
    expect(() => cumulativeRain([{ date: '2025-07-01', mm: 1 }, { date: '2025-07-01', mm: 2 }])).toThrow(RangeError);
    expect(() => cumulativeRain([{ date: '2025-07-01', mm: -1 }])).toThrow(RangeError);
  });
});
