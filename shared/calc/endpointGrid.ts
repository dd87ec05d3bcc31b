/**
 * The ditch endpoints of a topology in a hash grid that can be changed in place, so a moved ditch
 * finds the endpoints its new ends snap to without indexing the township again (topologyPatch.ts).
 * Cells are fixed in projected metres (not fitted to the data), so a point outside the network's
 * old extent needs no new grid.
 */

/** Cell keys are (cx + OFFSET)·SPAN + (cy + OFFSET): exact integers for |x|, |y| up to 2^25 cells. */
const OFFSET = 2 ** 25;
const SPAN = 2 ** 26;

export class EndpointGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly cell: number;

  constructor(
    private xs: Float64Array,
    private ys: Float64Array,
    private readonly tolerance: number,
  ) {
    // At least a metre: a zero tolerance joins only equal points, which share a cell anyway.
    this.cell = Math.max(tolerance, 1);
    for (let p = 0; p < xs.length; p++) this.add(p);
  }

  private key(x: number, y: number, dx = 0, dy = 0): number {
    return (Math.floor(x / this.cell) + dx + OFFSET) * SPAN + (Math.floor(y / this.cell) + dy + OFFSET);
  }

  /** The endpoints' arrays were made longer (new ditches): the same points, and room for more. */
  grown(xs: Float64Array, ys: Float64Array): void {
    this.xs = xs;
    this.ys = ys;
  }

  /** Registers endpoint p at its current (xs[p], ys[p]). */
  add(p: number): void {
    const key = this.key(this.xs[p]!, this.ys[p]!);
    const list = this.cells.get(key);
    if (list) list.push(p);
    else this.cells.set(key, [p]);
  }

  /** Forgets endpoint p, registered at (x, y) (its position before it moved). */
  remove(p: number, x: number, y: number): void {
    const key = this.key(x, y);
    const list = this.cells.get(key);
    const at = list ? list.indexOf(p) : -1;
    if (at === -1) return;
    list!.splice(at, 1);
    if (list!.length === 0) this.cells.delete(key);
  }

  /** Calls visit(q) for each endpoint within the tolerance of (x, y), by the test snapPoints uses. */
  near(x: number, y: number, visit: (q: number) => void): void {
    const tolSq = this.tolerance * this.tolerance;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const q of this.cells.get(this.key(x, y, dx, dy)) ?? []) {
          const ex = this.xs[q]! - x;
          const ey = this.ys[q]! - y;
          if (ex * ex + ey * ey <= tolSq) visit(q);
        }
      }
    }
  }
}
