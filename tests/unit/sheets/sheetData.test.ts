import { describe, expect, it } from 'vitest';
import type { CapacityReport } from '../../../shared/contract/capacity';
import type { DeploymentDay } from '../../../shared/contract/deployments';
import type { SheetData } from '../../../shared/contract/sheets';
import type { Series, Totals } from '../../../shared/contract/totals';
import { DEMO } from '../../../electron/core/demo/constants';
import { demoCore, ok } from './helpers';

describe('the sheet\'s data for a day', () => {
  it('takes every figure from the procedures the dashboard and totals --json read', { timeout: 30_000 }, async () => {
    const core = await demoCore();
    const d = await ok<SheetData>(core, 'sheets.data', { date: DEMO.today });
    const totals = await ok<Totals>(core, 'totals.get', { date: DEMO.today });
    const series = await ok<Series>(core, 'totals.series', { to: DEMO.today });
    const capacity = await ok<CapacityReport>(core, 'capacity.report', { date: DEMO.today });
    const day = await ok<DeploymentDay>(core, 'deployments.day', { date: DEMO.today });

    expect(d).toMatchObject({ state: 'draft', sheetId: null, number: 1, correction: 0, date: DEMO.today, season: '2026', title: `${DEMO.townshipName}防汛排涝调度日报`, issuingOffice: DEMO.issuingOffice });
    // The same object the dashboard and the CLI print: the season's figures of DESIGN.md.
    expect(d.totals).toEqual(totals);
    expect([d.totals.rain.seasonMm, d.totals.rain.lastYearSeasonMm, d.totals.rain.changePct]).toEqual([390.2, 214.3, 82.1]);
    expect(d.totals.deployment).toMatchObject(DEMO.today_deployment);
    expect(d.totals.works).toMatchObject({ culvertsLaid: 260, culvertMeters: 520, fieldDitchMeters: 36_500, clearedDitchMeters: 210_000 });

    // Table 1 splits the day's sums by place and task without losing or adding anyone.
    const sum = (k: 'people' | 'excavators' | 'longArmExcavators' | 'dumpTrucks' | 'pumps') => d.force.reduce((s, r) => s + r[k], 0);
    expect({ people: sum('people'), excavators: sum('excavators'), longArmExcavators: sum('longArmExcavators'), dumpTrucks: sum('dumpTrucks'), pumps: sum('pumps') }).toEqual(DEMO.today_deployment);
    expect(d.force.reduce((s, r) => s + r.rows, 0)).toBe(day.rows.length);

    // Storage and conveyance are capacity.report's: 210,000 m cleared holding 1,050,000 m³ (105 万m³).
    expect(d.capacity.cleared).toEqual({ ditches: capacity.byWork.cleared.ditches, lengthM: capacity.byWork.cleared.lengthM, storageM3: capacity.byWork.cleared.storageM3, conveyanceM3s: capacity.byWork.cleared.conveyanceM3s });
    expect(d.capacity.cleared.lengthM).toBeCloseTo(210_000, 3);
    expect(d.capacity.cleared.storageM3).toBeCloseTo(1_050_000, 3);
    expect(d.capacity.pumpingM3h).toBe(capacity.pumping.totalM3h);

    // The open table agrees with the count the totals give; the top list is the ranking's head.
    expect(d.blockages.open).toHaveLength(totals.blockages.open);
    expect(d.blockages.clearedToday).toHaveLength(totals.blockages.clearedToday);
    expect(d.blockages.top.map((r) => r.name)).toEqual(capacity.ranking.slice(0, 5).map((r) => r.name));
    expect(d.blockages.rankedCount).toBe(capacity.ranking.length);

    // The chart is the season's series; the map shows the open blockages and the machines.
    expect(d.chart).toHaveLength(series.days.length);
    expect(d.chart.at(-1)).toMatchObject({ date: DEMO.today, people: 700, machines: 45 + 7 + 31 + 196 });
    const layers = (l: string) => d.map.features.filter((f) => f.properties.layer === l);
    expect(layers('blockage')).toHaveLength(totals.blockages.open);
    expect(layers('machines').length).toBeGreaterThan(0);
    expect(layers('ditch').length).toBeGreaterThan(500);
    expect(d.map.bbox).not.toBeNull();
  });

  it('reads a past day as it ended: the open table matches that day\'s count', { timeout: 30_000 }, async () => {
    const core = await demoCore();
    for (const date of ['2026-08-05', '2026-07-20']) {
      const d = await ok<SheetData>(core, 'sheets.data', { date });
      const totals = await ok<Totals>(core, 'totals.get', { date });
      expect(d.blockages.open, date).toHaveLength(totals.blockages.open);
      expect(d.blockages.clearedToday, date).toHaveLength(totals.blockages.clearedToday);
      expect(d.blockages.open.every((b) => b.reportedAt < `${date}T16:00:00.000Z`), date).toBe(true);
    }
  });

  it('refuses a day outside the season or in the future with the totals\' message', async () => {
    const core = await demoCore();
    for (const date of ['2026-05-01', '2026-08-11']) {
      const r = await core.dispatch('sheets.data', { date });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid_input');
    }
    const bad = await core.dispatch('sheets.data', { date: '2026-02-30' });
    expect(bad.ok).toBe(false);
  });
});
