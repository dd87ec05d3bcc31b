import { describe, expect, it } from 'vitest';
import { DRAIN_TARGET_HOURS, drainDownHours, gradeDrainDown } from '../../../../shared/calc/drainDown';

describe('drainDownHours', () => {
  it('divides the excess by outflow and pumping together', () => {
    // excess = 1,200,000 − 1,050,000 = 150,000 m³; rate = 2·3600 + 12,100 = 19,300 m³/h → 7.772021 h
    const r = drainDownHours({ runoffM3: 1_200_000, freeStorageM3: 1_050_000, outflowM3s: 2, pumpingM3h: 12_100 });
    expect(r.status).toBe('ok');
    expect(r.excessM3).toBe(150_000);
    expect(r.removalM3h).toBe(19_300);
    expect(r.hours).toBeCloseTo(7.772021, 6);
  });

  it('is none (0 h) when the ditches hold it all', () => {
    expect(drainDownHours({ runoffM3: 500, freeStorageM3: 800, outflowM3s: 0, pumpingM3h: 0 })).toEqual({
      status: 'none',
      hours: 0,
      excessM3: 0,
      removalM3h: 0,
    });
  });

  it('is no_outflow with Infinity hours when excess water has nowhere to go', () => {
    const r = drainDownHours({ runoffM3: 1000, freeStorageM3: 200, outflowM3s: 0, pumpingM3h: 0 });
    expect(r.status).toBe('no_outflow');
    expect(r.hours).toBe(Infinity);
    expect(r.excessM3).toBe(800);
  });

  it('throws on negative inputs', () => {
    expect(() => drainDownHours({ runoffM3: -1, freeStorageM3: 0, outflowM3s: 1, pumpingM3h: 0 })).toThrow(RangeError);
  });
});

describe('gradeDrainDown', () => {
  it('uses 24–72 h for dry crops and 72–120 h for rice', () => {
    expect(DRAIN_TARGET_HOURS.dry).toEqual({ minHours: 24, maxHours: 72 });
    expect(DRAIN_TARGET_HOURS.rice).toEqual({ minHours: 72, maxHours: 120 });
  });

  it('grades against the crop target', () => {
    expect(gradeDrainDown(24, 'dry')).toBe('meets_strict');
    expect(gradeDrainDown(48, 'dry')).toBe('meets');
    expect(gradeDrainDown(72, 'dry')).toBe('meets');
    expect(gradeDrainDown(72.1, 'dry')).toBe('exceeds');
    expect(gradeDrainDown(72.1, 'rice')).toBe('meets');
    expect(gradeDrainDown(121, 'rice')).toBe('exceeds');
    expect(gradeDrainDown(Infinity, 'rice')).toBe('never');
    expect(() => gradeDrainDown(Number.NaN, 'dry')).toThrow(RangeError);
  });
});
