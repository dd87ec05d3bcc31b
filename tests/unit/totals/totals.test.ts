import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { applyMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { DEMO } from '../../../electron/core/demo/constants';
import { seedSeason } from '../../../electron/core/demo/season';
import { tempCore } from '../../helpers/tempDir';
import { deskCore, fails, ok, row } from '../deployments/helpers';

function addBlockage(core: Core, id: string, reportedAt: string, status: string, events: [string, string | null, string][]) {
  const t = core.ctx.townshipId;
  core.db
    .prepare(
      `INSERT INTO blockage (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, village, status, reported_at, created_at, updated_at)
       VALUES (?, ?, ?, '{}', 0, 0, 0, 0, 'desk', '兴隆村', ?, ?, ?, ?)`,
    )
    .run(id, t, `堵点${id.slice(-1)}`, status, reportedAt, reportedAt, reportedAt);
  for (const [at, from, to] of events) {
    core.db
      .prepare(
        `INSERT INTO blockage_event (id, township_id, blockage_id, at, source, from_status, to_status, created_at, updated_at)
         VALUES (lower(hex(randomblob(16))), ?, ?, ?, 'desk', ?, ?, ?, ?)`,
      )
      .run(t, id, at, from, to, at, at);
  }
}

describe('totals', () => {
  it('counts open blockages at the end of each day and those cleared on that township day', async () => {
    const core = await deskCore();
    // Reported 1 July; cleared at 23:30 Shanghai time on 3 July (15:30 UTC); verified on 5 July.
    addBlockage(core, 'b0000000-0000-4000-8000-000000000001', '2026-07-01T01:00:00.000Z', 'verified', [
      ['2026-07-02T02:00:00.000Z', 'reported', 'in_progress'],
      ['2026-07-03T15:30:00.000Z', 'in_progress', 'cleared'],
      ['2026-07-05T02:00:00.000Z', 'cleared', 'verified'],
    ]);
    // Reported 2 July, still open.
    addBlockage(core, 'b0000000-0000-4000-8000-000000000002', '2026-07-02T03:00:00.000Z', 'assigned', [['2026-07-02T05:00:00.000Z', 'reported', 'assigned']]);
    const on = async (date: string) => (await ok(core, 'totals.get', { date })).blockages;
    expect(await on('2026-06-30')).toEqual({ open: 0, clearedToday: 0, clearedSeason: 0 });
    expect(await on('2026-07-01')).toEqual({ open: 1, clearedToday: 0, clearedSeason: 0 });
    expect(await on('2026-07-03')).toEqual({ open: 1, clearedToday: 1, clearedSeason: 1 });
    expect(await on('2026-07-20')).toEqual({ open: 1, clearedToday: 0, clearedSeason: 1 });
    const series = await ok(core, 'totals.series', { from: '2026-07-01', to: '2026-07-04' });
    expect(series.days.map((d) => [d.blockagesOpen, d.blockagesCleared])).toEqual([[1, 0], [2, 0], [1, 1], [1, 0]]);
  });

  it('defaults to the latest day with data, and refuses a day outside the season', async () => {
    const core = await deskCore();
    expect((await ok(core, 'totals.get', {})).date).toBe('2026-07-20'); // nothing yet: today
    await ok(core, 'deployments.saveDay', { date: '2026-07-15', rows: [row({ people: 40 })] });
    const t = await ok(core, 'totals.get', {});
    expect(t).toMatchObject({ date: '2026-07-15', latestDataDate: '2026-07-15', deployment: { people: 40 } });
    expect(t.rain.changePct).toBeNull(); // no baseline: no percentage from zero
    expect((await fails(core, 'totals.get', { date: '2026-05-30' })).message).toContain('早于汛期起始日期');
    expect((await fails(core, 'totals.get', { date: '2026-07-21' })).message).toContain('晚于今天');
  });

  it('agrees with the series it is built from: season sums are the sums of the days', async () => {
    const core = await tempCore({ now: () => new Date(`${DEMO.today}T12:00:00+08:00`) });
    seedSeason({ ...core.ctx, source: 'demo' });
    const series = await ok(core, 'totals.series', {});
    expect(series).toMatchObject({ from: DEMO.seasonStart, to: DEMO.today });
    expect(series.days).toHaveLength(71);
    const last = series.days[series.days.length - 1]!;
    expect([last.rainCumMm, last.lastYearCumMm]).toEqual([390.2, 214.3]);
    expect(last.worksCum).toMatchObject({ culvertsLaid: 260, culvertMeters: 520, fieldDitchMeters: 36500, clearedDitchMeters: 210000 });
    const sum = (f: (d: (typeof series.days)[number]) => number) => series.days.reduce((a, d) => a + f(d), 0);
    const t = await ok(core, 'totals.get', {});
    expect(t.season.personDays).toBe(sum((d) => d.people));
    expect(t.season.machineDays).toBe(sum((d) => d.excavators + d.longArmExcavators + d.dumpTrucks + d.pumps));
    expect(Math.round(sum((d) => d.rainMm) * 10) / 10).toBe(390.2);
    // Deployments rise with the season: the last week is well above the first.
    const week = (from: number) => sum((d) => (series.days.indexOf(d) >= from && series.days.indexOf(d) < from + 7 ? d.people : 0));
    expect(week(64)).toBeGreaterThan(3 * week(0));
    // A later window keeps counting cumulative figures from the season start.
    const tail = await ok(core, 'totals.series', { from: '2026-08-09' });
    expect(tail.days.map((d) => d.rainCumMm)).toEqual(series.days.slice(-2).map((d) => d.rainCumMm));
  });

  it('seeds the same season every time, and refuses to seed over existing data', async () => {
    const figures = async () => {
      const core = await tempCore({ now: () => new Date(`${DEMO.today}T12:00:00+08:00`) });
      seedSeason({ ...core.ctx, source: 'demo' });
      const s = await ok(core, 'totals.series', {});
      expect(() => seedSeason({ ...core.ctx, source: 'demo' })).toThrow(/already has deployments or rainfall/);
      return s.days.map((d) => [d.rainMm, d.lastYearMm, d.people, d.pumps, d.works.clearedDitchMeters]);
    };
    expect(await figures()).toEqual(await figures());
  });
});

describe('migration 0003', () => {
  const db = () => {
    const d = new Database(':memory:');
    d.pragma('foreign_keys = ON');
    applyMigrations(d, migrations.slice(0, 3));
    d.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t', '三合乡', 'a', 'a')").run();
    return d;
  };
  const insert = (d: Database.Database, over: Record<string, unknown>) =>
    d
      .prepare(
        `INSERT INTO deployment (id, township_id, date, place_kind, place, blockage_id, task, people, source, created_at, updated_at)
         VALUES (@id, 't', @date, @place_kind, '兴隆村', @blockage_id, @task, @people, 'desk', 'a', 'a')`,
      )
      .run({ id: 'x', date: '2026-07-01', place_kind: 'village', blockage_id: null, task: 'pump', people: 3, ...over });

  it('keeps STRICT types and the vocabularies', () => {
    const d = db();
    insert(d, {});
    expect(() => insert(d, { id: 'y', people: -1 })).toThrow(/CHECK/);
    expect(() => insert(d, { id: 'y', people: 'many' })).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => insert(d, { id: 'y', task: 'swim' })).toThrow(/CHECK/);
    expect(() => insert(d, { id: 'y', date: '7/1' })).toThrow(/CHECK/);
    expect(() => insert(d, { id: 'y', place_kind: 'blockage' })).toThrow(/CHECK/); // a blockage row needs its id
    expect(() => insert(d, { id: 'y', place_kind: 'blockage', blockage_id: 'nope' })).toThrow(/FOREIGN KEY/);
  });

  it('allows one live reading per station and day, and a new one after a soft delete', () => {
    const d = db();
    d.prepare("INSERT INTO rain_station (id, township_id, name, source, created_at, updated_at) VALUES ('s', 't', '兴隆站', 'desk', 'a', 'a')").run();
    const reading = (id: string) =>
      d.prepare("INSERT INTO rain_reading (id, township_id, station_id, date, mm, source, created_at, updated_at) VALUES (?, 't', 's', '2026-07-01', 3, 'desk', 'a', 'a')").run(id);
    reading('r1');
    expect(() => reading('r2')).toThrow(/UNIQUE/);
    d.prepare("UPDATE rain_reading SET deleted_at = 'b' WHERE id = 'r1'").run();
    reading('r2');
    const plan = d.prepare("EXPLAIN QUERY PLAN SELECT * FROM deployment WHERE township_id = 't' AND date = '2026-07-01' AND deleted_at IS NULL").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('deployment_by_day');
  });
});
