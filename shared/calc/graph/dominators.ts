/**
 * Immediate dominators: node d dominates v when every path from the root to v passes through d.
 *
 * Lengauer–Tarjan, the "simple" version with path compression: O(E log V), no recursion (ditch
 * networks are tens of thousands of nodes deep in the worst case, beyond the JS call stack).
 * Reference: T. Lengauer and R. E. Tarjan, "A fast algorithm for finding dominators in a
 * flowgraph", ACM TOPLAS 1(1), 1979.
 */
import type { Csr } from './csr';

/**
 * idom[v] for every node reachable from root over `successors`; idom[root] = root and
 * unreachable nodes get −1. `predecessors` must be the same edges reversed.
 */
export function immediateDominators(root: number, successors: Csr, predecessors: Csr): Int32Array {
  const n = successors.offsets.length - 1;
  // Everything below works on DFS preorder numbers 0..count−1 (root = 0).
  const numberOf = new Int32Array(n).fill(-1);
  const vertex = new Int32Array(n);
  const parent = new Int32Array(n);
  let count = 0;

  {
    const stackNode = new Int32Array(n);
    const stackEdge = new Int32Array(n);
    let sp = 0;
    numberOf[root] = count;
    vertex[count++] = root;
    parent[0] = -1;
    stackNode[sp] = root;
    stackEdge[sp++] = successors.offsets[root]!;
    while (sp > 0) {
      const v = stackNode[sp - 1]!;
      const e = stackEdge[sp - 1]!;
      if (e < successors.offsets[v + 1]!) {
        stackEdge[sp - 1] = e + 1;
        const w = successors.targets[e]!;
        if (numberOf[w] === -1) {
          numberOf[w] = count;
          vertex[count] = w;
          parent[count++] = numberOf[v]!;
          stackNode[sp] = w;
          stackEdge[sp++] = successors.offsets[w]!;
        }
      } else {
        sp--;
      }
    }
  }

  const semi = new Int32Array(count);
  const label = new Int32Array(count);
  const ancestor = new Int32Array(count).fill(-1);
  const idom = new Int32Array(count);
  const bucketHead = new Int32Array(count).fill(-1);
  const bucketNext = new Int32Array(count).fill(-1);
  const path = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    semi[i] = i;
    label[i] = i;
  }

  // eval(v): the vertex with the smallest semi on v's forest path, compressing the path as it goes.
  const evaluate = (v: number): number => {
    if (ancestor[v] === -1) return v;
    let depth = 0;
    let x = v;
    while (ancestor[ancestor[x]!] !== -1) {
      path[depth++] = x;
      x = ancestor[x]!;
    }
    // Unwind from the top of the path down, as the recursive compress() would.
    while (depth > 0) {
      const y = path[--depth]!;
      const a = ancestor[y]!;
      if (semi[label[a]!]! < semi[label[y]!]!) label[y] = label[a]!;
      ancestor[y] = ancestor[a]!;
    }
    return label[v]!;
  };

  for (let w = count - 1; w > 0; w--) {
    const node = vertex[w]!;
    for (let e = predecessors.offsets[node]!; e < predecessors.offsets[node + 1]!; e++) {
      const v = numberOf[predecessors.targets[e]!]!;
      if (v === -1) continue; // a predecessor the root cannot reach does not count
      const u = evaluate(v);
      if (semi[u]! < semi[w]!) semi[w] = semi[u]!;
    }
    bucketNext[w] = bucketHead[semi[w]!]!;
    bucketHead[semi[w]!] = w;
    const p = parent[w]!;
    ancestor[w] = p; // link(p, w)
    for (let v = bucketHead[p]!; v !== -1; v = bucketNext[v]!) {
      const u = evaluate(v);
      idom[v] = semi[u]! < semi[v]! ? u : p;
    }
    bucketHead[p] = -1;
  }
  for (let w = 1; w < count; w++) {
    if (idom[w] !== semi[w]) idom[w] = idom[idom[w]!]!;
  }

  const result = new Int32Array(n).fill(-1);
  result[root] = root;
  for (let w = 1; w < count; w++) result[vertex[w]!] = vertex[idom[w]!]!;
  return result;
}
