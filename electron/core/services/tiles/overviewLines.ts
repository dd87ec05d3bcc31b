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

/** Snapped positions: ends within one grid step of a node's first position share that node. */
class Nodes {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  /** Each node's first position, unsnapped: nearness is measured from it, so snapping never widens a join. */
  private readonly anchorX: number[] = [];
  private readonly anchorY: number[] = [];
  /** The nodes by the grid cell of their first position. */
  private readonly cells = new Map<number, number[]>();

  constructor(private readonly step: number) {}

  /** The node for (x, y): an existing one within one grid step, else a new one at the nearest grid point. */
  at(x: number, y: number): number {
    const cx = Math.round(x / this.step);
    const cy = Math.round(y / this.step);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const near = this.cells.get(Nodes.key(cx + dx, cy + dy));
        if (!near) continue;
        for (const n of near) if (Math.abs(this.anchorX[n]! - x) <= this.step && Math.abs(this.anchorY[n]! - y) <= this.step) return n;
      }
    }
    const id = this.xs.length;
    this.xs.push(cx * this.step);
    this.ys.push(cy * this.step);
    this.anchorX.push(x);
    this.anchorY.push(y);
    const cell = this.cells.get(Nodes.key(cx, cy));
    if (cell) cell.push(id);
    else this.cells.set(Nodes.key(cx, cy), [id]);
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

/** The lines (tile units) as few long polylines on the grid, covering the same positions to within `step`. */
export function generaliseLines(lines: readonly (readonly Point[])[], step = OVERVIEW_GRID): Point[][] {
  const nodes = new Nodes(step);
  // Per node: its neighbours, and whether the edge to each was walked yet. Arrays: degrees are small.
  const adjacent: number[][] = [];
  const walked: boolean[][] = [];
  const used: number[] = [];
  const half = (from: number, to: number) => {
    const around = adjacent[from];
    if (around) around.push(to);
    else {
      adjacent[from] = [to];
      used.push(from);
    }
  };
  const link = (a: number, b: number) => {
    if (adjacent[a]?.includes(b)) return; // the same segment twice: drawn once
    half(a, b);
    half(b, a);
  };
  const dots: number[] = [];
  for (const line of lines) {
    let previous = -1;
    let moved = false;
    for (const [x, y] of line) {
      const node = nodes.at(x, y);
      if (previous !== -1 && node !== previous) {
        link(previous, node);
        moved = true;
      }
      previous = node;
    }
    // A line shorter than a pixel still shows as a dot: keep it as a zero-length line.
    if (previous !== -1 && !moved) dots.push(previous);
  }

  for (const node of used) walked[node] = adjacent[node]!.map(() => false);
  const mark = (a: number, b: number) => {
    walked[a]![adjacent[a]!.indexOf(b)] = true;
    walked[b]![adjacent[b]!.indexOf(a)] = true;
  };
  const chains: number[][] = [];
  const walk = (start: number, next: number) => {
    const chain = [start, next];
    mark(start, next);
    let [from, at] = [start, next];
    while (adjacent[at]!.length === 2) {
      const onward = adjacent[at]![0] === from ? adjacent[at]![1]! : adjacent[at]![0]!;
      if (walked[at]![adjacent[at]!.indexOf(onward)]) break;
      mark(at, onward);
      chain.push(onward);
      [from, at] = [at, onward];
    }
    chains.push(chain);
  };
  // From every end and junction first, so each polyline runs between them; what is left are rings.
  for (const pass of [true, false]) {
    for (const node of used) {
      const around = adjacent[node]!;
      if (pass && around.length === 2) continue;
      for (let i = 0; i < around.length; i++) if (!walked[node]![i]) walk(node, around[i]!);
    }
  }
  for (const dot of dots) if (!adjacent[dot]) chains.push([dot, dot]);

  return chains.map((chain) => {
    const kept = [chain[0]!];
    for (let i = 1; i < chain.length - 1; i++) if (!collinear(nodes, kept[kept.length - 1]!, chain[i]!, chain[i + 1]!)) kept.push(chain[i]!);
    kept.push(chain[chain.length - 1]!);
    return kept.map((n): Point => [nodes.xs[n]!, nodes.ys[n]!]);
  });
}
