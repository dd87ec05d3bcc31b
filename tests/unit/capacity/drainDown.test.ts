import { describe, expect, it } from 'vitest';
import type { CapacityReport } from '../../../shared/contract/capacity';
import type { RainStation } from '../../../shared/contract/rainfall';
import { area, blockage, capacityCore, culvert, DEMO_SECTION, ditch, ok, river, TODAY } from './helpers';

const pipeQ = (d: number, n: number, s: number) => (1 / n) * ((Math.PI * d * d) / 4) * Math.pow(d / 4, 2 / 3) * Math.sqrt(s);

/*
 * A village (x 0…1000, y 200…1200 m) drained by one ditch I inside it into E, which leaves the
 * village southwards to the river at y = 0 through a 0.5 m culvert. 10 pumps are out in the village.
 */
async function village() {
  const core = await capacityCore();
  await river(core, [[-100, 0], [1100, 0]]);
  const I = await ditch(core, [[500, 1100], [500, 600]], { name: '内沟I', village: '三合堡村', ...DEMO_SECTION });
  const E = await ditch(core, [[500, 600], [500, 0]], { kind: 'main', name: '出口沟E', village: '三合堡村', ...DEMO_SECTION });
  await culvert(core, 500, 400, { name: '出口涵', diameter_m: 0.5 });
  const v = await area(core, [0, 200, 1000, 1200], { name: '三合堡村' });
  const station = await ok<RainStation>(core, 'rainfall.saveStation', { name: '三合堡站' });
  await ok(core, 'rainfall.save', {
    readings: [
      { date: TODAY, stationId: station.id, mm: 60 },
      { date: '2026-08-09', stationId: station.id, mm: 40 },
    ],
  });
  await ok(core, 'deployments.saveDay', {
    date: TODAY,
    rows: [
      { placeKind: 'village', place: '三合堡村', task: 'pump', pumps: 10, hours: 12 },
      { placeKind: 'site', place: '北大甸子', task: 'pump', pumps: 5, hours: 8 },
    ],
  });
  return { core, I, E, v };
}

describe('per-area runoff and drain-down', () => {
  it('estimates the hours to drain from runoff, free storage, the outlet culvert and the pumps there', async () => {
    const { core, I, E, v } = await village();
    const r = await ok<CapacityReport>(core, 'capacity.report', { date: TODAY });
    expect(r.rain).toMatchObject({ source: 'today', mm: 60, days: [{ date: TODAY, mm: 60 }], note: null });
    expect(r.pumping).toEqual({ pumps: 15, ratedM3h: 100, totalM3h: 1500, unplacedPumps: 5 });
    expect(r.overall.pumpingM3h).toBe(1500);

    const a = r.areas[0]!;
    const runoff = 0.6 * 0.06 * v.properties.area_m2; // default C, 60 mm
    const storage = 5 * (I.properties.length_m + E.properties.length_m);
    const culvertQ = pipeQ(0.5, 0.013, 0.0005);
    expect(a).toMatchObject({ name: '三合堡村', runoffCoefficient: 0.6, coefficientIsDefault: true, ditches: 2, excludedDitches: 0, pumps: 10, pumpingM3h: 1000, problem: null });
    expect(a.runoffM3).toBeCloseTo(runoff, 3);
    expect(a.storageM3).toBeCloseTo(storage, 6);
    expect(a.freeStorageM3).toBeCloseTo(storage, 6);
    expect(a.exits).toHaveLength(1);
    expect(a.exits[0]).toMatchObject({ ditchId: E.id, note: null });
    expect(a.exits[0]!.culvertLimitM3s).toBeCloseTo(culvertQ, 9);
    expect(a.outflowM3s).toBeCloseTo(culvertQ, 9);
    const hours = (runoff - storage) / (culvertQ * 3600 + 1000);
    expect(a.drain.status).toBe('ok');
    expect(a.drain.hours).toBeCloseTo(hours, 6);
    expect(a.drain.excessM3).toBeCloseTo(runoff - storage, 3);
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(24);
    expect(a.grade).toEqual({ dry: 'meets_strict', rice: 'meets_strict' });
    expect(a.fillPct).toBeCloseTo((runoff / storage) * 100, 6);

    // Ditches already half full hold less; the last 3 days' rain counts only the days recorded.
    const wet = await ok<CapacityReport>(core, 'capacity.report', { date: TODAY, rainSource: 'last3', initialFillPct: 50 });
    expect(wet.rain.mm).toBe(100);
    expect(wet.rain.days.map((d) => d.mm)).toEqual([null, 40, 60]);
    expect(wet.rain.note!.zh).toContain('2026-08-08 没有雨量记录');
    const w = wet.areas[0]!;
    expect(w.freeStorageM3).toBeCloseTo(storage / 2, 6);
    expect(w.drain.hours).toBeCloseTo((0.6 * 0.1 * v.properties.area_m2 - storage / 2) / (culvertQ * 3600 + 1000), 6);
  });

  it('counts no outflow through an exit cut off downstream, and says so', async () => {
    const { core, v, I, E } = await village();
    await blockage(core, 500, 100, '出口下游堵点');
    const r = await ok<CapacityReport>(core, 'capacity.report', { date: TODAY, rainMm: 60 });
    const a = r.areas[0]!;
    expect(a.exits[0]).toMatchObject({ countedM3s: 0 });
    expect(a.exits[0]!.note!.zh).toBe('被下游堵点“出口下游堵点”截断');
    const storage = 5 * (I.properties.length_m + E.properties.length_m);
    expect(a.drain.hours).toBeCloseTo((0.6 * 0.06 * v.properties.area_m2 - storage) / 1000, 6);
    expect(a.grade).toEqual({ dry: 'meets', rice: 'meets_strict' }); // 30.5 h: over 1 day, within 3

    // Without the pumps nothing takes the water out: it never drains, and that is what is shown.
    await ok(core, 'deployments.saveDay', { date: TODAY, rows: [] });
    const none = await ok<CapacityReport>(core, 'capacity.report', { date: TODAY, rainMm: 60 });
    expect(none.areas[0]!.drain).toMatchObject({ status: 'no_outflow', hours: null, removalM3h: 0 });
    expect(none.areas[0]!.grade).toEqual({ dry: 'never', rice: 'never' });
  });

  it('says when there is no rain recorded rather than computing a dry day', async () => {
    const { core } = await village();
    const r = await ok<CapacityReport>(core, 'capacity.report', { date: '2026-08-01' });
    expect(r.rain).toMatchObject({ mm: null });
    expect(r.rain.note!.zh).toContain('2026-08-01 没有雨量记录');
    expect(r.areas[0]).toMatchObject({ runoffM3: null, drain: { status: 'unknown' }, grade: { dry: null, rice: null } });
    // Typed rain works whatever is recorded; the default day is the latest with data.
    const typed = await ok<CapacityReport>(core, 'capacity.report', { rainMm: 0 });
    expect(typed.date).toBe(TODAY);
    expect(typed.areas[0]!.drain).toMatchObject({ status: 'none', hours: 0 });
  });
});
