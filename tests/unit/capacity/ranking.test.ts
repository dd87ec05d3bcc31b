import { describe, expect, it } from 'vitest';
import type { CapacityReport } from '../../../shared/contract/capacity';
import { area, blockage, capacityCore, DEMO_SECTION, ditch, ok, river } from './helpers';

/*
 * A tree draining south into a river along y = 0 (metres):
 *
 *   F (0,1500)
 *   |
 *   A (0,1000) ---- J (1000,1000) ---- B (2000,1000) ---- H (2500,1000)
 *                   |
 *                   T
 *                   |
 *   ================ river ================
 *
 * The village covers x −50…2050, y 100…1600: every ditch but H lies in it. F has no Manning n.
 */
async function tree() {
  const core = await capacityCore();
  await river(core, [[-100, 0], [3000, 0]]);
  const T = await ditch(core, [[1000, 1000], [1000, 0]], { kind: 'main', name: '干沟T', ...DEMO_SECTION });
  const A = await ditch(core, [[0, 1000], [1000, 1000]], { name: '支沟A', ...DEMO_SECTION });
  const B = await ditch(core, [[2000, 1000], [1000, 1000]], { name: '支沟B', ...DEMO_SECTION });
  const F = await ditch(core, [[0, 1500], [0, 1000]], { kind: 'field', name: '条田沟F', ...DEMO_SECTION, manning_n: null });
  const H = await ditch(core, [[2500, 1000], [2000, 1000]], { kind: 'field', name: '条田沟H', ...DEMO_SECTION });
  const village = await area(core, [-50, 100, 2050, 1600], { name: '三合堡村', runoff_coefficient: 0.5 });
  return { core, T, A, B, F, H, village };
}

describe('blockage impact ranking on the stored network', () => {
  it('ranks a blocked trunk above a blocked branch, with the storage and per-area runoff behind each', async () => {
    const { core, T, A, B, F, H, village } = await tree();
    const onTrunk = await blockage(core, 1000, 500, '干沟T中段堵点');
    const onBranch = await blockage(core, 500, 1001, '支沟A堵点');
    const r = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 100 });

    const len = (f: { properties: { length_m: number } }) => f.properties.length_m;
    const runoff = 0.5 * 0.1 * village.properties.area_m2; // C · P/1000 · A
    const inArea = len(T) + len(A) + len(B) + len(F);
    expect(r.ranking.map((b) => [b.rank, b.name])).toEqual([
      [1, '干沟T中段堵点'],
      [2, '支沟A堵点'],
    ]);
    const [trunk, branch] = r.ranking;
    expect(trunk).toMatchObject({ blockageId: onTrunk.id, ditchId: T.id, ditchName: '干沟T', locatedBy: 'position', blockagesInside: [onBranch.id] });
    expect(trunk!.cutOff).toMatchObject({ segmentCount: 5, catchmentMissingCount: 1, sectionMissingCount: 1 });
    expect(trunk!.cutOff.lengthM).toBeCloseTo(len(T) + len(A) + len(B) + len(F) + len(H), 6);
    // F's section is unknown: its storage is not guessed, and the count says so.
    expect(trunk!.cutOff.storageM3).toBeCloseTo(5 * (len(T) + len(A) + len(B) + len(H)), 6);
    expect(trunk!.cutOff.runoffHeldM3).toBeCloseTo(runoff, 3);
    expect(trunk!.cutOff.catchmentM2).toBeCloseTo(village.properties.area_m2, 3);

    expect(branch).toMatchObject({ blockageId: onBranch.id, ditchId: A.id, blockagesInside: [] });
    expect(branch!.cutOff).toMatchObject({ segmentCount: 2, catchmentMissingCount: 0, sectionMissingCount: 1 });
    expect(branch!.cutOff.storageM3).toBeCloseTo(5 * len(A), 6);
    expect(branch!.cutOff.runoffHeldM3).toBeCloseTo((runoff * (len(A) + len(F))) / inArea, 3);
    expect(r.networkProblems).toEqual([]);
    expect(r.networkStats).toMatchObject({ ditchSegments: 5, riverSegments: 1, drainingSegments: 5, outletJunctions: 1 });

    // Removing the trunk blockage takes it out of the ranking at once (computed live, no cache).
    await ok(core, 'network.delete', { layer: 'blockage', id: onTrunk.id });
    const after = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 100 });
    expect(after.ranking.map((b) => b.name)).toEqual(['支沟A堵点']);
    expect(after.openBlockages).toBe(1);
  });

  it('uses each area’s own method: SCS by curve number, and says which areas have none', async () => {
    const { core, village } = await tree();
    await blockage(core, 1000, 500, '干沟T中段堵点');
    const withoutCn = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 100, method: 'scs' });
    expect(withoutCn.ranking[0]!.cutOff).toMatchObject({ runoffHeldM3: 0, catchmentMissingCount: 5 });
    expect(withoutCn.areas[0]).toMatchObject({ runoffM3: null, drain: { status: 'unknown', hours: null } });
    expect(withoutCn.areas[0]!.problem!.zh).toContain('没有填写 CN 值');

    await ok(core, 'network.update', { layer: 'area', id: village.id, properties: { curve_number: 80 } });
    const r = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 100, method: 'scs' });
    const s = 25400 / 80 - 254; // 63.5 mm
    const q = (100 - 0.2 * s) ** 2 / (100 + 0.8 * s); // 46.6 mm
    expect(r.areas[0]!.runoffM3).toBeCloseTo((q / 1000) * village.properties.area_m2, 3);
    expect(r.ranking[0]!.cutOff.runoffHeldM3).toBeCloseTo((q / 1000) * village.properties.area_m2, 3);
  });

  it('reports gaps and blockages that cannot be assessed instead of guessing', async () => {
    const { core } = await tree();
    await ditch(core, [[3000, 2000], [3500, 2000]], { name: '断头沟', ...DEMO_SECTION });
    await blockage(core, 3200, 2000, '断头沟堵点');
    await blockage(core, 5000, 5000, '野外堵点');
    const r = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 50 });
    expect(r.ranking).toEqual([]);
    const byCode = new Map(r.networkProblems.map((p) => [p.code, p]));
    expect(byCode.get('gap')).toMatchObject({ count: 1, names: ['断头沟'] });
    expect(byCode.get('gap')!.message.zh).toContain('连不到任何河道');
    expect(byCode.get('blockage_in_gap')!.message.zh).toContain('“断头沟堵点”');
    expect(byCode.get('blockage_in_gap')!.message.zh).toContain('“断头沟”');
    expect(byCode.get('blockage_off_network')!.message.zh).toContain('“野外堵点”');
  });

  it('reports a loop and counts as cut off only what has no other way out', async () => {
    const core = await capacityCore();
    await river(core, [[-500, 0], [500, 0]]);
    const P2 = await ditch(core, [[0, 500], [0, 0]], { kind: 'main', name: 'P2', ...DEMO_SECTION });
    const P1 = await ditch(core, [[0, 1000], [0, 500]], { name: 'P1', ...DEMO_SECTION });
    await ditch(core, [[0, 1000], [300, 750]], { name: 'Q1', ...DEMO_SECTION });
    await ditch(core, [[300, 750], [0, 500]], { name: 'Q2', ...DEMO_SECTION });
    await ditch(core, [[0, 1500], [0, 1000]], { name: 'U', ...DEMO_SECTION });
    await blockage(core, 0, 750, 'P1堵点');
    await blockage(core, 0, 250, 'P2堵点');
    const r = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 0 });
    const loop = r.networkProblems.find((p) => p.code === 'loop')!;
    expect(loop.count).toBe(3);
    expect([...loop.names].sort()).toEqual(['P1', 'Q1', 'Q2']);
    const p1 = r.ranking.find((b) => b.name === 'P1堵点')!;
    expect(p1.cutOff.segmentCount).toBe(1); // U and the loop still drain through Q1–Q2
    expect(p1.cutOff.storageM3).toBeCloseTo(5 * P1.properties.length_m, 6);
    const p2 = r.ranking.find((b) => b.name === 'P2堵点')!;
    expect(p2.cutOff.segmentCount).toBe(5);
    expect(p2.rank).toBe(1);
    expect(p2.ditchId).toBe(P2.id);
  });
});
