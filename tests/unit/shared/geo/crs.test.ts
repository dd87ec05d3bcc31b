import { describe, expect, it } from 'vitest';
import * as geographiclib from 'geographiclib-geodesic';
import { convertGeometry, convertPosition, CRS_LIST, isCrs, type Crs } from '../../../../shared/geo/crs';
import { bd09ToGcj02, bd09ToWgs84, gcj02ToBd09, wgs84ToBd09 } from '../../../../shared/geo/bd09';
import { gcj02ToWgs84, isOutsideChina, wgs84ToGcj02 } from '../../../../shared/geo/gcj02';
import type { Geometry } from 'geojson';

const lib = ((geographiclib as unknown as { default?: typeof geographiclib }).default ?? geographiclib);

/** Ground distance in metres between two lon/lat positions (Karney, independent of our code). */
function metres(a: readonly number[], b: readonly number[]): number {
  return lib.Geodesic.WGS84.Inverse(a[1] as number, a[0] as number, b[1] as number, b[0] as number).s12 as number;
}

// A grid over the Lishu plain plus places across China, from Mohe to Sanya, Kashgar to Fuyuan.
const LISHU = Array.from({ length: 25 }, (_, i) => [124.0 + (i % 5) * 0.1, 43.2 + Math.floor(i / 5) * 0.1] as [number, number]);
const CHINA: [number, number][] = [
  [116.404, 39.915], // Beijing
  [126.642, 45.757], // Harbin
  [122.53, 52.97], // Mohe
  [134.3, 48.35], // Fuyuan
  [75.99, 39.47], // Kashgar
  [91.11, 29.65], // Lhasa
  [113.26, 23.13], // Guangzhou
  [109.51, 18.25], // Sanya
  [104.07, 30.67], // Chengdu
];

describe('GCJ-02', () => {
  it('matches the published WGS84→GCJ-02 pair (Tiananmen, coordtransform README)', () => {
    const [lon, lat] = wgs84ToGcj02(116.404, 39.915);
    expect(lon).toBeCloseTo(116.41024449916938, 12);
    expect(lat).toBeCloseTo(39.91640428150164, 12);
  });

  it('shifts the Lishu plain by a few hundred metres', () => {
    const g = wgs84ToGcj02(124.2, 43.4);
    const shift = metres([124.2, 43.4], g);
    expect(shift).toBeGreaterThan(400);
    expect(shift).toBeLessThan(700);
  });

  it('inverts iteratively to well under 5 cm on the Lishu plain and across China', () => {
    for (const p of [...LISHU, ...CHINA]) {
      const back = gcj02ToWgs84(...wgs84ToGcj02(...p));
      expect(metres(p, back)).toBeLessThan(0.05);
      expect(Math.abs(back[0] - p[0])).toBeLessThan(1e-7);
      expect(Math.abs(back[1] - p[1])).toBeLessThan(1e-7);
    }
  });

  it('beats the one-step inverse, which is off by about a metre or two near Lishu', () => {
    const g = wgs84ToGcj02(124.2, 43.4);
    const f = wgs84ToGcj02(...g);
    const oneStep = [2 * g[0] - f[0], 2 * g[1] - f[1]];
    expect(metres([124.2, 43.4], oneStep)).toBeGreaterThan(1);
    expect(metres([124.2, 43.4], gcj02ToWgs84(...g))).toBeLessThan(0.001);
  });

  it('is the identity outside China', () => {
    for (const p of [[2.35, 48.86], [-74.0, 40.7], [139.69, 35.69], [151.2, -33.87]] as [number, number][]) {
      expect(isOutsideChina(...p)).toBe(true);
      expect(wgs84ToGcj02(...p)).toEqual(p);
      expect(gcj02ToWgs84(...p)).toEqual(p);
    }
  });
});

describe('BD-09', () => {
  it('matches the published GCJ-02→BD-09 and WGS84→BD-09 values', () => {
    const b = gcj02ToBd09(116.404, 39.915);
    expect(b[0]).toBeCloseTo(116.41036949371029, 12);
    expect(b[1]).toBeCloseTo(39.92133699351021, 12);
    const w = wgs84ToBd09(116.404, 39.915);
    expect(w[0]).toBeCloseTo(116.41662724378733, 12);
    expect(w[1]).toBeCloseTo(39.922699552216216, 12);
  });

  it('round-trips BD-09 ↔ GCJ-02 and BD-09 ↔ WGS84 within 5 cm', () => {
    for (const p of [...LISHU, ...CHINA]) {
      expect(metres(p, bd09ToGcj02(...gcj02ToBd09(...p)))).toBeLessThan(0.05);
      expect(metres(p, bd09ToWgs84(...wgs84ToBd09(...p)))).toBeLessThan(0.05);
    }
  });
});

describe('convertPosition / convertGeometry', () => {
  it('round-trips every pair of systems within 5 cm', () => {
    for (const from of CRS_LIST) {
      for (const to of CRS_LIST) {
        for (const p of [LISHU[12] as [number, number], ...CHINA]) {
          const there = convertPosition(p, from, to);
          const back = convertPosition(there, to, from);
          expect(metres(p, back)).toBeLessThan(0.05);
        }
      }
    }
  });

  it('keeps altitude and leaves same-system positions unchanged', () => {
    expect(convertPosition([124.2, 43.4, 158], 'wgs84', 'wgs84')).toEqual([124.2, 43.4, 158]);
    const g = convertPosition([124.2, 43.4, 158], 'wgs84', 'gcj02');
    expect(g[2]).toBe(158);
    expect(g[0]).not.toBe(124.2);
  });

  it('converts every geometry type position by position', () => {
    const p: [number, number] = [124.2, 43.4];
    const q: [number, number] = [124.21, 43.41];
    const ring = [p, [124.21, 43.4], q, p];
    const geometries: Geometry[] = [
      { type: 'Point', coordinates: p },
      { type: 'MultiPoint', coordinates: [p, q] },
      { type: 'LineString', coordinates: [p, q] },
      { type: 'MultiLineString', coordinates: [[p, q], [q, p]] },
      { type: 'Polygon', coordinates: [ring] },
      { type: 'MultiPolygon', coordinates: [[ring], [ring]] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: q }] },
    ];
    const expected = wgs84ToGcj02(...p);
    for (const g of geometries) {
      const out = convertGeometry(g, 'wgs84', 'gcj02');
      expect(out.type).toBe(g.type);
      const first = JSON.stringify(out).match(/-?\d+\.\d+/g)?.slice(0, 2).map(Number);
      if (g.type !== 'GeometryCollection') expect(first).toEqual(expected);
      expect(convertGeometry(out, 'gcj02', 'wgs84').type).toBe(g.type);
    }
    // The input is not modified.
    expect(geometries[0]).toEqual({ type: 'Point', coordinates: [124.2, 43.4] });
  });

  it('recognises the three system names only', () => {
    expect(CRS_LIST.every((c: Crs) => isCrs(c))).toBe(true);
    expect(isCrs('epsg:4326')).toBe(false);
  });
});
