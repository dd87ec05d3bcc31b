import { describe, expect, it } from 'vitest';
import { pumpHours, pumpingCapacityM3h, waterPumpedM3 } from '../../../../shared/calc/pumping';

const rated = { small: 50, large: 100 };

describe('pumpingCapacityM3h', () => {
  it('sums count × rated flow for the season’s 196 pumps', () => {
    // 150 × 50 + 46 × 100 = 7,500 + 4,600 = 12,100 m³/h
    const r = pumpingCapacityM3h(
      [
        { type: 'small', count: 100 },
        { type: 'large', count: 46 },
        { type: 'small', count: 50 },
      ],
      rated,
    );
    expect(r).toEqual({
      ok: true,
      totalM3h: 12_100,
      pumpCount: 196,
      byType: [
        { type: 'small', count: 150, ratedM3h: 50, capacityM3h: 7_500 },
        { type: 'large', count: 46, ratedM3h: 100, capacityM3h: 4_600 },
      ],
    });
  });

  it('fails on an unknown type instead of counting it as 0', () => {
    const r = pumpingCapacityM3h([{ type: 'huge', count: 2 }, { type: 'toString', count: 1 }], rated);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => `${p.type}:${p.code}`)).toEqual(['huge:unknown_pump_type', 'toString:unknown_pump_type']);
  });

  it('fails on a bad count or rated flow', () => {
    const r = pumpingCapacityM3h([{ type: 'small', count: -1 }, { type: 'bad', count: 1 }], { ...rated, bad: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.code)).toEqual(['invalid_count', 'invalid_rated_flow']);
  });

  it('is 0 m³/h with no pumps out', () => {
    expect(pumpingCapacityM3h([], rated)).toEqual({ ok: true, totalM3h: 0, pumpCount: 0, byType: [] });
  });
});

describe('water pumped', () => {
  it('= pump-hours × rated flow', () => {
    // 12 pumps × 10 h = 120 pump-hours × 50 m³/h = 6,000 m³
    expect(pumpHours(12, 10)).toBe(120);
    expect(waterPumpedM3(120, 50)).toBe(6_000);
    expect(() => waterPumpedM3(-1, 50)).toThrow(RangeError);
  });
});
