/**
 * Generalised ditch lines for dense overview tiles (issue 15): a whole township in view is
 * 50,000 short segments, and software WebGL pays for every vertex of every frame while the user
 * pans. Here each vertex is snapped to the tile's pixel grid (one pixel at the deepest zoom the
 * tile is drawn at), ends that meet within that pixel are joined, duplicate segments are dropped
 * and the joined lines are walked into long polylines without their collinear vertices. The
 * lines cover the same ditches to within a pixel; nothing drawn goes missing.
 */

type Point = [number, number];

/**
 * Grid step in tile units: one pixel of a 4096-unit tile drawn 512 px wide at its own zoom. Ends
 * closer than that are joined; drawn at most 2 px apart just before the next zoom's tiles replace
 * the tile, such a gap is already covered by the lines' round caps.
 */
export const OVERVIEW_GRID = 8;

/**
 * Snapped positions: ends within one grid step of a node's first position share that node. Typed
 * arrays and a linked list per grid cell: a dense tile has some 70,000 positions, and small arrays
 * per node cost more in garbage collection than the walk itself.
 */
class Nodes {
  count = 0;
  xs: Int32Array;
  ys: Int32Array;
  /** Each node's first position, unsnapped: nearness is measured from it, so snapping never widens a join. */
  private anchorX: Float64Array;
  private anchorY: Float64Array;
  /** The next node whose first position fell in the same grid cell (-1: none). */
  private nextInCell: Int32Array;
  /** The first node of each grid cell. */
  private readonly cells = new Map<number, number>();

  constructor(
    private readonly step: number,
    capacity: number,
  ) {
    this.xs = new Int32Array(capacity);
    this.ys = new Int32Array(capacity);
    this.anchorX = new Float64Array(capacity);
    this.anchorY = new Float64Array(capacity);
    this.nextInCell = new Int32Array(capacity);
  }

  /** The node for (x, y): an existing one within one grid step, else a new one at the nearest grid point. */
  at(x: number, y: number): number {
    const cx = Math.round(x / this.step);
    const cy = Math.round(y / this.step);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let n = this.cells.get(Nodes.key(cx + dx, cy + dy)) ?? -1; n !== -1; n = this.nextInCell[n]!) {
          if (Math.abs(this.anchorX[n]! - x) <= this.step && Math.abs(this.anchorY[n]! - y) <= this.step) return n;
        }
      }
    }
    const id = this.count++;
    this.xs[id] = cx * this.step;
    this.ys[id] = cy * this.step;
    this.anchorX[id] = x;
    this.anchorY[id] = y;
    const key = Nodes.key(cx, cy);
    this.nextInCell[id] = this.cells.get(key) ?? -1;
    this.cells.set(key, id);
    return id;
  }

  // Tile positions stay within ±2,048 steps (a 4096 extent and its buffer), so the key is a small integer.
  private static key(cx: number, cy: number): number {
    return (cx + 2048) * 4096 + (cy + 2048);
  }
}

/** Whether b lies on the straight run from a to c (exactly: the positions are on the grid). */
function collinear(nodes: Nodes, a: number, b: number, c: number): boolean {
  const ax = nodes.xs[a]!, ay = nodes.ys[a]!, bx = nodes.xs[b]!, by = nodes.ys[b]!, cx = nodes.xs[c]!, cy = nodes.ys[c]!;
  const cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
  const dot = (bx - ax) * (cx - bx) + (by - ay) * (cy - by);
  return cross === 0 && dot > 0;
}

/** The segments between nodes as adjacency lists (compressed rows), each segment once however often it was given. */
function adjacency(nodeCount: number, from: Int32Array, to: Int32Array, edgeCount: number): { start: Int32Array; end: Int32Array; next: Int32Array } {
  const start = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    start[from[e]! + 1]!++;
    start[to[e]! + 1]!++;
  }
  for (let n = 0; n < nodeCount; n++) start[n + 1]! += start[n]!;
  const end = start.slice(0, nodeCount);
  const next = new Int32Array(edgeCount * 2);
  const add = (a: number, b: number) => {
    for (let i = start[a]!; i < end[a]!; i++) if (next[i] === b) return;
    next[end[a]!++] = b;
  };
  for (let e = 0; e < edgeCount; e++) {
    add(from[e]!, to[e]!);
    add(to[e]!, from[e]!);
  }
  return { start, end, next };
}

/** The lines (tile units) as few long polylines on the grid, covering the same positions to within `step`. */
export function generaliseLines(lines: readonly (readonly Point[])[], step = OVERVIEW_GRID): Point[][] {
  let positions = 0;
  for (const line of lines) positions += line.length;
  const nodes = new Nodes(step, positions);
  const from = new Int32Array(positions);
  const to = new Int32Array(positions);
  let edgeCount = 0;
  const dots: number[] = [];
  for (const line of lines) {
    let previous = -1;
    let moved = false;
    for (const [x, y] of line) {
      const node = nodes.at(x, y);
      if (previous !== -1 && node !== previous) {
        from[edgeCount] = previous;
        to[edgeCount++] = node;
        moved = true;
      }
      previous = node;
    }
    // A line shorter than a pixel still shows as a dot: keep it as a zero-length line.
    if (previous !== -1 && !moved) dots.push(previous);
  }
  const { start, end, next } = adjacency(nodes.count, from, to, edgeCount);
  const degree = (n: number) => end[n]! - start[n]!;
  const walked = new Uint8Array(next.length);
  const slot = (a: number, b: number) => {
    let i = start[a]!;
    while (next[i] !== b) i++;
    return i;
  };
  const mark = (a: number, b: number) => {
    walked[slot(a, b)] = 1;
    walked[slot(b, a)] = 1;
  };

  const chains: number[][] = [];
  const walk = (first: number, second: number) => {
    const chain = [first, second];
    mark(first, second);
    let [previous, at] = [first, second];
    while (degree(at) === 2) {
      const onward = next[start[at]!] === previous ? next[start[at]! + 1]! : next[start[at]!]!;
      if (walked[slot(at, onward)]) break;
      mark(at, onward);
      chain.push(onward);
      [previous, at] = [at, onward];
    }
    chains.push(chain);
  };
  // From every end and junction first, so each polyline runs between them; what is left are rings.
  for (const ringsToo of [false, true]) {
    for (let n = 0; n < nodes.count; n++) {
      if (!ringsToo && degree(n) === 2) continue;
      for (let i = start[n]!; i < end[n]!; i++) if (!walked[i]) walk(n, next[i]!);
    }
  }
  for (const dot of dots) if (degree(dot) === 0) chains.push([dot, dot]);

  return chains.map((chain) => {
    const kept = [chain[0]!];
    for (let i = 1; i < chain.length - 1; i++) if (!collinear(nodes, kept[kept.length - 1]!, chain[i]!, chain[i + 1]!)) kept.push(chain[i]!);
    kept.push(chain[chain.length - 1]!);
    return kept.map((n): Point => [nodes.xs[n]!, nodes.ys[n]!]);
  });
}
