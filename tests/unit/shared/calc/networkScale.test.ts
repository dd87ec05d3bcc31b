import { describe, expect, it } from 'vitest';
import { analyzeBlockages, cutOffSegmentIds } from '../../../../shared/calc/network';
import type { NetworkBlockage, NetworkSegment } from '../../../../shared/calc/networkTypes';
import { at } from './helpers';

/*
 * 100 trunks 200 m apart, each 250 segments of 100 m running north from a river along y = 0, with
 * a 50 m twig joining at the top of every trunk segment: 50,000 ditch segments, a tree.
 * Blocking trunk segment i cuts off trunk segments i..249 and their twigs: 2·(250 − i) segments.
 */
const TRUNKS = 100;
const STEPS = 250;

function build(): { segments: NetworkSegment[]; blockages: NetworkBlockage[] } {
  const segments: NetworkSegment[] = [
    { id: 'river', kind: 'river', coords: [at(-100, 0), at(TRUNKS * 200, 0)], condition: 'clear', storageM3: 0, conveyanceM3s: 0 },
  ];
  const blockages: NetworkBlockage[] = [];
  for (let t = 0; t < TRUNKS; t++) {
    const x = t * 200;
    for (let i = 0; i < STEPS; i++) {
      const common = { condition: 'clear' as const, storageM3: 10, conveyanceM3s: 1, catchmentM2: 1000 };
      segments.push({ id: `t${t}-${i}`, kind: 'main', coords: [at(x, i * 100), at(x, (i + 1) * 100)], ...common });
      segments.push({ id: `w${t}-${i}`, kind: 'field', coords: [at(x + 50, (i + 1) * 100), at(x, (i + 1) * 100)], ...common });
    }
    for (const i of [0, 50, 100, 200]) blockages.push({ id: `b${t}-${i}`, ditchId: `t${t}-${i}` });
    blockages.push({ id: `b${t}-w10`, ditchId: `w${t}-10` });
  }
  return { segments, blockages };
}

describe('blockage ranking at township scale', () => {
  it('ranks 500 blockages on 50,000 segments with sane counts', () => {
    const { segments, blockages } = build();
    expect(segments.length - 1).toBe(50_000);
    expect(blockages).toHaveLength(500);

    const analysis = analyzeBlockages(segments, blockages, { snapToleranceM: 1, rainMm: 50, runoffCoefficient: 0.5 });

    expect(analysis.problems).toEqual([]);
    expect(analysis.ranking).toHaveLength(500);
    expect(analysis.stats).toEqual({
      segments: 50_001,
      ditchSegments: 50_000,
      riverSegments: 1,
      junctions: TRUNKS * (STEPS + 1 + STEPS),
      outletJunctions: TRUNKS,
      drainingSegments: 50_000,
    });
    const counts = new Map(analysis.ranking.map((r) => [r.blockageId, r.cutOff.segmentCount]));
    for (let t = 0; t < TRUNKS; t++) {
      for (const i of [0, 50, 100, 200]) expect(counts.get(`b${t}-${i}`)).toBe(2 * (STEPS - i));
      expect(counts.get(`b${t}-w10`)).toBe(1);
    }
    // The 100 trunk mouths come first: 500 segments · 1,000 m² · 0.5 · 0.05 m = 12,500 m³ each.
    const first = analysis.ranking[0]!;
    expect(first.blockageId).toMatch(/^b\d+-0$/);
    expect(first.cutOff.runoffHeldM3).toBeCloseTo(12_500, 6);
    expect(first.cutOff.storageM3).toBe(5_000);
    // 25 km of trunk and 250 twigs of "50 m" each; the helper's 50 m east shrinks with cos(latitude) going north
    expect(first.cutOff.lengthM).toBeGreaterThan(37_400);
    expect(first.cutOff.lengthM).toBeLessThan(37_500);
    expect(first.blockagesInside).toHaveLength(4);
    expect(analysis.ranking.slice(0, 100).every((r) => r.cutOff.segmentCount === 500)).toBe(true);
    expect(analysis.ranking.at(-1)!.cutOff.segmentCount).toBe(1);
    expect(new Set(cutOffSegmentIds(analysis, first)).size).toBe(500);
    // Trunk segments are drawn away from the river, so all of them flow against their drawing;
    // twigs are drawn toward their trunk.
    expect(analysis.reversedSegmentIds).toHaveLength(TRUNKS * STEPS);
    expect(analysis.reversedSegmentIds.every((id) => id.startsWith('t'))).toBe(true);
  });
});
