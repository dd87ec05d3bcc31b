/**
 * An exact running sum of doubles (Shewchuk's non-overlapping partials, as Python's math.fsum).
 * The partials hold the sum without any rounding, so adding x and later −x restores exactly what
 * was there, and `value()` is the correctly rounded sum whatever the order the terms came in.
 * That is what lets a total patched by an edit (old contribution out, new one in) equal, to the
 * last bit, the same total computed from scratch (issue 15: capacity patched from the feed).
 */
export class ExactSum {
  private partials: number[] = [];

  /** Adds `x` (finite) to the sum. */
  add(x: number): void {
    const p = this.partials;
    let i = 0;
    for (let j = 0; j < p.length; j++) {
      let y = p[j]!;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    p.length = i;
    p.push(x);
  }

  /** A sum of its own with the same terms. */
  clone(): ExactSum {
    const copy = new ExactSum();
    copy.partials = [...this.partials];
    return copy;
  }

  /** Adds everything in `other` (its partials are exact, so the sum stays exact). */
  addSum(other: ExactSum): void {
    for (const x of other.partials) this.add(x);
  }

  /** The correctly rounded (half to even) value of the sum; +0 for an empty or exactly zero sum. */
  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-way cases: the rest of the partials decide which way the rounding goes.
    if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi === 0 ? 0 : hi;
  }
}

/** The correctly rounded sum of `xs` (see ExactSum). */
export function exactSum(xs: Iterable<number>): number {
  const s = new ExactSum();
  for (const x of xs) s.add(x);
  return s.value();
}
