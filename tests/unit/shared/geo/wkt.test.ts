import { describe, expect, it } from 'vitest';
import type { SimpleGeometry } from '../../../../shared/geo/geometry';
import { geometryToWkt, WktError, wktToGeometry } from '../../../../shared/geo/wkt';

describe('WKT', () => {
  const ring = [[124.2, 43.4], [124.21, 43.4], [124.21, 43.41], [124.2, 43.4]];
  const samples: SimpleGeometry[] = [
    { type: 'Point', coordinates: [124.21500000003495, 43.406500000023534] },
    { type: 'MultiPoint', coordinates: [[124.2, 43.4], [124.3, 43.5]] },
    { type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.405]] },
    { type: 'MultiLineString', coordinates: [[[124.2, 43.4], [124.21, 43.405]], [[1, 2], [3, 4]]] },
    { type: 'Polygon', coordinates: [ring, ring] },
    { type: 'MultiPolygon', coordinates: [[ring], [ring]] },
    { type: 'LineString', coordinates: [[124.2, 43.4, 150], [124.21, 43.405, 151]] },
  ];

  it('round-trips every geometry type exactly', () => {
    for (const g of samples) expect(wktToGeometry(geometryToWkt(g))).toEqual(g);
  });

  it('reads the variants found in the wild', () => {
    expect(wktToGeometry('POINT(124.2 43.4)')).toEqual({ type: 'Point', coordinates: [124.2, 43.4] });
    expect(wktToGeometry('SRID=4326;point z (124.2 43.4 10)')).toEqual({ type: 'Point', coordinates: [124.2, 43.4, 10] });
    expect(wktToGeometry('POINTZ (1 2 3)')).toEqual({ type: 'Point', coordinates: [1, 2, 3] });
    expect(wktToGeometry('MULTIPOINT (1 2, 3 4)')).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });
    expect(wktToGeometry('MULTIPOINT ((1 2), (3 4))')).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });
    expect(geometryToWkt({ type: 'Point', coordinates: [124.2, 43.4] })).toBe('POINT (124.2 43.4)');
  });

  it('fails with a position for bad text', () => {
    expect(() => wktToGeometry('CIRCLE (1 2)')).toThrow(WktError);
    expect(() => wktToGeometry('LINESTRING (1 2, 3)')).toThrow(/expected a number/);
    expect(() => wktToGeometry('POINT EMPTY')).toThrow(/EMPTY/);
    expect(() => wktToGeometry('POINT (1 2) extra')).toThrow(/unexpected text/);
  });
});
