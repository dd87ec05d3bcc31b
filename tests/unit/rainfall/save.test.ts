import { describe, expect, it } from 'vitest';
import { fails, ok, rainCore, rainCounts } from './helpers';

describe('rainfall typed in', () => {
  it('saves station values and last year values, then clears one, in one batch each', async () => {
    const { core, ids } = await rainCore();
    const a = ids['三合堡站']!;
    const b = ids['兴隆站']!;
    const saved = await ok(core, 'rainfall.save', {
      readings: [
        { date: '2026-07-10', stationId: a, mm: 30.5 },
        { date: '2026-07-10', stationId: b, mm: 28.1 },
      ],
      baseline: [{ date: '2026-07-10', mm: 12 }],
    });
    expect(saved.changed).toBe(3);
    const grid = await ok(core, 'rainfall.grid', { from: '2026-07-10', to: '2026-07-10' });
    expect(grid.days[0]).toMatchObject({ townshipMm: 29.3, lastYearDate: '2025-07-10', lastYearMm: 12 });
    await ok(core, 'rainfall.save', { readings: [{ date: '2026-07-10', stationId: b, mm: null }] });
    expect((await ok(core, 'totals.get', { date: '2026-07-10' })).rain).toMatchObject({ dayMm: 30.5, stationsReported: 1 });
    await ok(core, 'rainfall.undo', {});
    expect((await ok(core, 'totals.get', { date: '2026-07-10' })).rain.dayMm).toBe(29.3);
  });

  it('refuses a negative value, an impossible one, a day outside the season and a deleted station; writes nothing', async () => {
    const { core, ids } = await rainCore();
    const a = ids['三合堡站']!;
    const negative = await fails(core, 'rainfall.save', { readings: [{ date: '2026-07-10', stationId: a, mm: -1 }] });
    expect(negative.message).toContain('雨量不能是负数');
    const huge = await fails(core, 'rainfall.save', { readings: [{ date: '2026-07-10', stationId: a, mm: 1200 }] });
    expect(huge.message).toContain('单日雨量不超过 500 毫米');
    const text = await fails(core, 'rainfall.save', { readings: [{ date: '2026-07-10', stationId: a, mm: '12' }] });
    expect(text.message).toContain('雨量应为 0 到 500 之间的毫米数');
    const future = await fails(core, 'rainfall.save', { readings: [{ date: '2026-07-10', stationId: a, mm: 1 }, { date: '2026-07-25', stationId: a, mm: 1 }] });
    expect(future.message).toContain('晚于今天');
    await ok(core, 'rainfall.deleteStation', { id: ids['永安站']! });
    const gone = await fails(core, 'rainfall.save', { readings: [{ date: '2026-07-10', stationId: ids['永安站']!, mm: 3 }] });
    expect(gone.message).toContain('雨量站不存在或已删除');
    expect(rainCounts(core)).toEqual({ readings: 0, baseline: 0, changes: 0 });
  });

  it('takes the township value from one chosen station when set, and refuses deleting that station', async () => {
    const { core, ids } = await rainCore();
    await ok(core, 'rainfall.save', {
      readings: [
        { date: '2026-07-11', stationId: ids['三合堡站']!, mm: 10 },
        { date: '2026-07-11', stationId: ids['兴隆站']!, mm: 40 },
      ],
    });
    expect((await ok(core, 'totals.get', { date: '2026-07-11' })).rain.dayMm).toBe(25);
    await ok(core, 'rainfall.setOptions', { townshipValue: 'station', stationId: ids['兴隆站']! });
    expect((await ok(core, 'totals.get', { date: '2026-07-11' })).rain.dayMm).toBe(40);
    const refused = await fails(core, 'rainfall.deleteStation', { id: ids['兴隆站']! });
    expect(refused.code).toBe('conflict');
    const noStation = await fails(core, 'rainfall.setOptions', { townshipValue: 'station', stationId: null });
    expect(noStation.message).toContain('请选择一个现有的雨量站');
  });

  it('refuses two stations with the same name', async () => {
    const { core } = await rainCore();
    const error = await fails(core, 'rainfall.saveStation', { name: '兴隆站' });
    expect(error).toMatchObject({ code: 'conflict', message: '已有名为“兴隆站”的雨量站' });
  });
});
