/** Multi-source shortest paths (Dijkstra with a binary heap), O((V + E) log V). */
import type { Csr } from './csr';

/**
 * Distance from every node to the nearest source over an undirected weighted graph given as a
 * CSR whose labels index `weights`. Unreachable nodes get Infinity.
 */
export function distancesFromSources(adjacency: Csr, weights: ArrayLike<number>, sources: Iterable<number>): Float64Array {
  const n = adjacency.offsets.length - 1;
  const dist = new Float64Array(n).fill(Infinity);
  // Lazy-deletion heap of (distance, node); stale entries are skipped when popped.
  let heapKeys = new Float64Array(Math.max(16, n));
  let heapNodes = new Int32Array(Math.max(16, n));
  let size = 0;

  const push = (key: number, node: number): void => {
    if (size === heapKeys.length) {
      const keys = new Float64Array(size * 2);
      keys.set(heapKeys);
      heapKeys = keys;
      const nodes = new Int32Array(size * 2);
      nodes.set(heapNodes);
      heapNodes = nodes;
    }
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKeys[parent]! <= key) break;
      heapKeys[i] = heapKeys[parent]!;
      heapNodes[i] = heapNodes[parent]!;
      i = parent;
    }
    heapKeys[i] = key;
    heapNodes[i] = node;
  };

  const pop = (): void => {
    size--;
    const key = heapKeys[size]!;
    const node = heapNodes[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heapKeys[child + 1]! < heapKeys[child]!) child++;
      if (heapKeys[child]! >= key) break;
      heapKeys[i] = heapKeys[child]!;
      heapNodes[i] = heapNodes[child]!;
      i = child;
    }
    heapKeys[i] = key;
    heapNodes[i] = node;
  };

  for (const s of sources) {
    if (dist[s] !== 0) {
      dist[s] = 0;
      push(0, s);
    }
  }
  const { offsets, targets, labels } = adjacency;
  while (size > 0) {
    const d = heapKeys[0]!;
    const v = heapNodes[0]!;
    pop();
    if (d > dist[v]!) continue;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const w = targets[e]!;
      const nd = d + weights[labels[e]!]!;
      if (nd < dist[w]!) {
        dist[w] = nd;
        push(nd, w);
      }
    }
  }
  return dist;
}
