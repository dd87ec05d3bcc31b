import { describe, expect, it } from 'vitest';
import {
  M2_PER_MU,
  hectaresToMu,
  m2ToMu,
  muToHectares,
  muToM2,
  runoffVolumeM3,
  scsRetentionMm,
  scsRunoffDepthMm,
  scsRunoffVolumeM3,
} from '../../../../shared/calc/runoff';

describe('runoff coefficient method', () => {
  it('V = C·P/1000·A: C = 0.6, 50 mm on 1,000 mu', () => {
    // 1,000 mu = 666,666.67 m²; V = 0.6 · 0.05 · 666,666.67 = 20,000 m³
    expect(runoffVolumeM3(0.6, 50, muToM2(1000))).toBeCloseTo(20_000, 9);
  });

  it('no rain, no runoff; bad inputs throw instead of giving 0', () => {
    expect(runoffVolumeM3(0.6, 0, 10_000)).toBe(0);
    expect(() => runoffVolumeM3(1.2, 10, 10_000)).toThrow(RangeError);
    expect(() => runoffVolumeM3(0.5, -1, 10_000)).toThrow(RangeError);
    expect(() => runoffVolumeM3(0.5, 10, Number.NaN)).toThrow(RangeError);
  });
});

describe('SCS curve number', () => {
  it('CN = 80, P = 100 mm by hand', () => {
    // S = 25400/80 − 254 = 63.5 mm; Ia = 12.7 mm; Q = 87.3² / (100 + 50.8) = 7621.29 / 150.8 = 50.539058 mm
    expect(scsRetentionMm(80)).toBe(63.5);
    expect(scsRunoffDepthMm(100, 80)).toBeCloseTo(50.539058, 6);
    // on one hectare: 50.539058 mm · 10,000 m² / 1000 = 505.39058 m³
    expect(scsRunoffVolumeM3(100, 80, 10_000)).toBeCloseTo(505.39058, 5);
  });

  it('is 0 until the rain exceeds the initial abstraction 0.2S', () => {
    expect(scsRunoffDepthMm(12.7, 80)).toBe(0);
    expect(scsRunoffDepthMm(5, 80)).toBe(0);
    expect(scsRunoffDepthMm(12.8, 80)).toBeGreaterThan(0);
  });

  it('CN = 100 runs everything off', () => {
    expect(scsRunoffDepthMm(42, 100)).toBe(42);
  });

  it('refuses CN outside (0, 100]', () => {
    expect(() => scsRetentionMm(0)).toThrow(RangeError);
    expect(() => scsRetentionMm(101)).toThrow(RangeError);
  });
});

describe('mu and hectares', () => {
  it('uses 1 mu = 10000/15 m² exactly', () => {
    expect(M2_PER_MU).toBe(10_000 / 15);
    expect(muToM2(15)).toBe(10_000);
    expect(m2ToMu(10_000)).toBe(15);
    expect(muToM2(1).toFixed(2)).toBe('666.67');
    expect(muToHectares(150)).toBe(10);
    expect(hectaresToMu(2)).toBe(30);
  });
});
