/** Bridges of an undirected multigraph (Tarjan's low-link), iterative, O(V + E). */
import type { Csr } from './csr';

/**
 * Marks every edge that is not on any cycle. `adjacency` lists each undirected edge from both
 * ends with the edge id as label; self-loops must be left out (they are cycles by themselves).
 * Parallel edges are handled: only the tree edge's own id is skipped, so a double edge is a cycle.
 */
export function findBridges(adjacency: Csr, edgeCount: number): Uint8Array {
  const n = adjacency.offsets.length - 1;
  const { offsets, targets, labels } = adjacency;
  const isBridge = new Uint8Array(edgeCount);
  const tin = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parentEdge = new Int32Array(n).fill(-1);
  const stackNode = new Int32Array(n);
  const stackCursor = new Int32Array(n);
  let timer = 0;

  for (let start = 0; start < n; start++) {
    if (tin[start] !== -1) continue;
    let sp = 0;
    tin[start] = low[start] = timer++;
    stackNode[sp] = start;
    stackCursor[sp++] = offsets[start]!;
    while (sp > 0) {
      const v = stackNode[sp - 1]!;
      const c = stackCursor[sp - 1]!;
      if (c < offsets[v + 1]!) {
        stackCursor[sp - 1] = c + 1;
        const edge = labels[c]!;
        if (edge === parentEdge[v]) continue;
        const w = targets[c]!;
        if (tin[w] === -1) {
          tin[w] = low[w] = timer++;
          parentEdge[w] = edge;
          stackNode[sp] = w;
          stackCursor[sp++] = offsets[w]!;
        } else if (tin[w]! < low[v]!) {
          low[v] = tin[w]!;
        }
      } else {
        sp--;
        if (sp > 0) {
          const p = stackNode[sp - 1]!;
          if (low[v]! < low[p]!) low[p] = low[v]!;
          if (low[v]! > tin[p]!) isBridge[parentEdge[v]!] = 1;
        }
      }
    }
  }
  return isBridge;
}
