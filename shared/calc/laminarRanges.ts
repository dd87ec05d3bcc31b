import { lastAtOrBelow } from './sortedSearch';

/**
 * Ranges over positions 0..n that are nested or apart, never crossing — the cut-off ranges of the
 * blockage ranking are subtrees of the dominator tree's preorder (network.ts). Kept as a forest:
 * equal ranges once, sorted by start then longest first, each with its parent (the smallest range
 * holding it), so the ranges holding a position are one walk up from the innermost, and totals
 * over every range cost one pass over the positions they cover (each position visited once).
 */
export class LaminarRanges {
  /** Distinct ranges [starts[r], ends[r]), by start, then the longer first. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The smallest range holding range r, or −1. */
  readonly parent: Int32Array;
  /** The first range after r's descendants (they follow r in this order). */
  private readonly after: Int32Array;

  constructor(ranges: readonly { start: number; end: number }[]) {
    const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const r of sorted) {
      const last = starts.length - 1;
      if (last >= 0 && starts[last] === r.start && ends[last] === r.end) continue;
      starts.push(r.start);
      ends.push(r.end);
    }
    const m = starts.length;
    this.starts = Int32Array.from(starts);
    this.ends = Int32Array.from(ends);
    this.parent = new Int32Array(m).fill(-1);
    this.after = new Int32Array(m).fill(m);
    const stack: number[] = [];
    for (let r = 0; r < m; r++) {
      while (stack.length > 0 && ends[stack[stack.length - 1]!]! <= starts[r]!) this.after[stack.pop()!] = r;
      if (stack.length > 0) this.parent[r] = stack[stack.length - 1]!;
      stack.push(r);
    }
  }

  get count(): number {
    return this.starts.length;
  }

  /** The index of range [start, end), or −1. O(log m). */
  find(start: number, end: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = this.starts[mid]!;
      if (s < start || (s === start && this.ends[mid]! > end)) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.starts.length && this.starts[lo] === start && this.ends[lo] === end ? lo : -1;
  }

  /** The smallest range holding position p, or −1; its holders are then its parents. O(log m + depth). */
  innermost(p: number): number {
    // The last range starting at or before p: every range holding p holds it too (or is it).
    let r = lastAtOrBelow(this.starts, p);
    while (r !== -1 && this.ends[r]! <= p) r = this.parent[r]!;
    return r;
  }

  /**
   * One total per range: `make` an empty one, `add` each position it covers that no smaller range
   * does, and `merge` in the totals of the ranges directly inside it. Inner ranges come first.
   * `kept(r)` may give range r's total from before (its positions hold what they held), which is
   * then used as it is and not walked.
   */
  totals<T>(make: () => T, add: (total: T, p: number) => void, merge: (into: T, from: T) => void, kept?: (r: number) => T | undefined): T[] {
    const m = this.starts.length;
    const out = new Array<T>(m);
    for (let r = m - 1; r >= 0; r--) {
      const before = kept?.(r);
      if (before !== undefined) {
        out[r] = before;
        continue;
      }
      const total = make();
      const end = this.ends[r]!;
      let p = this.starts[r]!;
      let child = r + 1;
      while (p < end) {
        const next = child < m && this.starts[child]! < end ? this.starts[child]! : end;
        for (; p < next; p++) add(total, p);
        if (next < end) {
          merge(total, out[child]!);
          p = this.ends[child]!;
          child = this.after[child]!;
        }
      }
      out[r] = total;
    }
    return out;
  }
}
