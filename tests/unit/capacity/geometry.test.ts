import { describe, expect, it } from 'vitest';
import { BoxGrid, lineMidpoint, pointInPolygons, pointInRings } from '../../../electron/core/services/capacity/geometry';
import type { LonLat } from '../../../electron/core/services/capacity/load';

const square = (x0: number, y0: number, x1: number, y1: number): LonLat[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe('capacity geometry helpers', () => {
  it('tells inside from outside, holes included', () => {
    const withHole = [square(0, 0, 10, 10), square(4, 4, 6, 6)];
    expect(pointInRings([1, 1], withHole)).toBe(true);
    expect(pointInRings([5, 5], withHole)).toBe(false);
    expect(pointInRings([11, 5], withHole)).toBe(false);
    expect(pointInPolygons([21, 1], [withHole, [square(20, 0, 22, 2)]])).toBe(true);
  });

  it('finds the middle of a line by length, not by vertex count', () => {
    const [lon, lat] = lineMidpoint([[124.2, 43.4], [124.2, 43.401], [124.2, 43.41]]);
    expect(lon).toBeCloseTo(124.2, 9);
    expect(lat).toBeCloseTo(43.405, 6);
    expect(lineMidpoint([[124.2, 43.4], [124.2, 43.4]])).toEqual([124.2, 43.4]);
  });

  it('finds the boxes around a point without testing them all', () => {
    const grid = new BoxGrid([[0, 0, 1, 1], [0.5, 0.5, 2, 2], [5, 5, 6, 6]]);
    expect(grid.at([0.7, 0.7]).sort()).toEqual([0, 1]);
    expect(grid.at([5.5, 5.5])).toEqual([2]);
    expect(grid.at([3, 3])).toEqual([]);
    expect(new BoxGrid([]).at([0, 0])).toEqual([]);
  });
});
