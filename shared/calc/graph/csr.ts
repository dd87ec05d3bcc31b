/** Compressed adjacency lists: the targets of node v are targets[offsets[v] .. offsets[v+1]). */
export interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
  /** Optional per-entry payload (e.g. the edge id), aligned with targets. */
  labels: Int32Array;
}

/** Builds a CSR from parallel arrays of (from, to, label) entries in O(n + m). */
export function buildCsr(n: number, from: ArrayLike<number>, to: ArrayLike<number>, label?: ArrayLike<number>): Csr {
  const m = from.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) offsets[from[i]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v + 1]! + offsets[v]!;
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const labels = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const slot = cursor[from[i]!]!++;
    targets[slot] = to[i]!;
    labels[slot] = label === undefined ? i : label[i]!;
  }
  return { offsets, targets, labels };
}
