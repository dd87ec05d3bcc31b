import { describe, expect, it } from 'vitest';
import { lineLengthM, pairDistanceM } from '../../../../shared/calc/lineLength';

// Reference distances from GeographicLib 2.2 Geodesic.WGS84.Inverse (the geodesic on WGS84).
describe('WGS84 line length', () => {
  it('matches the geodesic within a millimetre per km', () => {
    expect(pairDistanceM([126.9, 46.5], [126.91, 46.51])).toBeCloseTo(1350.859859, 3);
    expect(pairDistanceM([126.9, 46.5], [126.905, 46.5])).toBeCloseTo(383.812966, 4);
    expect(pairDistanceM([126.9, 46.5], [126.9, 46.6])).toBeCloseTo(11116.20599, 2);
    expect(Math.abs(pairDistanceM([126.9, 46.5], [127.0, 46.5]) - 7676.258805)).toBeLessThan(0.01);
  });

  it('sums the pieces of a polyline', () => {
    const line = [
      [126.9, 46.5],
      [126.905, 46.5],
      [126.91, 46.51],
    ] as const;
    expect(lineLengthM(line)).toBeCloseTo(pairDistanceM(line[0], line[1]) + pairDistanceM(line[1], line[2]), 9);
    expect(lineLengthM([[126.9, 46.5]])).toBe(0);
  });

  it('takes the short way across the antimeridian', () => {
    expect(pairDistanceM([179.999, 0], [-179.999, 0])).toBeCloseTo(pairDistanceM([0, 0], [0.002, 0]), 6);
  });
});
