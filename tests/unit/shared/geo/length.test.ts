import { describe, expect, it } from 'vitest';
import * as geographiclib from 'geographiclib-geodesic';
import {
  areaM2,
  bboxOf,
  haToM2,
  haToMu,
  lengthM,
  lineLengthM,
  M2_PER_MU,
  m2ToHa,
  m2ToMu,
  muToHa,
  muToM2,
  ringAreaM2,
  SHORT_PIECE_M,
} from '../../../../shared/geo/length';

const lib = ((geographiclib as unknown as { default?: typeof geographiclib }).default ?? geographiclib);

/** Meridian arc between two latitudes by Simpson's rule on the WGS84 radius of curvature: an independent hand value. */
function meridianArc(lat1: number, lat2: number): number {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const M = (deg: number) => (a * (1 - e2)) / Math.pow(1 - e2 * Math.sin((deg * Math.PI) / 180) ** 2, 1.5);
  const n = 100;
  const h = (lat2 - lat1) / n;
  let s = M(lat1) + M(lat2);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * M(lat1 + i * h);
  return ((s * h) / 3) * (Math.PI / 180);
}

describe('geodesic length', () => {
  it('measures 1° of latitude near 43°N as about 111.1 km', () => {
    const d = lineLengthM([[124.2, 43], [124.2, 44]]);
    expect(d).toBeGreaterThan(111_100);
    expect(d).toBeLessThan(111_110);
    expect(d).toBeCloseTo(meridianArc(43, 44), 2);
  });

  it('agrees with geographiclib on a ditch-like polyline, segment by segment', () => {
    const line = [[124.2, 43.4], [124.21, 43.405], [124.22, 43.408], [124.2213, 43.4123]];
    let expected = 0;
    for (let i = 1; i < line.length; i++) {
      const [a, b] = [line[i - 1] as number[], line[i] as number[]];
      expected += lib.Geodesic.WGS84.Inverse(a[1] as number, a[0] as number, b[1] as number, b[0] as number).s12 as number;
    }
    // Within 0.05 mm: pieces under 2 km are measured on the tangent plane (SHORT_PIECE_M).
    expect(lineLengthM(line)).toBeCloseTo(expected, 4);
    expect(lengthM({ type: 'LineString', coordinates: line })).toBeCloseTo(expected, 4);
    expect(lengthM({ type: 'MultiLineString', coordinates: [line, line] })).toBeCloseTo(2 * expected, 4);
  });

  it('stays within 0.05 mm of the geodesic for every piece across China, short or long', () => {
    // A fixed grid of pieces from 1 m to 40 km, every direction, latitudes 18–54°N.
    let worstShort = 0;
    let worstLong = 0;
    for (let lat = 18; lat <= 54; lat += 4) {
      for (const s of [1, 30, 250, 1000, 1999, 2001, 8000, 40_000]) {
        for (let az = 0; az < 360; az += 22.5) {
          const a = [124.2, lat];
          const end = lib.Geodesic.WGS84.Direct(lat, 124.2, az, s);
          const b = [end.lon2 as number, end.lat2 as number];
          const error = Math.abs(lineLengthM([a, b]) - s);
          if (s < SHORT_PIECE_M) worstShort = Math.max(worstShort, error);
          else worstLong = Math.max(worstLong, error);
        }
      }
    }
    expect(worstShort).toBeLessThan(5e-5);
    expect(worstLong).toBeLessThan(1e-6); // long pieces go to Karney's inverse itself
  });

  it('is geodesic, not planar degrees: 1° of longitude at 43.4°N is ~81 km, not 111 km', () => {
    expect(lineLengthM([[124.2, 43.4], [125.2, 43.4]])).toBeCloseTo(81_009.5, 0);
  });

  it('gives 0 for points and a single position', () => {
    expect(lengthM({ type: 'Point', coordinates: [124.2, 43.4] })).toBe(0);
    expect(lineLengthM([[124.2, 43.4]])).toBe(0);
  });
});

describe('area', () => {
  const square = [[124.19, 43.395], [124.23, 43.395], [124.23, 43.415], [124.19, 43.415], [124.19, 43.395]];

  it('matches geographiclib PolygonArea and does not depend on ring direction', () => {
    const p = lib.Geodesic.WGS84.Polygon(false);
    for (const c of square.slice(0, 4)) p.AddPoint(c[1] as number, c[0] as number);
    const expected = Math.abs(p.Compute(false, true).area as number);
    expect(ringAreaM2(square)).toBeCloseTo(expected, 3);
    expect(ringAreaM2([...square].reverse())).toBeCloseTo(expected, 3);
    // Roughly 0.04° × 0.02° at 43.4°N: 3.24 km × 2.22 km.
    expect(expected / 1e6).toBeCloseTo(7.2, 1);
  });

  it('subtracts holes and sums multipolygons; lines have no area', () => {
    const hole = [[124.2, 43.4], [124.2, 43.41], [124.21, 43.41], [124.21, 43.4], [124.2, 43.4]];
    const outer = ringAreaM2(square);
    const inner = ringAreaM2(hole);
    expect(areaM2({ type: 'Polygon', coordinates: [square, hole] })).toBeCloseTo(outer - inner, 3);
    expect(areaM2({ type: 'MultiPolygon', coordinates: [[square], [hole]] })).toBeCloseTo(outer + inner, 3);
    expect(areaM2({ type: 'LineString', coordinates: square })).toBe(0);
  });
});

describe('bbox', () => {
  it('covers every position of one or several geometries', () => {
    expect(bboxOf({ type: 'LineString', coordinates: [[124.2, 43.4], [124.1, 43.5]] })).toEqual([124.1, 43.4, 124.2, 43.5]);
    expect(
      bboxOf([
        { type: 'Point', coordinates: [124.3, 43.3] },
        { type: 'Polygon', coordinates: [[[124, 43], [124.1, 43], [124.1, 43.1], [124, 43]]] },
      ]),
    ).toEqual([124, 43, 124.3, 43.3]);
    expect(bboxOf([])).toBeNull();
  });
});

describe('mu and hectares', () => {
  it('uses 1 mu = 10000/15 m² ≈ 666.67 m² and 15 mu = 1 ha', () => {
    expect(M2_PER_MU).toBeCloseTo(666.6667, 4);
    expect(muToM2(1)).toBeCloseTo(666.6667, 4);
    expect(m2ToMu(10_000)).toBeCloseTo(15, 12);
    expect(muToHa(15)).toBeCloseTo(1, 12);
    expect(haToMu(1)).toBeCloseTo(15, 12);
    expect(m2ToHa(25_000)).toBe(2.5);
    expect(haToM2(2.5)).toBe(25_000);
  });
});
