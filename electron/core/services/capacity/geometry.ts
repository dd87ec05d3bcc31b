/**
 * The little plane geometry capacity needs: which area a ditch lies in, where a line's middle is,
 * and a grid over area boxes so 50,000 ditches do not test every polygon.
 */
import { pairDistanceM } from '../../../../shared/calc/lineLength';
import type { LonLat, Rings } from './load';

/** Even–odd test of a point against one polygon's rings (outer ring, then holes). */
export function pointInRings(point: LonLat, rings: Rings): boolean {
  const [x, y] = point;
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** True when the point lies in any of the polygons. */
export function pointInPolygons(point: LonLat, polygons: readonly Rings[]): boolean {
  return polygons.some((rings) => pointInRings(point, rings));
}

/** The point halfway along a line (by geodesic length); the first vertex for a zero-length line. */
export function lineMidpoint(coords: readonly LonLat[]): LonLat {
  let total = 0;
  const pieces: number[] = [];
  for (let i = 1; i < coords.length; i++) {
    const d = pairDistanceM(coords[i - 1]!, coords[i]!);
    pieces.push(d);
    total += d;
  }
  let left = total / 2;
  for (let i = 0; i < pieces.length; i++) {
    const d = pieces[i]!;
    if (left <= d && d > 0) {
      const t = left / d;
      const a = coords[i]!;
      const b = coords[i + 1]!;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    left -= d;
  }
  return coords[0]!;
}

/** A uniform grid over bounding boxes: which boxes may contain a point. */
export class BoxGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly cell: number;
  private readonly origin: [number, number];
  private readonly stride: number;

  constructor(
    private readonly boxes: readonly (readonly [number, number, number, number])[],
  ) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const b of boxes) {
      minX = Math.min(minX, b[0]);
      minY = Math.min(minY, b[1]);
      maxX = Math.max(maxX, b[2]);
      maxY = Math.max(maxY, b[3]);
    }
    // About 1 km cells, but never more than 256 a side whatever the extent.
    const span = Number.isFinite(minX) ? Math.max(maxX - minX, maxY - minY) : 0;
    const cellDegrees = Math.max(0.01, span / 256);
    this.cell = cellDegrees;
    this.origin = [Number.isFinite(minX) ? minX : 0, Number.isFinite(minY) ? minY : 0];
    this.stride = Number.isFinite(maxY) ? Math.floor((maxY - this.origin[1]) / cellDegrees) + 2 : 1;
    boxes.forEach((b, i) => {
      const [x0, y0] = this.cellOf(b[0], b[1]);
      const [x1, y1] = this.cellOf(b[2], b[3]);
      for (let cx = x0; cx <= x1; cx++) {
        for (let cy = y0; cy <= y1; cy++) {
          const key = cx * this.stride + cy;
          const list = this.cells.get(key);
          if (list) list.push(i);
          else this.cells.set(key, [i]);
        }
      }
    });
  }

  private cellOf(x: number, y: number): [number, number] {
    return [Math.floor((x - this.origin[0]) / this.cell), Math.floor((y - this.origin[1]) / this.cell)];
  }

  /** Indexes of the boxes that contain the point. */
  at(point: LonLat): number[] {
    const [cx, cy] = this.cellOf(point[0], point[1]);
    const list = this.cells.get(cx * this.stride + cy) ?? [];
    return list.filter((i) => {
      const b = this.boxes[i]!;
      return point[0] >= b[0] && point[0] <= b[2] && point[1] >= b[1] && point[1] <= b[3];
    });
  }
}

/** A rough interior point of a polygon, to tell which areas nest in which: the mean of its outer ring. */
export function ringMean(rings: Rings): LonLat {
  const outer = rings[0] ?? [];
  const n = Math.max(1, outer.length - 1); // the closing point repeats the first
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += outer[i]?.[0] ?? 0;
    y += outer[i]?.[1] ?? 0;
  }
  return [x / n, y / n];
}
