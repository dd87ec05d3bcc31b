import { describe, expect, it } from 'vitest';
import { isValidGeometry, validateGeometry } from '../../../../shared/geo/validate';

const codes = (g: unknown) => validateGeometry(g).map((p) => p.code);

describe('validateGeometry', () => {
  it('accepts every valid simple geometry', () => {
    const ring = [[124.2, 43.4], [124.21, 43.4], [124.21, 43.41], [124.2, 43.4]];
    for (const g of [
      { type: 'Point', coordinates: [124.2, 43.4] },
      { type: 'Point', coordinates: [124.2, 43.4, 160] },
      { type: 'MultiPoint', coordinates: [[124.2, 43.4]] },
      { type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.41]] },
      { type: 'MultiLineString', coordinates: [[[124.2, 43.4], [124.21, 43.41]]] },
      { type: 'Polygon', coordinates: [ring] },
      { type: 'MultiPolygon', coordinates: [[ring]] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }] },
    ]) {
      expect(validateGeometry(g)).toEqual([]);
      expect(isValidGeometry(g)).toBe(true);
    }
  });

  it('rejects non-finite numbers and strings', () => {
    expect(codes({ type: 'Point', coordinates: [Number.NaN, 43.4] })).toEqual(['not_number']);
    expect(codes({ type: 'Point', coordinates: [124.2, Infinity] })).toEqual(['not_number']);
    expect(codes({ type: 'Point', coordinates: ['124.2', 43.4] })).toEqual(['not_number']);
  });

  it('rejects out-of-range lon/lat and hints at projected metres', () => {
    expect(codes({ type: 'Point', coordinates: [181, 43.4] })).toEqual(['lon_range']);
    expect(codes({ type: 'Point', coordinates: [124.2, -90.5] })).toEqual(['lat_range']);
    const [p] = validateGeometry({ type: 'Point', coordinates: [597000, 43] });
    expect(p?.message.zh).toContain('投影坐标');
    expect(p?.message.en).toContain('projected');
  });

  it('needs two positions for a line and closed rings of four for a polygon', () => {
    expect(codes({ type: 'LineString', coordinates: [[124.2, 43.4]] })).toEqual(['too_few_positions']);
    expect(codes({ type: 'Polygon', coordinates: [[[124.2, 43.4], [124.21, 43.4], [124.2, 43.4]]] })).toEqual(['too_few_positions']);
    expect(codes({ type: 'Polygon', coordinates: [[[124.2, 43.4], [124.21, 43.4], [124.21, 43.41], [124.2, 43.41]]] })).toEqual(['ring_not_closed']);
  });

  it('reports missing coordinates, wrong shapes and unknown types in both languages', () => {
    expect(codes({ type: 'LineString' })).toEqual(['empty']);
    expect(codes({ type: 'Point', coordinates: 5 })).toEqual(['not_array']);
    expect(codes({ type: 'Circle', coordinates: [1, 2] })).toEqual(['unsupported_type']);
    expect(codes(null)).toEqual(['not_object']);
    expect(codes({ type: 'MultiPoint', coordinates: [] })).toEqual(['empty']);
    const [p] = validateGeometry({ type: 'LineString', coordinates: [[124.2, 43.4]] });
    expect(p?.message.zh).toMatch(/至少需要 2 个点/);
    expect(p?.message.en).toMatch(/at least 2 positions/);
    expect(p?.path).toBe('geometry.coordinates');
  });

  it('caps the number of problems it collects', () => {
    const many = Array.from({ length: 500 }, () => [999, 999]);
    expect(validateGeometry({ type: 'LineString', coordinates: many }).length).toBeLessThanOrEqual(20);
  });
});
