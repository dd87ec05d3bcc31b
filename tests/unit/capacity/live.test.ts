import { describe, expect, it } from 'vitest';
import { capacityMapSchema, type CapacityMap, type CapacityReport } from '../../../shared/contract/capacity';
import { openCore } from '../../../electron/core/app';
import { area, blockage, capacityCore, DEMO_SECTION, ditch, NOW, ok, river } from './helpers';

describe('capacity is computed live', () => {
  it('follows every edit, including one written by another connection (a CLI run beside the app)', async () => {
    const core = await capacityCore();
    await river(core, [[-100, 0], [1100, 0]]);
    const d = await ditch(core, [[500, 1000], [500, 0]], { name: '一号支沟', ...DEMO_SECTION });
    const first = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 0 });
    expect(first.overall.storageM3).toBeCloseTo(5 * d.properties.length_m, 6);

    // Same clock, same counts: only the change itself tells the report to recompute.
    await ok(core, 'network.update', { layer: 'ditch', id: d.id, properties: { depth_m: 2 } });
    const deeper = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 0 });
    expect(deeper.overall.storageM3).toBeCloseTo((1.5 + 2 * 2) * 2 * d.properties.length_m, 6);

    // Another connection writes through its own repositories, so the change feed names the row.
    const other = await openCore({ dataDir: core.ctx.dataDir, transport: 'cli', now: () => NOW });
    await ok(other, 'network.update', { layer: 'ditch', id: d.id, properties: { depth_m: null } });
    other.close();
    const emptied = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 0 });
    expect(emptied.overall).toMatchObject({ ditches: 0, storageM3: 0, excluded: 1 });
    expect(emptied.invalidDitches.shown[0]!.problems[0]).toMatchObject({ field: 'depthM', code: 'missing' });
  });

  it('gives the map each ditch’s figures and fill for the rain, and each ranked blockage', async () => {
    const core = await capacityCore();
    await river(core, [[-100, 0], [1100, 0]]);
    const d = await ditch(core, [[500, 1000], [500, 0]], { name: '一号支沟', ...DEMO_SECTION });
    const bad = await ditch(core, [[600, 1000], [600, 0]], { name: '缺数据沟' });
    const v = await area(core, [0, 100, 1000, 1100], { name: '三合堡村', runoff_coefficient: 0.5 });
    const b = await blockage(core, 500, 500, '一号支沟堵点');
    const map = await ok<CapacityMap>(core, 'capacity.map', { rainMm: 20 });
    const byId = new Map(map.features.map((f) => [f.id, f.properties]));
    const storage = 5 * d.properties.length_m;
    // Both ditches lie in the village; only the valid one holds water.
    const fill = ((0.5 * 0.02 * v.properties.area_m2) / storage) * 100;
    expect(byId.get(d.id)).toMatchObject({ layer: 'ditch', valid: true, kind: 'branch' });
    expect((byId.get(d.id) as { fillPct: number }).fillPct).toBeCloseTo(fill, 6);
    expect(byId.get(bad.id)).toMatchObject({ layer: 'ditch', valid: false, conveyanceM3s: null, storageM3: null });
    expect(byId.get(b.id)).toMatchObject({ layer: 'blockage', rank: 1, name: '一号支沟堵点' });
    expect(map.bbox).not.toBeNull();
    // The procedure skips the run-time output check (a bulk read), so check it here.
    expect(capacityMapSchema.safeParse(map).success).toBe(true);
  });
});
