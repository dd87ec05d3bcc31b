import { describe, expect, it } from 'vitest';
import { DEMO } from '../../../electron/core/demo/constants';
import { seedSeason } from '../../../electron/core/demo/season';
import type { Totals } from '../../../shared/contract/totals';
import { tempCore } from '../../helpers/tempDir';

const demoNow = () => new Date(`${DEMO.today}T18:00:00+08:00`);

describe('demo season', () => {
  it('gives exactly the season figures of DESIGN.md on DEMO.today', async () => {
    const core = await tempCore({ now: demoNow });
    seedSeason({ ...core.ctx, source: 'demo' });
    const res = await core.dispatch('totals.get', { date: DEMO.today });
    expect(res.ok).toBe(true);
    const t = (res as { value: Totals }).value;
    expect([t.rain.seasonMm, t.rain.lastYearSeasonMm, t.rain.changePct]).toEqual([390.2, 214.3, 82.1]);
    expect(t.deployment).toMatchObject({ people: 700, excavators: 45, longArmExcavators: 7, dumpTrucks: 31, pumps: 196 });
    expect(t.works).toMatchObject({ culvertsLaid: 260, culvertMeters: 520, fieldDitchMeters: 36500, clearedDitchMeters: 210000 });
    console.log(JSON.stringify(t, null, 1));
  });
});
