import { describe, expect, it } from 'vitest';
import { counts, deskCore, fails, ok, row } from './helpers';

const DAY = '2026-07-19';

describe('deployments: saving a day, history and undo', () => {
  it('creates, edits and deletes rows with a history row each, and works out water pumped', async () => {
    const core = await deskCore();
    const first = await ok(core, 'deployments.saveDay', {
      date: DAY,
      rows: [row({ people: 12, pumps: 4, hours: 10 }), row({ place: '永安村', task: 'clear', people: 30, excavators: 3, longArmExcavators: 1, clearedDitchMeters: 850, pumps: 0 })],
    });
    expect(first.changed).toBe(2);
    expect(first.totals).toMatchObject({ rows: 2, people: 42, pumps: 4, excavators: 3, clearedDitchMeters: 850 });
    // Left blank, water pumped is pumps × hours × the rated flow (100 m³/h by default).
    expect(first.rows[0]).toMatchObject({ pumpedM3: null, pumpedM3Effective: 4000 });

    const [a, b] = first.rows;
    const second = await ok(core, 'deployments.saveDay', {
      date: DAY,
      rows: [{ ...row({ people: 15, pumps: 4, hours: 10, pumpedM3: 3500 }), id: a!.id }],
    });
    expect(second.changed).toBe(2); // one edited, one deleted
    expect(second.rows).toHaveLength(1);
    expect(second.rows[0]).toMatchObject({ id: a!.id, people: 15, pumpedM3Effective: 3500 });

    const unchanged = await ok(core, 'deployments.saveDay', { date: DAY, rows: [{ ...row({ people: 15, pumps: 4, hours: 10, pumpedM3: 3500 }), id: a!.id }] });
    expect(unchanged.changed).toBe(0);

    const history = await ok(core, 'deployments.history', { date: DAY });
    expect(history.map((h) => h.action)).toEqual(['delete', 'update', 'create', 'create']);
    const update = history[1]!;
    expect(update.before).toMatchObject({ people: 12 });
    expect(update.after).toMatchObject({ people: 15 });
    expect(history[0]).toMatchObject({ entityId: b!.id, after: null, date: DAY });
    // The deleted row is kept (soft delete), not erased.
    expect((core.db.prepare('SELECT deleted_at FROM deployment WHERE id = ?').get(b!.id) as { deleted_at: string | null }).deleted_at).not.toBeNull();
  });

  it('undoes the last save as a whole, and undoing again redoes it', async () => {
    const core = await deskCore();
    const first = await ok(core, 'deployments.saveDay', { date: DAY, rows: [row({ people: 10 }), row({ people: 20, place: '太平村' })] });
    await ok(core, 'deployments.saveDay', { date: DAY, rows: [{ ...row({ people: 11 }), id: first.rows[0]!.id }, row({ people: 5, place: '永安村', task: 'patrol', pumps: 0 })] });
    const after = await ok(core, 'deployments.day', { date: DAY });
    expect(after.rows.map((r) => r.people)).toEqual([11, 5]);

    const undone = await ok(core, 'deployments.undo', {});
    expect(undone).toEqual({ dates: [DAY], changed: 3 });
    const back = await ok(core, 'deployments.day', { date: DAY });
    expect(back.rows.map((r) => [r.id, r.people])).toEqual(first.rows.map((r) => [r.id, r.people]));

    await ok(core, 'deployments.undo', {});
    expect((await ok(core, 'deployments.day', { date: DAY })).rows.map((r) => r.people)).toEqual([11, 5]);
    expect(counts(core).changes).toBe(2 + 3 + 3 + 3);
  });

  it('undoes an option change, and says so when there is nothing to undo', async () => {
    const core = await deskCore();
    await ok(core, 'deployments.setOptions', { ratedPumpM3h: 150 });
    await ok(core, 'deployments.undo', {});
    expect(await ok(core, 'deployments.options', {})).toEqual({ villages: ['兴隆村', '永安村', '太平村'], ratedPumpM3h: 100 });
    await ok(core, 'deployments.undo', {}); // undoing the undo redoes it
    expect((await ok(core, 'deployments.options', {})).ratedPumpM3h).toBe(150);
    const fresh = await (await import('../../helpers/tempDir')).tempCore();
    const none = await fails(fresh, 'deployments.undo', {});
    expect(none).toMatchObject({ code: 'not_found', message: '没有可以撤销的出动修改' });
  });

  it('writes a day in one transaction: a failure half-way leaves the day as it was', async () => {
    const core = await deskCore();
    await ok(core, 'deployments.saveDay', { date: DAY, rows: [row({ people: 10 })] });
    // Force the second insert to fail inside the transaction.
    core.db.exec(`CREATE TRIGGER fail_second BEFORE INSERT ON deployment WHEN NEW.people = 99 BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const day = await ok(core, 'deployments.day', { date: DAY });
    const error = await fails(core, 'deployments.saveDay', { date: DAY, rows: [{ ...row({ people: 12 }), id: day.rows[0]!.id }, row({ people: 99 })] });
    expect(error.code).toBe('internal');
    expect((await ok(core, 'deployments.day', { date: DAY })).rows.map((r) => r.people)).toEqual([10]);
    expect(counts(core).changes).toBe(1);
  });
});
