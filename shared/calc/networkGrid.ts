/**
 * Spatial matching for the network, in local equirectangular metres (localMetres.ts): joining
 * endpoints within the snap tolerance, and finding the line pieces within the tolerance of a
 * point. Both use a uniform hash grid, so each lookup touches a few cells, not every segment.
 */
import { UnionFind } from './graph/unionFind';
import { pointPieceDistanceSq } from './localMetres';

/** Grid cell keys are cx·stride + cy; cells are widened so that this stays an exact integer. */
const MAX_CELLS_PER_AXIS = 5e7;

interface Grid {
  cell: number;
  originX: number;
  originY: number;
  stride: number;
}

function makeGrid(minX: number, minY: number, maxX: number, maxY: number, wantedCell: number): Grid {
  const span = Math.max(maxX - minX, maxY - minY, 1);
  const cell = Math.max(wantedCell, span / MAX_CELLS_PER_AXIS, 1e-6);
  return { cell, originX: minX, originY: minY, stride: Math.floor((maxY - minY) / cell) + 3 };
}

function cellX(grid: Grid, x: number): number {
  return Math.floor((x - grid.originX) / grid.cell) + 1;
}

function cellY(grid: Grid, y: number): number {
  return Math.floor((y - grid.originY) / grid.cell) + 1;
}

/**
 * Joins points (xs[i], ys[i]) that lie within `tolerance` metres of each other, transitively
 * (a–b and b–c close puts a, b, c together). Returns the union-find. O(n · points per cell).
 */
export function snapPoints(xs: Float64Array, ys: Float64Array, tolerance: number): UnionFind {
  const n = xs.length;
  const sets = new UnionFind(n);
  if (n === 0) return sets;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xs[i]!);
    maxX = Math.max(maxX, xs[i]!);
    minY = Math.min(minY, ys[i]!);
    maxY = Math.max(maxY, ys[i]!);
  }
  const grid = makeGrid(minX, minY, maxX, maxY, tolerance);
  const head = new Map<number, number>();
  const next = new Int32Array(n).fill(-1);
  const tolSq = tolerance * tolerance;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    const cx = cellX(grid, x);
    const cy = cellY(grid, y);
    // Compare only with points already inserted, so each pair is looked at once.
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let j = head.get((cx + dx) * grid.stride + cy + dy) ?? -1; j !== -1; j = next[j]!) {
          const ex = xs[j]! - x;
          const ey = ys[j]! - y;
          if (ex * ex + ey * ey <= tolSq) sets.union(i, j);
        }
      }
    }
    const key = cx * grid.stride + cy;
    next[i] = head.get(key) ?? -1;
    head.set(key, i);
  }
  return sets;
}

/** The line pieces (vertex i to i+1 of a line) near a point. */
export interface PieceIndex {
  /** Calls visit(line, vertex, distanceSq) for each piece within the tolerance of (x, y). */
  near(x: number, y: number, visit: (line: number, vertex: number, distanceSq: number) => void): void;
  /**
   * Line `id` was replaced in `lines` (a moved ditch) or appended to it (a new one): its old
   * pieces are forgotten and its new ones registered. The grid keeps its cells; a piece outside them lands in aliased cells, which
   * only adds candidates that the distance test then drops, so near() answers as a fresh index would.
   */
  replace(id: number): void;
}

/**
 * Indexes the pieces of `lines` (interleaved projected coordinates, indexed by the numbers in
 * `ids`) for lookups within `tolerance`. Each piece is cut into steps no longer than a cell and
 * each step registered in the cells its box (grown by the tolerance) covers, so a long straight
 * river piece costs cells in proportion to its length, not to its bounding box's area.
 */
export function buildPieceIndex(lines: readonly Float64Array[], ids: readonly number[], tolerance: number, cellSize: number): PieceIndex {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const id of ids) {
    const line = lines[id]!;
    for (let i = 0; i < line.length; i += 2) {
      minX = Math.min(minX, line[i]!);
      maxX = Math.max(maxX, line[i]!);
      minY = Math.min(minY, line[i + 1]!);
      maxY = Math.max(maxY, line[i + 1]!);
    }
  }
  if (ids.length === 0) minX = minY = maxX = maxY = 0;
  const grid = makeGrid(minX - tolerance, minY - tolerance, maxX + tolerance, maxY + tolerance, Math.max(cellSize, tolerance));
  const head = new Map<number, number>();
  const entryLine: number[] = [];
  const entryVertex: number[] = [];
  const entryNext: number[] = [];
  // An entry counts while its line's version is the one it was registered with (replace bumps it).
  const entryVersion: number[] = [];
  // Plain numbers, so a line appended to `lines` later (a new ditch) gets a version too.
  const version: number[] = [];
  const versionOf = (id: number): number => version[id] ?? 0;

  const register = (id: number): void => {
    const line = lines[id]!;
    const at = versionOf(id);
    for (let v = 0; v + 3 < line.length; v += 2) {
      const ax = line[v]!, ay = line[v + 1]!, bx = line[v + 2]!, by = line[v + 3]!;
      const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / grid.cell));
      for (let s = 0; s < steps; s++) {
        const x0 = ax + ((bx - ax) * s) / steps, x1 = ax + ((bx - ax) * (s + 1)) / steps;
        const y0 = ay + ((by - ay) * s) / steps, y1 = ay + ((by - ay) * (s + 1)) / steps;
        const cx0 = cellX(grid, Math.min(x0, x1) - tolerance), cx1 = cellX(grid, Math.max(x0, x1) + tolerance);
        const cy0 = cellY(grid, Math.min(y0, y1) - tolerance), cy1 = cellY(grid, Math.max(y0, y1) + tolerance);
        for (let cx = cx0; cx <= cx1; cx++) {
          for (let cy = cy0; cy <= cy1; cy++) {
            const key = cx * grid.stride + cy;
            const first = head.get(key);
            // Neighbouring steps share cells; the piece registered last sits at the head.
            if (first !== undefined && entryLine[first] === id && entryVertex[first] === v / 2 && entryVersion[first] === at) continue;
            entryLine.push(id);
            entryVertex.push(v / 2);
            entryVersion.push(at);
            entryNext.push(first ?? -1);
            head.set(key, entryLine.length - 1);
          }
        }
      }
    }
  };
  for (const id of ids) register(id);

  const tolSq = tolerance * tolerance;
  return {
    near(x, y, visit) {
      for (let e = head.get(cellX(grid, x) * grid.stride + cellY(grid, y)) ?? -1; e !== -1; e = entryNext[e]!) {
        const id = entryLine[e]!;
        if (entryVersion[e] !== versionOf(id)) continue;
        const vertex = entryVertex[e]!;
        const line = lines[id]!;
        const i = vertex * 2;
        const d = pointPieceDistanceSq(x, y, line[i]!, line[i + 1]!, line[i + 2]!, line[i + 3]!);
        if (d <= tolSq) visit(id, vertex, d);
      }
    },
    replace(id) {
      version[id] = versionOf(id) + 1;
      register(id);
    },
  };
}
