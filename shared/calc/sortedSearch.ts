// Binary searches over ascending arrays, shared by the topology patch and the capacity state.

/** How many values of ascending `xs` are below `v`: the index of the first value ≥ v (xs.length if none). */
export function firstAtOrAbove(xs: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last index whose value is ≤ p in ascending `xs` (-1 if none). */
export function lastAtOrBelow(xs: ArrayLike<number>, p: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= p) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
