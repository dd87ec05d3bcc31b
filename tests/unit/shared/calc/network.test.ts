import { describe, expect, it } from 'vitest';
import { analyzeBlockages, cutOffSegmentIds } from '../../../../shared/calc/network';
import type { NetworkAnalysis, NetworkProblem, NetworkSegment } from '../../../../shared/calc/networkTypes';
import { at } from './helpers';

type Extra = Partial<Pick<NetworkSegment, 'storageM3' | 'conveyanceM3s' | 'catchmentM2' | 'lengthM'>>;

function ditch(id: string, kind: NetworkSegment['kind'], points: [number, number][], extra: Extra = {}): NetworkSegment {
  return {
    id,
    kind,
    coords: points.map(([x, y]) => at(x, y)),
    condition: 'clear',
    storageM3: 0,
    conveyanceM3s: 0,
    ...extra,
  };
}

const river = (id: string, points: [number, number][]): NetworkSegment => ditch(id, 'river', points);
const options = { snapToleranceM: 1, rainMm: 50, runoffCoefficient: 0.6 };

function impact(analysis: NetworkAnalysis, blockageId: string) {
  const found = analysis.ranking.find((r) => r.blockageId === blockageId);
  if (found === undefined) throw new Error(`${blockageId} not ranked`);
  return found;
}

function codes(problems: NetworkProblem[]): string[] {
  return problems.map((p) => p.code);
}

/*
 * A tree draining to a river along y = 0:
 *
 *   T3                T1
 *   |                 |
 *   B2 ---- J ---- B1 ---- T2
 *           |
 *           M
 *   ======= river =========
 */
const tree: NetworkSegment[] = [
  river('R', [[-600, 0], [1600, 0]]),
  // drawn from the river upward: must be found to flow the other way
  ditch('M', 'main', [[0, 0], [0, 1000]], { lengthM: 1000, storageM3: 5000, conveyanceM3s: 3, catchmentM2: 100_000 }),
  ditch('B1', 'branch', [[0, 1000], [250, 1000], [500, 1000]], { lengthM: 500, storageM3: 1000, conveyanceM3s: 1.5, catchmentM2: 200_000 }),
  ditch('T1', 'field', [[500, 1000], [500, 1500]], { lengthM: 500, storageM3: 200, conveyanceM3s: 0.3, catchmentM2: 300_000 }),
  ditch('T2', 'field', [[1000, 1000], [500, 1000]], { lengthM: 500, storageM3: 300, conveyanceM3s: 0.4, catchmentM2: 400_000 }),
  ditch('B2', 'branch', [[-500, 1000], [0, 1000]], { lengthM: 500, storageM3: 1000, conveyanceM3s: 1.2, catchmentM2: 250_000 }),
  ditch('T3', 'field', [[-500, 1500], [-500, 1000]], { lengthM: 500, storageM3: 400, conveyanceM3s: 0.5, catchmentM2: 350_000 }),
];

describe('blockage ranking on a tree', () => {
  const analysis = analyzeBlockages(
    tree,
    [
      { id: 'X1', ditchId: 'B1' },
      { id: 'X2', ditchId: 'M' },
      // half a metre beside the middle of T3: placed by position
      { id: 'X3', position: at(-499.5, 1250) },
      { id: 'X4', ditchId: 'nope' },
    ],
    options,
  );

  it('finds the junctions, the outlet and the flow directions', () => {
    expect(analysis.stats).toEqual({
      segments: 7,
      ditchSegments: 6,
      riverSegments: 1,
      junctions: 7,
      outletJunctions: 1,
      drainingSegments: 6,
    });
    expect([...analysis.reversedSegmentIds].sort()).toEqual(['B1', 'M', 'T1']);
  });

  it('blocking a branch cuts off exactly the branch and its twigs', () => {
    const x1 = impact(analysis, 'X1');
    expect(x1.segmentId).toBe('B1');
    expect(cutOffSegmentIds(analysis, x1)[0]).toBe('B1');
    expect(cutOffSegmentIds(analysis, x1).sort()).toEqual(['B1', 'T1', 'T2']);
    expect(x1.cutOff.segmentCount).toBe(3);
    expect(x1.cutOff.lengthM).toBe(1500);
    expect(x1.cutOff.storageM3).toBe(1500);
    expect(x1.cutOff.conveyanceM3s).toBeCloseTo(2.2, 12);
    expect(x1.cutOff.catchmentM2).toBe(900_000);
    expect(x1.cutOff.catchmentMissingCount).toBe(0);
    // 0.6 · 50/1000 · 900,000 = 27,000 m³
    expect(x1.cutOff.runoffHeldM3).toBeCloseTo(27_000, 6);
    expect(x1.blockagesInside).toEqual([]);
  });

  it('blocking the trunk cuts off everything upstream', () => {
    const x2 = impact(analysis, 'X2');
    expect(cutOffSegmentIds(analysis, x2).sort()).toEqual(['B1', 'B2', 'M', 'T1', 'T2', 'T3']);
    expect(x2.cutOff.storageM3).toBe(7900);
    expect(x2.cutOff.lengthM).toBe(3500);
    expect(x2.cutOff.catchmentM2).toBe(1_600_000);
    expect(x2.cutOff.runoffHeldM3).toBeCloseTo(48_000, 6);
    expect([...x2.blockagesInside].sort()).toEqual(['X1', 'X3']);
  });

  it('places a position-only blockage on the nearest ditch within tolerance', () => {
    const x3 = impact(analysis, 'X3');
    expect(x3.locatedBy).toBe('position');
    expect(x3.segmentId).toBe('T3');
    expect(cutOffSegmentIds(analysis, x3)).toEqual(['T3']);
    expect(x3.cutOff.runoffHeldM3).toBeCloseTo(10_500, 6);
  });

  it('ranks by runoff held back and reports the unknown ditch instead of ranking it', () => {
    expect(analysis.ranking.map((r) => [r.rank, r.blockageId])).toEqual([
      [1, 'X2'],
      [2, 'X1'],
      [3, 'X3'],
    ]);
    expect(analysis.problems).toEqual([
      {
        code: 'unknown_ditch',
        blockageId: 'X4',
        ditchId: 'nope',
        message: { zh: '堵点 X4 所在沟渠 nope 不存在', en: 'blockage X4 is on ditch nope, which does not exist' },
      },
    ]);
  });

  it('ranks by storage when there is no rain, and counts missing catchments', () => {
    const noCatchment = tree.map((s) => (s.id === 'T2' ? { ...s, catchmentM2: null } : s));
    const dry = analyzeBlockages(noCatchment, [{ id: 'a', ditchId: 'T1' }, { id: 'b', ditchId: 'B2' }], { ...options, rainMm: 0 });
    expect(dry.ranking.map((r) => r.blockageId)).toEqual(['b', 'a']);
    expect(dry.ranking[0]!.cutOff.runoffHeldM3).toBe(0);
    const trunk = analyzeBlockages(noCatchment, [{ id: 'm', ditchId: 'M' }], options);
    expect(trunk.ranking[0]!.cutOff.catchmentMissingCount).toBe(1);
    expect(trunk.ranking[0]!.cutOff.catchmentM2).toBe(1_200_000);
  });

  it('computes geodesic lengths when none are given', () => {
    const bare = tree.map((s) => ({ ...s, lengthM: null }));
    const r = analyzeBlockages(bare, [{ id: 'x', ditchId: 'T1' }], options);
    // T1 runs 500 m north on the ellipsoid
    expect(r.ranking[0]!.cutOff.lengthM).toBeCloseTo(500, 1);
  });
});

/*
 * A loop: water at F can go down either side.
 *
 *          U
 *          F
 *      LT     RT
 *     P         Q
 *      L      RS
 *          A
 *          M
 *   ===== river =====
 */
const loop: NetworkSegment[] = [
  river('R', [[-200, 0], [200, 0]]),
  ditch('M', 'main', [[0, 0], [0, 100]], { lengthM: 100, storageM3: 10, catchmentM2: 1000 }),
  ditch('L', 'branch', [[0, 100], [-100, 200]], { lengthM: 100, storageM3: 20, catchmentM2: 2000 }),
  ditch('RS', 'branch', [[0, 100], [100, 200]], { lengthM: 100, storageM3: 30, catchmentM2: 3000 }),
  ditch('LT', 'field', [[-100, 200], [0, 300]], { lengthM: 100, storageM3: 40, catchmentM2: 4000 }),
  ditch('RT', 'field', [[100, 200], [0, 300]], { lengthM: 120, storageM3: 50, catchmentM2: 5000 }),
  ditch('U', 'field', [[0, 300], [0, 400]], { lengthM: 100, storageM3: 70, catchmentM2: 6000 }),
];

describe('blockage ranking on a loop', () => {
  const analysis = analyzeBlockages(
    loop,
    [
      { id: 'onL', ditchId: 'L' },
      { id: 'onU', ditchId: 'U' },
      { id: 'onM', ditchId: 'M' },
    ],
    options,
  );

  it('does not cut off a segment that has another way out', () => {
    // P drains only through L, so LT (which flows F → P) is cut off too; F still drains via RT.
    expect(cutOffSegmentIds(analysis, impact(analysis, 'onL')).sort()).toEqual(['L', 'LT']);
    expect(cutOffSegmentIds(analysis, impact(analysis, 'onU'))).toEqual(['U']);
    expect(cutOffSegmentIds(analysis, impact(analysis, 'onM')).sort()).toEqual(['L', 'LT', 'M', 'RS', 'RT', 'U']);
  });

  it('reports the loop', () => {
    expect(codes(analysis.problems)).toEqual(['loop']);
    const problem = analysis.problems[0]!;
    expect(problem.code === 'loop' && [...problem.segmentIds].sort()).toEqual(['L', 'LT', 'RS', 'RT']);
    expect(problem.message.zh).toContain('环路');
  });

  it('ranks the trunk first; equal runoff is ranked by storage cut off', () => {
    // onL holds L + LT = 6,000 m² → 0.6 · 0.05 · 6,000 = 180 m³, storage 20 + 40 = 60 m³
    // onU holds U = 6,000 m² → 180 m³, storage 70 m³
    expect(impact(analysis, 'onL').cutOff.runoffHeldM3).toBeCloseTo(180, 9);
    expect(impact(analysis, 'onU').cutOff.runoffHeldM3).toBeCloseTo(180, 9);
    expect(impact(analysis, 'onL').cutOff.storageM3).toBe(60);
    expect(analysis.ranking.map((r) => r.blockageId)).toEqual(['onM', 'onU', 'onL']);
  });
});

describe('network problems', () => {
  it('reports a gap and does not rank a blockage in it', () => {
    const segments = [
      ...tree,
      ditch('G1', 'field', [[3000, 3000], [3100, 3000]], { storageM3: 1e9, catchmentM2: 1e9 }),
      ditch('G2', 'field', [[3100, 3000], [3200, 3000]]),
    ];
    const r = analyzeBlockages(segments, [{ id: 'g', ditchId: 'G1' }, { id: 'b', ditchId: 'B2' }], options);
    expect(r.ranking.map((x) => x.blockageId)).toEqual(['b']);
    expect(codes(r.problems)).toEqual(['gap', 'blockage_in_gap']);
    const gap = r.problems[0]!;
    expect(gap.code === 'gap' && gap.segmentIds).toEqual(['G1', 'G2']);
    expect(r.problems[1]).toMatchObject({ code: 'blockage_in_gap', blockageId: 'g', segmentId: 'G1' });
    expect(r.stats.drainingSegments).toBe(6);
  });

  it('joins endpoints within the tolerance only', () => {
    const near = [river('R', [[-10, 0], [10, 0]]), ditch('A', 'main', [[0, 0.5], [0, 100]]), ditch('B', 'field', [[0.8, 100], [0, 200]])];
    const joined = analyzeBlockages(near, [{ id: 'a', ditchId: 'A' }], options);
    expect(cutOffSegmentIds(joined, joined.ranking[0]!).sort()).toEqual(['A', 'B']);
    const far = near.map((s) => (s.id === 'B' ? ditch('B', 'field', [[1.5, 100], [0, 200]]) : s));
    const split = analyzeBlockages(far, [{ id: 'a', ditchId: 'A' }], options);
    expect(cutOffSegmentIds(split, split.ranking[0]!)).toEqual(['A']);
    expect(codes(split.problems)).toEqual(['gap']);
  });

  it('a ditch between two rivers drains at both ends; a tie keeps the drawn direction', () => {
    const r = analyzeBlockages(
      [river('R1', [[0, 0], [0, 100]]), river('R2', [[100, 0], [100, 100]]), ditch('X', 'field', [[0, 50], [100, 50]], { storageM3: 7 })],
      [{ id: 'x', ditchId: 'X' }],
      options,
    );
    expect(r.stats.outletJunctions).toBe(2);
    expect(r.reversedSegmentIds).toEqual([]);
    expect(cutOffSegmentIds(r, r.ranking[0]!)).toEqual(['X']);
    expect(r.problems).toEqual([]);
  });

  it('reports segments that cannot reach the river along the inferred direction', () => {
    const r = analyzeBlockages(
      [
        river('R', [[-10, 0], [10, 0]]),
        ditch('S1', 'main', [[0, 0], [0, 100]], { lengthM: 100 }),
        // zero length: both ends equally far, so it keeps its drawn direction, away from the river
        ditch('S2', 'field', [[0, 100], [0, 200]], { lengthM: 0 }),
        ditch('S3', 'field', [[0, 200], [0, 300]], { lengthM: 100 }),
      ],
      [{ id: 's', ditchId: 'S3' }],
      options,
    );
    expect(codes(r.problems)).toEqual(['stuck', 'blockage_in_gap']);
    expect(r.problems[0]).toMatchObject({ code: 'stuck', segmentIds: ['S2', 'S3'] });
  });

  it('reports bad segments and blockages that cannot be placed', () => {
    const r = analyzeBlockages(
      [
        ...tree,
        ditch('M', 'main', [[0, 0], [0, 5]]),
        ditch('bad', 'field', [[0, 0]]),
        ditch('neg', 'field', [[0, 0], [5, 5]], { storageM3: -1 }),
      ],
      [
        { id: 'r', ditchId: 'R' },
        { id: 'rp', position: at(1200, 0.5) },
        { id: 'far', position: at(5000, 5000) },
        { id: 'none' },
        { id: 'ib', ditchId: 'bad' },
      ],
      options,
    );
    expect(r.problems.map((p) => [p.code, 'segmentId' in p ? p.segmentId : 'blockageId' in p ? p.blockageId : ''])).toEqual([
      ['duplicate_segment', 'M'],
      ['invalid_segment', 'bad'],
      ['invalid_segment', 'neg'],
      ['blockage_on_river', 'R'],
      ['blockage_on_river', 'R'],
      ['blockage_off_network', 'far'],
      ['blockage_no_location', 'none'],
      ['blockage_on_invalid_segment', 'bad'],
    ]);
    expect(r.ranking).toEqual([]);
    expect(r.stats.ditchSegments).toBe(6);
  });

  it('refuses bad options', () => {
    expect(() => analyzeBlockages(tree, [], { ...options, snapToleranceM: -1 })).toThrow(RangeError);
    expect(() => analyzeBlockages(tree, [], { ...options, runoffCoefficient: 2 })).toThrow(RangeError);
  });

  it('handles an empty network', () => {
    const r = analyzeBlockages([], [{ id: 'a', ditchId: 'x' }], options);
    expect(codes(r.problems)).toEqual(['unknown_ditch']);
    expect(r.stats.junctions).toBe(0);
  });
});
