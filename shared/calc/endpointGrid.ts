/**
 * The ditch endpoints of a topology in a hash grid that can be changed in place, so a moved ditch
 * finds the endpoints its new ends snap to without indexing the township again (topologyPatch.ts).
 * Cells are fixed in projected metres (not fitted to the data), so a point outside the network's
 * old extent needs no new grid. Each cell is a linked list through one typed array (a map of cell
 * to first endpoint, `next` for the rest): a few large objects rather than one small array per
 * cell, so a 200,000-ditch grid costs the garbage collector next to nothing to keep.
 */

/** Cell keys are (cx + OFFSET)·SPAN + (cy + OFFSET): exact integers for |x|, |y| up to 2^25 cells. */
const OFFSET = 2 ** 25;
const SPAN = 2 ** 26;

export class EndpointGrid {
  private readonly head = new Map<number, number>();
  private next: Int32Array;
  private readonly cell: number;

  constructor(
    private xs: Float64Array,
    private ys: Float64Array,
    private readonly tolerance: number,
  ) {
    // At least a metre: a zero tolerance joins only equal points, which share a cell anyway.
    this.cell = Math.max(tolerance, 1);
    this.next = new Int32Array(xs.length).fill(-1);
    for (let p = 0; p < xs.length; p++) this.add(p);
  }

  private key(x: number, y: number, dx = 0, dy = 0): number {
    return (Math.floor(x / this.cell) + dx + OFFSET) * SPAN + (Math.floor(y / this.cell) + dy + OFFSET);
  }

  /** The endpoints' arrays were made longer (new ditches): the same points, and room for more. */
  grown(xs: Float64Array, ys: Float64Array): void {
    this.xs = xs;
    this.ys = ys;
    const next = new Int32Array(xs.length).fill(-1);
    next.set(this.next);
    this.next = next;
  }

  /** Registers endpoint p at its current (xs[p], ys[p]). */
  add(p: number): void {
    const key = this.key(this.xs[p]!, this.ys[p]!);
    this.next[p] = this.head.get(key) ?? -1;
    this.head.set(key, p);
  }

  /** Forgets endpoint p, registered at (x, y) (its position before it moved). */
  remove(p: number, x: number, y: number): void {
    const key = this.key(x, y);
    let q = this.head.get(key) ?? -1;
    if (q === p) {
      if (this.next[p] === -1) this.head.delete(key);
      else this.head.set(key, this.next[p]!);
      return;
    }
    while (q !== -1 && this.next[q] !== p) q = this.next[q]!;
    if (q !== -1) this.next[q] = this.next[p]!;
  }

  /** Calls visit(q) for each endpoint within the tolerance of (x, y), by the test snapPoints uses. */
  near(x: number, y: number, visit: (q: number) => void): void {
    const tolSq = this.tolerance * this.tolerance;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let q = this.head.get(this.key(x, y, dx, dy)) ?? -1; q !== -1; q = this.next[q]!) {
          const ex = this.xs[q]! - x;
          const ey = this.ys[q]! - y;
          if (ex * ex + ey * ey <= tolSq) visit(q);
        }
      }
    }
  }
}
