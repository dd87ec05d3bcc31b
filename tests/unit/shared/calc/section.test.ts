import { describe, expect, it } from 'vitest';
import {
  culvertCapacity,
  ditchCapacity,
  ditchConveyanceM3s,
  ditchGeometry,
  ditchStorageM3,
  pipeGeometry,
  siltedDitchGeometry,
} from '../../../../shared/calc/section';
import { culvert, ditch } from './helpers';

// b = 1.0 m, h = 1.5 m, z = 1.5, n = 0.025, S = 1/3000: the reference ditch.
const reference = ditch({ bottomWidthM: 1, depthM: 1.5, sideSlope: 1.5, manningN: 0.025, slope: 1 / 3000 });

describe('trapezoidal ditch at full depth (EPA SWMM full-flow formulas)', () => {
  it('computes A, P, R and top width by hand', () => {
    const g = ditchGeometry(reference);
    // A = (1 + 1.5·1.5)·1.5 = 4.875 m²
    expect(g.areaM2).toBe(4.875);
    // P = 1 + 2·1.5·√(1 + 1.5²) = 1 + 3·√3.25 = 6.408327 m
    expect(g.wettedPerimeterM).toBeCloseTo(6.408327, 6);
    // R = 4.875 / 6.408327 = 0.760729 m
    expect(g.hydraulicRadiusM).toBeCloseTo(0.760729, 6);
    // T = 1 + 2·1.5·1.5 = 5.5 m
    expect(g.topWidthM).toBe(5.5);
  });

  it('gives Manning Q ≈ 2.97 m³/s', () => {
    // Q = (1/0.025)·4.875·0.760729^(2/3)·√(1/3000) = 40·4.875·0.833338·0.0182574 = 2.96684
    const q = ditchConveyanceM3s(reference);
    expect(q).toBeCloseTo(2.96684, 5);
    expect(q.toFixed(2)).toBe('2.97');
  });

  it('stores A·L: 210,000 m at A = 5 m² hold 1,050,000 m³', () => {
    // b = 2, h = 1.25, z = 1.6: A = (2 + 1.6·1.25)·1.25 = 4·1.25 = 5 m²
    const fiveSquareMetres = ditch({ bottomWidthM: 2, depthM: 1.25, sideSlope: 1.6, manningN: 0.025, slope: 0.0005 });
    expect(ditchGeometry(fiveSquareMetres).areaM2).toBe(5);
    expect(ditchStorageM3(fiveSquareMetres, 210_000)).toBe(1_050_000);
  });

  it('handles a rectangle (z = 0) and a V-ditch (b = 0)', () => {
    const rect = ditchGeometry(ditch({ bottomWidthM: 2, depthM: 1, sideSlope: 0, manningN: 0.025, slope: 0.001 }));
    expect(rect).toEqual({ areaM2: 2, wettedPerimeterM: 4, hydraulicRadiusM: 0.5, topWidthM: 2, depthM: 1 });
    const v = ditchGeometry(ditch({ bottomWidthM: 0, depthM: 1, sideSlope: 1, manningN: 0.025, slope: 0.001 }));
    expect(v.areaM2).toBe(1);
    expect(v.wettedPerimeterM).toBeCloseTo(2 * Math.SQRT2, 12);
  });

  it('rejects a negative length', () => {
    expect(() => ditchStorageM3(reference, -1)).toThrow(RangeError);
  });
});

describe('silted ditch: bed raised until the area is factor × full area', () => {
  it('rectangle b = 2, h = 1 at 0.7 keeps depth 0.7 m', () => {
    const g = siltedDitchGeometry(ditch({ bottomWidthM: 2, depthM: 1, sideSlope: 0, manningN: 0.025, slope: 0.001 }), 0.7);
    expect(g.areaM2).toBeCloseTo(1.4, 12);
    expect(g.depthM).toBeCloseTo(0.7, 12);
    expect(g.wettedPerimeterM).toBeCloseTo(3.4, 12);
  });

  it('V-ditch z = 1, h = 1 at 0.5: silt depth √0.5, wetted sides plus the silt bed', () => {
    const g = siltedDitchGeometry(ditch({ bottomWidthM: 0, depthM: 1, sideSlope: 1, manningN: 0.025, slope: 0.001 }), 0.5);
    // removed = s² = 0.5 → s = 0.707107; bed 2s = 1.414214, depth 0.292893, P = 1.414214 + 2·0.292893·√2 = 2.242641
    expect(g.areaM2).toBeCloseTo(0.5, 12);
    expect(g.depthM).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(g.wettedPerimeterM).toBeCloseTo(2.242641, 6);
    expect(g.topWidthM).toBeCloseTo(2, 12);
  });

  it('reference ditch silted to 0.7 carries 1.7147 m³/s and stores 0.7 of full', () => {
    const cap = ditchCapacity(reference, 1000, 'silted');
    // z·s² + b·s − 0.3·4.875 = 0 → s = 0.708833 m; b' = 3.126500, h' = 0.791167
    expect(cap.geometry.areaM2).toBeCloseTo(3.4125, 12);
    expect(cap.geometry.depthM).toBeCloseTo(0.791167, 6);
    expect(cap.storageM3).toBeCloseTo(3412.5, 9);
    expect(cap.conveyanceM3s).toBeCloseTo(1.714735, 6);
    expect(cap.fullConveyanceM3s).toBeCloseTo(2.96684, 5);
    expect(cap.restoredConveyanceM3s).toBeCloseTo(2.96684 - 1.714735, 5);
    expect(cap.restoredStorageM3).toBeCloseTo(1462.5, 9);
  });

  it('blocked: no conveyance, full storage; clearing restores the full flow', () => {
    const cap = ditchCapacity(reference, 100, 'blocked');
    expect(cap.conveyanceM3s).toBe(0);
    expect(cap.storageM3).toBe(487.5);
    expect(cap.restoredConveyanceM3s).toBeCloseTo(2.96684, 5);
  });

  it('clear: full section', () => {
    const cap = ditchCapacity(reference, 100, 'clear');
    expect(cap.storageM3).toBe(487.5);
    expect(cap.restoredConveyanceM3s).toBe(0);
  });

  it('refuses a factor outside (0, 1]', () => {
    expect(() => siltedDitchGeometry(reference, 0)).toThrow(RangeError);
    expect(() => siltedDitchGeometry(reference, 1.2)).toThrow(RangeError);
    expect(siltedDitchGeometry(reference, 1).areaM2).toBe(4.875);
  });
});

describe('circular culvert flowing full', () => {
  it('D = 1.0 m concrete n = 0.013, S = 0.001, computed by hand', () => {
    const g = pipeGeometry(1);
    // A = π/4 = 0.785398 m², P = π, R = 0.25 m
    expect(g.areaM2).toBeCloseTo(0.785398, 6);
    expect(g.wettedPerimeterM).toBeCloseTo(Math.PI, 12);
    expect(g.hydraulicRadiusM).toBe(0.25);
    // Q = (1/0.013)·0.785398·0.25^(2/3)·√0.001 = 76.9231·0.785398·0.396850·0.0316228 = 0.758182 m³/s
    const one = culvertCapacity(culvert({ diameterM: 1, barrels: 1, manningN: 0.013, slope: 0.001 }));
    expect(one.perBarrelM3s).toBeCloseTo(0.758182, 6);
    expect(one.totalM3s).toBe(one.perBarrelM3s);
  });

  it('multiplies by the number of barrels', () => {
    const three = culvertCapacity(culvert({ diameterM: 1, barrels: 3, manningN: 0.013, slope: 0.001 }));
    expect(three.totalM3s).toBeCloseTo(2.274545, 6);
  });
});
