import { describe, expect, it } from 'vitest';
import type { CapacityReport, CapacitySettings } from '../../../shared/contract/capacity';
import { capacityCore, culvert, DEMO_SECTION, ditch, ok, river, SWMM_SECTION, trapezoidQ } from './helpers';
import { keysOf } from '../../../electron/core/services/settings/registry';
import { settingsChanges } from '../../../electron/core/services/settings/store';

const pipeQ = (d: number, n: number, s: number) => (1 / n) * ((Math.PI * d * d) / 4) * Math.pow(d / 4, 2 / 3) * Math.sqrt(s);

/** The silted section by hand: the bed rises by s until (b + z·s)·s = (1 − f)·A, same z. */
function siltedByHand(b: number, h: number, z: number, factor: number) {
  const removed = (1 - factor) * (b + z * h) * h;
  const s = (-b + Math.sqrt(b * b + 4 * z * removed)) / (2 * z);
  return { b: b + 2 * z * s, h: h - s };
}

describe('capacity of each ditch and culvert, through the service', () => {
  it('matches hand calculations and EPA SWMM full-flow figures for clear, silted and blocked ditches', async () => {
    const core = await capacityCore();
    const clear = await ditch(core, [[0, 0], [1000, 0]], { name: '一号支沟', village: '三合堡村', ...SWMM_SECTION, work: 'existing' });
    const silted = await ditch(core, [[0, 100], [800, 100]], { kind: 'field', name: '淤积条田沟', village: '兴隆村', ...DEMO_SECTION, condition: 'silted', work: 'cleared', work_date: '2026-07-01' });
    const blocked = await ditch(core, [[0, 200], [600, 200]], { kind: 'main', name: '一号干沟', village: '兴隆村', ...DEMO_SECTION, condition: 'blocked', work: 'dug' });
    await river(core, [[-100, -300], [2000, -300]]);

    const r = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 0 });
    const L1 = clear.properties.length_m;
    const L2 = silted.properties.length_m;
    const L3 = blocked.properties.length_m;
    expect(L1).toBeCloseTo(1000, 1);

    // Issue 6's example: b = 1.0, h = 1.5, z = 1.5, n = 0.025, S = 1/3000 → A = 4.875 m², Q ≈ 2.97 m³/s.
    const branch = r.byKind.branch;
    expect(branch.ditches).toBe(1);
    expect(branch.storageM3).toBeCloseTo(4.875 * L1, 6);
    expect(branch.conveyanceM3s).toBeCloseTo(2.967, 3);
    expect(branch.conveyanceM3s).toBeCloseTo(trapezoidQ(1, 1.5, 1.5, 0.025, 1 / 3000).q, 9);

    // Silted at the default 70 %: storage 0.7 × 5 m² × L, conveyance of the raised-bed section.
    const s = siltedByHand(1.5, 1.25, 2, 0.7);
    const field = r.byKind.field;
    expect(field.storageM3).toBeCloseTo(0.7 * 5 * L2, 6);
    expect(field.conveyanceM3s).toBeCloseTo(trapezoidQ(s.b, s.h, 2, 0.025, 0.0005).q, 9);
    expect(field.fullStorageM3).toBeCloseTo(5 * L2, 6);
    expect(field.fullConveyanceM3s).toBeCloseTo(trapezoidQ(1.5, 1.25, 2, 0.025, 0.0005).q, 9);

    // Blocked: still holds water in its full section, carries nothing.
    expect(r.byCondition.blocked).toMatchObject({ ditches: 1, conveyanceM3s: 0 });
    expect(r.byCondition.blocked.storageM3).toBeCloseTo(5 * L3, 6);
    expect(r.byCondition.blocked.fullConveyanceM3s).toBeCloseTo(trapezoidQ(1.5, 1.25, 2, 0.025, 0.0005).q, 9);

    // Totals by work state and village; the river is its own row and not in the overall.
    expect(r.byWork.cleared.lengthM).toBeCloseTo(L2, 6);
    expect(r.byWork.dug.lengthM).toBeCloseTo(L3, 6);
    expect(r.byWork.existing.lengthM).toBeCloseTo(L1, 6);
    expect(r.byVillage.map((v) => [v.key, v.ditches])).toEqual([['三合堡村', 1], ['兴隆村', 2]]);
    // The river (an outlet) has no section here: its own row says so; it is not listed as a fault.
    expect(r.byKind.river).toMatchObject({ ditches: 0, excluded: 1 });
    expect(r.invalidDitches.count).toBe(0);
    expect(r.overall.ditches).toBe(3);
    expect(r.overall.storageM3).toBeCloseTo(4.875 * L1 + 3.5 * L2 + 5 * L3, 6);
    expect(r.overall.conveyanceM3s).toBeCloseTo(branch.conveyanceM3s + field.conveyanceM3s, 9);

    // A different silted factor is a setting, with its history.
    await ok<CapacitySettings>(core, 'capacity.setSettings', { siltedAreaFactor: 0.5 });
    const half = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 0 });
    expect(half.byKind.field.storageM3).toBeCloseTo(2.5 * L2, 6);
    expect(half.settings.siltedAreaFactor).toBe(0.5);
    const history = settingsChanges(core.ctx, keysOf('capacity.'), 50).map((c) => ({ key: c.key.replace('capacity.', ''), old_json: JSON.stringify(c.oldValue), new_json: JSON.stringify(c.newValue) }));
    expect(history).toEqual([{ key: 'siltedAreaFactor', old_json: '0.7', new_json: '0.5' }]);
  });

  it('gives each culvert its full-pipe capacity × barrels, on the slope of the ditch it sits on', async () => {
    const core = await capacityCore();
    const d = await ditch(core, [[0, 0], [1000, 0]], { name: '一号支沟', ...SWMM_SECTION });
    await culvert(core, 500, 1, { name: '双孔涵', diameter_m: 1, barrels: 2 });
    await culvert(core, 300, 0, { name: '无管径涵' });
    await culvert(core, 500, 400, { name: '田间孤涵', diameter_m: 0.8 });
    const r = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 0 });
    const byName = new Map(r.culverts.rows.map((c) => [c.name, c]));
    expect(byName.get('双孔涵')).toMatchObject({ ditchId: d.id, barrels: 2, slope: 1 / 3000, problems: [] });
    expect(byName.get('双孔涵')!.capacityM3s).toBeCloseTo(2 * pipeQ(1, 0.013, 1 / 3000), 9);
    expect(byName.get('无管径涵')).toMatchObject({ capacityM3s: null, problems: [{ field: 'diameterM', code: 'missing' }] });
    const lone = byName.get('田间孤涵')!;
    expect(lone).toMatchObject({ ditchId: null, capacityM3s: null, problems: [{ field: 'slope', code: 'missing' }] });
    expect(lone.problems[0]!.message.zh).toContain('不在任何沟渠上');
    expect(r.culverts).toMatchObject({ count: 3, valid: 1, excluded: 2 });
    expect(r.culverts.totalM3s).toBeCloseTo(2 * pipeQ(1, 0.013, 1 / 3000), 9);
  });

  it('flags missing or impossible section data per ditch and leaves it out of the totals with a count', async () => {
    const core = await capacityCore();
    const good = await ditch(core, [[0, 0], [1000, 0]], { name: '好沟', village: '三合堡村', ...DEMO_SECTION });
    const zeroDepth = await ditch(core, [[0, 50], [300, 50]], { name: '零深沟', village: '三合堡村', ...DEMO_SECTION, depth_m: 0 });
    await ditch(core, [[0, 100], [400, 100]], { name: '缺糙率沟', village: '三合堡村', ...DEMO_SECTION, manning_n: null });
    await ditch(core, [[0, 150], [500, 150]], { kind: 'main', name: '糙率过大沟', village: '兴隆村', ...DEMO_SECTION, manning_n: 0.5 });
    await ditch(core, [[0, 200], [200, 200]], { name: '全空沟' });

    const r = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 0 });
    // Only the good ditch counts: nothing invalid is turned into zero or a default.
    expect(r.overall.ditches).toBe(1);
    expect(r.overall.storageM3).toBeCloseTo(5 * good.properties.length_m, 6);
    expect(r.overall.excluded).toBe(4);
    expect(r.overall.excludedLengthM).toBeCloseTo(300 + 400 + 500 + 200, -1);
    expect(r.byVillage.find((v) => v.key === '三合堡村')).toMatchObject({ ditches: 1, excluded: 2 });
    expect(r.byKind.main).toMatchObject({ ditches: 0, storageM3: 0, excluded: 1 });

    expect(r.invalidDitches.count).toBe(4);
    const problems = new Map(r.invalidDitches.shown.map((d) => [d.name, d.problems.map((p) => `${p.field}:${p.code}`)]));
    expect(problems.get('零深沟')).toEqual(['depthM:depth_not_positive']);
    expect(problems.get('缺糙率沟')).toEqual(['manningN:missing']);
    expect(problems.get('糙率过大沟')).toEqual(['manningN:roughness_out_of_range']);
    expect(problems.get('全空沟')).toHaveLength(5);
    // Main ditches are listed first: they matter most.
    expect(r.invalidDitches.shown[0]!.name).toBe('糙率过大沟');
    expect(r.invalidDitches.shown.find((d) => d.id === zeroDepth.id)!.problems[0]!.message.zh).toBe('沟深 h = 0，应大于 0');
  });

  it('refuses impossible settings and queries with a clear message, changing nothing', async () => {
    const core = await capacityCore();
    for (const input of [{ siltedAreaFactor: 0 }, { siltedAreaFactor: 1.2 }, { defaultRunoffCoefficient: -0.1 }, { culvertManningN: 0.5 }, {}]) {
      const r = await core.dispatch('capacity.setSettings', input);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await ok<CapacitySettings>(core, 'capacity.settings', {})).toEqual({ siltedAreaFactor: 0.7, defaultRunoffCoefficient: 0.6, snapToleranceM: 5, culvertManningN: 0.013 });
    const typedWithout = await core.dispatch('capacity.report', { rainSource: 'typed' });
    expect(typedWithout).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!typedWithout.ok) expect(typedWithout.error.message).toContain('请填写雨量');
    expect(await core.dispatch('capacity.report', { rainMm: -5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.dispatch('capacity.report', { date: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
