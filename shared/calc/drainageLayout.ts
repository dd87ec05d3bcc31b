/**
 * The graph half of the drainage topology (network.ts has the model) for a list of ditches given by
 * their projected endpoints: junctions, outlets, flow directions, the post-dominator preorder, gaps,
 * loops and stuck ditches. buildTopology runs it on every ditch; topologyPatch runs it on the
 * junction components a move can reach. Nothing here crosses from one junction component to
 * another, and every order it produces follows the ditches' order (junctions by their first
 * endpoint, ditches by number), so run on a closed set of components in the township's order it
 * gives, for those ditches, exactly what a run on the whole township gives.
 */
import { findBridges } from './graph/bridges';
import { buildCsr } from './graph/csr';
import { immediateDominators } from './graph/dominators';
import { distancesFromSources } from './graph/shortestPaths';
import { UnionFind } from './graph/unionFind';
import { snapPoints } from './networkGrid';

/** What the layout says about ditches 0..n−1; endpoint 2k is ditch k's start, 2k+1 its end. */
export interface DrainageLayout {
  junctionCount: number;
  outletCount: number;
  /** The first endpoint of each junction, by junction number (its number follows this order). */
  junctionHead: Int32Array;
  /** 1 for a junction that is an outlet. */
  junctionIsOutlet: Uint8Array;
  /** 1 where the ditch flows against its coordinate order. */
  reversed: Uint8Array;
  /** Dominator-tree preorder of the draining ditches; ditch k's cut-off set is order[rangeStart[k] .. rangeEnd[k]), −1 when it reaches no river. */
  order: Int32Array;
  rangeStart: Int32Array;
  rangeEnd: Int32Array;
  drainingCount: number;
  /**
   * The preorder's blocks, one per child of the virtual sink (an outlet junction's subtree, all in
   * one component), in order: [blockStart[b], blockStart[b] + blockLength[b]) keyed by the first
   * endpoint of the block's junction. A township's preorder is its blocks sorted by key.
   */
  blockKey: Int32Array;
  blockStart: Int32Array;
  blockLength: Int32Array;
  /** The next ditch of the same junction component (a ring in ditch order). */
  componentNext: Int32Array;
  /** Per ditch: the first ditch of its gap (a component without an outlet) or of its loop area, or −1. */
  gapLabel: Int32Array;
  loopLabel: Int32Array;
  /** 1 for a ditch with an outlet in its component but no way to it. */
  stuck: Uint8Array;
}

/**
 * Lays out ditches 0..n−1 with endpoints (endX[p], endY[p]) in projected metres, `nearRiver[p]` 1
 * where endpoint p lies within the tolerance of a river, and lengths `lengthM` (m).
 */
export function drainageLayout(endX: Float64Array, endY: Float64Array, nearRiver: Uint8Array, lengthM: Float64Array, tolerance: number): DrainageLayout {
  const ditchCount = lengthM.length;
  // --- Junctions: ends within the tolerance, transitively; numbered by their first endpoint.
  const endpointSets = snapPoints(endX, endY, tolerance);
  const junctionOfRoot = new Int32Array(2 * ditchCount).fill(-1);
  const junctionOf = new Int32Array(2 * ditchCount);
  const heads: number[] = [];
  for (let p = 0; p < 2 * ditchCount; p++) {
    const root = endpointSets.find(p);
    if (junctionOfRoot[root] === -1) {
      junctionOfRoot[root] = heads.length;
      heads.push(p);
    }
    junctionOf[p] = junctionOfRoot[root]!;
  }
  const junctionCount = heads.length;
  const startJ = new Int32Array(ditchCount);
  const endJ = new Int32Array(ditchCount);
  for (let k = 0; k < ditchCount; k++) {
    startJ[k] = junctionOf[2 * k]!;
    endJ[k] = junctionOf[2 * k + 1]!;
  }

  // --- Outlets: junctions with an end touching a river.
  const isOutlet = new Uint8Array(junctionCount);
  const outlets: number[] = [];
  for (let p = 0; p < 2 * ditchCount; p++) {
    const j = junctionOf[p]!;
    if (nearRiver[p] === 1 && isOutlet[j] === 0) {
      isOutlet[j] = 1;
      outlets.push(j);
    }
  }

  // --- Distance of each junction to the nearest outlet, m, and each ditch's direction.
  const edgeFrom = new Int32Array(2 * ditchCount);
  const edgeTo = new Int32Array(2 * ditchCount);
  const edgeLabel = new Int32Array(2 * ditchCount);
  for (let k = 0; k < ditchCount; k++) {
    edgeFrom[k] = startJ[k]!;
    edgeTo[k] = endJ[k]!;
    edgeFrom[ditchCount + k] = endJ[k]!;
    edgeTo[ditchCount + k] = startJ[k]!;
    edgeLabel[k] = edgeLabel[ditchCount + k] = k;
  }
  const distance = distancesFromSources(buildCsr(junctionCount, edgeFrom, edgeTo, edgeLabel), lengthM, outlets);
  const upJ = new Int32Array(ditchCount);
  const downJ = new Int32Array(ditchCount);
  const reversed = new Uint8Array(ditchCount);
  for (let k = 0; k < ditchCount; k++) {
    const s = startJ[k]!;
    const e = endJ[k]!;
    if (distance[s]! < distance[e]!) {
      upJ[k] = e;
      downJ[k] = s;
      reversed[k] = 1;
    } else {
      upJ[k] = s;
      downJ[k] = e;
    }
  }

  // --- Reversed flow graph: 0 = sink, 1 + j = junction j, 1 + J + k = ditch k.
  const nodeCount = 1 + junctionCount + ditchCount;
  const edgeCount = outlets.length + 2 * ditchCount;
  const from = new Int32Array(edgeCount);
  const to = new Int32Array(edgeCount);
  let edge = 0;
  for (const j of outlets) {
    from[edge] = 0;
    to[edge++] = 1 + j;
  }
  for (let k = 0; k < ditchCount; k++) {
    // Water goes up-junction → ditch → down-junction; reversed: down → ditch → up.
    from[edge] = 1 + downJ[k]!;
    to[edge++] = 1 + junctionCount + k;
    from[edge] = 1 + junctionCount + k;
    to[edge++] = 1 + upJ[k]!;
  }
  const idom = immediateDominators(0, buildCsr(nodeCount, from, to), buildCsr(nodeCount, to, from));

  // --- Dominator-tree preorder, cut into the sink's subtrees (blocks).
  const childFrom: number[] = [];
  const childTo: number[] = [];
  for (let v = 1; v < nodeCount; v++) {
    if (idom[v] !== -1) {
      childFrom.push(idom[v]!);
      childTo.push(v);
    }
  }
  const children = buildCsr(nodeCount, childFrom, childTo);
  const rangeStart = new Int32Array(ditchCount).fill(-1);
  const rangeEnd = new Int32Array(ditchCount).fill(-1);
  const order = new Int32Array(ditchCount);
  const blockKey: number[] = [];
  const blockStart: number[] = [];
  const blockLength: number[] = [];
  let position = 0;
  {
    const stackNode = new Int32Array(nodeCount);
    const stackCursor = new Int32Array(nodeCount);
    let sp = 0;
    let blockFrom = 0;
    stackNode[sp] = 0;
    stackCursor[sp++] = children.offsets[0]!;
    while (sp > 0) {
      const v = stackNode[sp - 1]!;
      const c = stackCursor[sp - 1]!;
      if (c < children.offsets[v + 1]!) {
        stackCursor[sp - 1] = c + 1;
        const w = children.targets[c]!;
        if (v === 0) blockFrom = position;
        const k = w - 1 - junctionCount;
        if (k >= 0) {
          rangeStart[k] = position;
          order[position++] = k;
        }
        stackNode[sp] = w;
        stackCursor[sp++] = children.offsets[w]!;
      } else {
        sp--;
        const k = v - 1 - junctionCount;
        if (k >= 0) rangeEnd[k] = position;
        // A child of the sink is always a junction (a ditch node's one way in is its down-junction).
        if (sp === 1 && position > blockFrom) {
          blockKey.push(heads[v - 1]!);
          blockStart.push(blockFrom);
          blockLength.push(position - blockFrom);
        }
      }
    }
  }

  // --- Components: a ring of ditches each; gaps (no outlet) and stuck ditches (an outlet, no way to it).
  const components = new UnionFind(junctionCount);
  for (let k = 0; k < ditchCount; k++) components.union(startJ[k]!, endJ[k]!);
  const componentHasOutlet = new Uint8Array(junctionCount);
  for (const j of outlets) componentHasOutlet[components.find(j)] = 1;
  const firstOf = new Int32Array(junctionCount).fill(-1);
  const lastOf = new Int32Array(junctionCount).fill(-1);
  const componentNext = new Int32Array(ditchCount);
  const gapLabel = new Int32Array(ditchCount).fill(-1);
  const stuck = new Uint8Array(ditchCount);
  for (let k = 0; k < ditchCount; k++) {
    const root = components.find(startJ[k]!);
    if (firstOf[root] === -1) firstOf[root] = k;
    else componentNext[lastOf[root]!] = k;
    lastOf[root] = k;
    componentNext[k] = firstOf[root]!;
    if (rangeStart[k] !== -1) continue;
    if (componentHasOutlet[root] === 1) stuck[k] = 1;
    else gapLabel[k] = firstOf[root]!;
  }

  // --- Loops: ditches on a cycle (not bridges), grouped by the connected area of the loops.
  const cycleFrom: number[] = [];
  const cycleTo: number[] = [];
  const cycleLabel: number[] = [];
  for (let k = 0; k < ditchCount; k++) {
    if (startJ[k] === endJ[k]) continue; // a closed ring: a loop by itself, handled below
    cycleFrom.push(startJ[k]!, endJ[k]!);
    cycleTo.push(endJ[k]!, startJ[k]!);
    cycleLabel.push(k, k);
  }
  const isBridge = findBridges(buildCsr(junctionCount, cycleFrom, cycleTo, cycleLabel), ditchCount);
  const loopAreas = new UnionFind(junctionCount);
  const onLoop = new Uint8Array(ditchCount);
  for (let k = 0; k < ditchCount; k++) {
    if (startJ[k] === endJ[k] || isBridge[k] === 0) {
      onLoop[k] = 1;
      loopAreas.union(startJ[k]!, endJ[k]!);
    }
  }
  const loopLabel = new Int32Array(ditchCount).fill(-1);
  const loopFirst = new Int32Array(junctionCount).fill(-1);
  for (let k = 0; k < ditchCount; k++) {
    if (onLoop[k] !== 1) continue;
    const root = loopAreas.find(startJ[k]!);
    if (loopFirst[root] === -1) loopFirst[root] = k;
    loopLabel[k] = loopFirst[root]!;
  }

  return {
    junctionCount,
    outletCount: outlets.length,
    junctionHead: Int32Array.from(heads),
    junctionIsOutlet: isOutlet,
    reversed,
    order,
    rangeStart,
    rangeEnd,
    drainingCount: position,
    blockKey: Int32Array.from(blockKey),
    blockStart: Int32Array.from(blockStart),
    blockLength: Int32Array.from(blockLength),
    componentNext,
    gapLabel,
    loopLabel,
    stuck,
  };
}
