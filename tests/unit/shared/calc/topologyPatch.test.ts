import { describe, expect, it } from 'vitest';
import { buildTopology, type DrainageTopology } from '../../../../shared/calc/networkTopology';
import type { NetworkSegment } from '../../../../shared/calc/networkTypes';
import { growTopology } from '../../../../shared/calc/topologyGrow';
import { patchTopology } from '../../../../shared/calc/topologyPatch';
import { random } from '../../../helpers/random';
import { at } from './helpers';

const TOLERANCE = 2;
/** Ditch ends sit on a 40 m lattice, so a moved end often lands on other ditches' junctions. */
const STEP = 40;
const SIDE = 9;

function ditch(id: string, a: [number, number], b: [number, number]): NetworkSegment {
  return { id, kind: 'field', coords: [at(...a), at(...b)], condition: 'clear', storageM3: 1, conveyanceM3s: 1 };
}

/** What a user can tell from a topology: the ranking's preorder, directions, problems and counts. */
function seen(t: DrainageTopology) {
  return {
    order: [...t.order.slice(0, t.drainingCount)],
    rangeStart: [...t.rangeStart],
    rangeEnd: [...t.rangeEnd],
    reversed: t.reversedSegmentIds,
    cutOffOrder: t.cutOffOrder,
    problems: t.problems,
    stats: t.stats,
    lengthM: [...t.lengthM],
  };
}

describe('a topology patched after moves equals one built from scratch', () => {
  it('ends moved onto other components, off the network and back, through loops, gaps and stuck ditches', () => {
    const rnd = random(15);
    const point = (): [number, number] => [Math.floor(rnd() * SIDE) * STEP, Math.floor(rnd() * SIDE) * STEP + STEP];
    const segments: NetworkSegment[] = [{ id: 'river', kind: 'river', coords: [at(-50, 0), at(SIDE * STEP + 50, 0)], condition: 'clear', storageM3: 0, conveyanceM3s: 0 }];
    for (let i = 0; i < 90; i++) {
      const a = point();
      // Half the ditches start at the river, so most components drain and some do not.
      const b: [number, number] = rnd() < 0.15 ? [a[0], 0] : point();
      segments.push(ditch(`d${i}`, a, b));
    }
    const t = buildTopology(segments, TOLERANCE);
    expect(t.problems.some((p) => p.code === 'loop')).toBe(true);
    expect(t.problems.some((p) => p.code === 'gap')).toBe(true);
    let patched = 0;
    for (let step = 0; step < 300; step++) {
      const moved = new Set<number>();
      for (let n = 1 + Math.floor(rnd() * 2); n > 0; n--) moved.add(1 + Math.floor(rnd() * 90));
      for (const i of moved) {
        const s = segments[i]!;
        const coords = [...s.coords];
        const end = rnd() < 0.5 ? 0 : coords.length - 1;
        // Onto the lattice (joining whatever is there), or a little off it (within or past the tolerance).
        const [x, y] = point();
        coords[end] = rnd() < 0.7 ? at(x, y) : at(x + (rnd() - 0.5) * 3 * TOLERANCE, y);
        segments[i] = { ...s, coords };
      }
      if (patchTopology(t, segments, [...moved]) !== null) patched++;
      expect(seen(t), `step ${step}`).toEqual(seen(buildTopology(segments, TOLERANCE)));
    }
    expect(patched).toBe(300);
  });

  it('new ditches drawn at the end, then other ditches moved onto them', () => {
    const rnd = random(3);
    const point = (): [number, number] => [Math.floor(rnd() * 6) * STEP, Math.floor(rnd() * 6) * STEP];
    const segments: NetworkSegment[] = [{ id: 'river', kind: 'river', coords: [at(-50, 0), at(300, 0)], condition: 'clear', storageM3: 0, conveyanceM3s: 0 }];
    for (let i = 0; i < 20; i++) segments.push(ditch(`d${i}`, point(), point()));
    const t = buildTopology(segments, TOLERANCE);
    for (let step = 0; step < 120; step++) {
      const changed: number[] = [];
      if (rnd() < 0.4) {
        // Drawn somewhere new (its ends off the lattice), so only a later move joins it to the rest.
        segments.push(ditch(`n${step}`, [rnd() * 250, rnd() * 250], [rnd() * 250, rnd() * 250]));
        changed.push(segments.length - 1);
        expect(growTopology(t, segments)).toEqual(changed);
      } else {
        const i = 1 + Math.floor(rnd() * (segments.length - 1));
        const target = segments[1 + Math.floor(rnd() * (segments.length - 1))]!.coords[1]!;
        segments[i] = { ...segments[i]!, coords: [segments[i]!.coords[0]!, target] };
        changed.push(i);
      }
      expect(patchTopology(t, segments, changed), `step ${step}`).not.toBeNull();
      expect(seen(t), `step ${step}`).toEqual(seen(buildTopology(segments, TOLERANCE)));
    }
  });

  it('the patched ditch pieces find what a fresh index finds', () => {
    const rnd = random(7);
    const segments = Array.from({ length: 40 }, (_, i) => ditch(`d${i}`, [rnd() * 400, rnd() * 400], [rnd() * 400, rnd() * 400]));
    const t = buildTopology(segments, TOLERANCE);
    t.ditchIndex();
    for (let step = 0; step < 50; step++) {
      // Some moves and new ditches leave the extent the index's grid was made for.
      const line = ditch(`n${step}`, [rnd() * 900 - 200, rnd() * 900 - 200], [rnd() * 400, rnd() * 400]);
      let i = Math.floor(rnd() * 40);
      if (rnd() < 0.3) {
        segments.push(line);
        i = segments.length - 1;
        growTopology(t, segments);
      } else {
        segments[i] = { ...line, id: segments[i]!.id };
      }
      expect(patchTopology(t, segments, [i])).not.toBeNull();
      const fresh = buildTopology(segments, TOLERANCE);
      for (let q = 0; q < 40; q++) {
        const [lon, lat] = rnd() < 0.5 ? segments[Math.floor(rnd() * 40)]!.coords[0]! : at(rnd() * 900 - 200, rnd() * 900 - 200);
        const found = (topology: DrainageTopology) => {
          const out: string[] = [];
          topology.ditchIndex().near(topology.projection.x(lon), topology.projection.y(lat), (line, vertex, d) => out.push(`${line}:${vertex}:${d}`));
          return out.sort();
        };
        expect(found(t), `step ${step}`).toEqual(found(fresh));
      }
    }
  });

  it('a moved river or a ditch turned river is left to a full build', () => {
    const segments = [
      { id: 'river', kind: 'river', coords: [at(0, 0), at(100, 0)], condition: 'clear', storageM3: 0, conveyanceM3s: 0 },
      ditch('a', [50, 50], [50, 0]),
    ] as NetworkSegment[];
    const t = buildTopology(segments, TOLERANCE);
    const before = seen(t);
    expect(patchTopology(t, [{ ...segments[0]!, coords: [at(0, 10), at(100, 10)] }, segments[1]!], [0])).toBeNull();
    expect(patchTopology(t, [segments[0]!, { ...segments[1]!, kind: 'river' }], [1])).toBeNull();
    expect(seen(t)).toEqual(before);
  });
});
