import { describe, expect, it } from 'vitest';
import { findBridges } from '../../../../shared/calc/graph/bridges';
import { buildCsr } from '../../../../shared/calc/graph/csr';
import { immediateDominators } from '../../../../shared/calc/graph/dominators';
import { distancesFromSources } from '../../../../shared/calc/graph/shortestPaths';
import { random } from '../../../helpers/random';

function reachable(n: number, edges: [number, number][], root: number, removed: number): boolean[] {
  const seen = new Array<boolean>(n).fill(false);
  if (root === removed) return seen;
  const stack = [root];
  seen[root] = true;
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const [a, b] of edges) {
      if (a === v && b !== removed && !seen[b]) {
        seen[b] = true;
        stack.push(b);
      }
    }
  }
  return seen;
}

/** idom by definition: of the strict dominators of v, the one all the others dominate. */
function bruteForceIdom(n: number, edges: [number, number][], root: number): number[] {
  const base = reachable(n, edges, root, -1);
  const dominators: Set<number>[] = [];
  for (let v = 0; v < n; v++) dominators.push(new Set());
  for (let d = 0; d < n; d++) {
    const without = reachable(n, edges, root, d);
    for (let v = 0; v < n; v++) if (v !== d && base[v] && !without[v]) dominators[v]!.add(d);
  }
  return dominators.map((set, v) => {
    if (!base[v]) return -1;
    if (v === root) return root;
    let best = -1;
    for (const d of set) if (best === -1 || dominators[d]!.size > dominators[best]!.size) best = d;
    return best;
  });
}

describe('immediateDominators (Lengauer–Tarjan)', () => {
  it('matches the definition on 500 random graphs, cycles and unreachable nodes included', () => {
    const rand = random(6);
    for (let trial = 0; trial < 500; trial++) {
      const n = 1 + Math.floor(rand() * 12);
      const m = Math.floor(rand() * n * 2.5);
      const edges: [number, number][] = [];
      for (let i = 0; i < m; i++) edges.push([Math.floor(rand() * n), Math.floor(rand() * n)]);
      const from = edges.map((e) => e[0]);
      const to = edges.map((e) => e[1]);
      const got = immediateDominators(0, buildCsr(n, from, to), buildCsr(n, to, from));
      expect([...got], `trial ${trial}: ${JSON.stringify(edges)}`).toEqual(bruteForceIdom(n, edges, 0));
    }
  });

  it('handles a 200,000-node chain without overflowing the stack', () => {
    const n = 200_000;
    const from = Array.from({ length: n - 1 }, (_, i) => i);
    const to = from.map((i) => i + 1);
    const idom = immediateDominators(0, buildCsr(n, from, to), buildCsr(n, to, from));
    expect(idom[n - 1]).toBe(n - 2);
  });
});

describe('findBridges', () => {
  it('matches removal-disconnects on random multigraphs', () => {
    const rand = random(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rand() * 10);
      const edges: [number, number][] = [];
      const m = Math.floor(rand() * n * 1.5);
      for (let i = 0; i < m; i++) {
        const a = Math.floor(rand() * n);
        const b = Math.floor(rand() * n);
        if (a !== b) edges.push([a, b]);
      }
      const both = edges.flatMap(([a, b], i) => [[a, b, i], [b, a, i]] as const);
      const got = findBridges(buildCsr(n, both.map((e) => e[0]), both.map((e) => e[1]), both.map((e) => e[2])), edges.length);
      edges.forEach(([a, b], i) => {
        const rest = edges.filter((_, j) => j !== i).flatMap(([x, y]) => [[x, y], [y, x]] as [number, number][]);
        const stillJoined = reachable(n, rest, a, -1)[b];
        expect(got[i] === 1, `trial ${trial} edge ${i}: ${JSON.stringify(edges)}`).toBe(!stillJoined);
      });
    }
  });
});

describe('distancesFromSources', () => {
  it('takes the shortest of several routes and leaves unreachable nodes at Infinity', () => {
    // 0 –5– 1 –1– 2, 0 –2– 2, node 3 isolated
    const from = [0, 1, 1, 2, 0, 2];
    const to = [1, 0, 2, 1, 2, 0];
    const label = [0, 0, 1, 1, 2, 2];
    const d = distancesFromSources(buildCsr(4, from, to, label), [5, 1, 2], [0]);
    expect([...d]).toEqual([0, 3, 2, Infinity]);
  });
});
