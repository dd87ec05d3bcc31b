import { describe, expect, it } from 'vitest';
import type { BlockageDetail, BlockageList, Team } from '../../../shared/contract/blockages';
import type { DispatchPlanOutput } from '../../../shared/contract/dispatch';
import type { SheetDraft } from '../../../shared/contract/sheets';
import type { Settings } from '../../../shared/contract/settings';
import { machinesCover } from '../../../shared/domain/blockageCause';
import { TeamRepository } from '../../../electron/core/db/repositories/teamRepository';
import { phoneHandlers } from '../../../electron/core/field/phoneApi';
import { demoCore, fails, ok, type Core } from '../sheets/helpers';

const plan = (core: Core, input: object = {}) => ok<DispatchPlanOutput>(core, 'dispatch.plan', input);
const assignmentsOf = (p: DispatchPlanOutput) => p.teams.flatMap((t) => t.jobs.map((j) => ({ blockageId: j.blockageId, teamId: t.teamId })));

function eventRows(core: Core) {
  return core.db.prepare('SELECT blockage_id, kind, from_status, to_status, to_team_id, undoes_event_id FROM blockage_event ORDER BY seq').all() as Record<string, unknown>[];
}

describe('dispatch on the demo township', () => {
  it('plans only machine-capable teams within their hours, for blockages waiting for dispatch', async () => {
    const core = await demoCore();
    const p = await plan(core);
    const teams = await ok<Team[]>(core, 'teams.list', {});
    const list = await ok<BlockageList>(core, 'blockages.list', { statuses: ['reported'] });
    expect(p.date).toBe('2026-08-10');
    expect(p.workDate).toBe('2026-08-11');
    expect(p.teams.length).toBeGreaterThan(0);
    const planned = p.teams.flatMap((t) => t.jobs);
    for (const t of p.teams) {
      const team = teams.find((x) => x.id === t.teamId)!;
      expect(t.hoursUsed).toBeLessThanOrEqual(t.hoursLeft + 1e-9);
      expect(t.hoursLeft).toBeLessThanOrEqual(p.settings.workdayHours);
      for (const j of t.jobs) {
        expect(machinesCover(team.machines, j.needs)).toBe(true);
        expect(j.capableTeamIds).toContain(t.teamId);
        expect(j.reason.zh).toMatch(/^(最近的有.+的作业队|有.+的作业队中第 \d+ 近.*)；可释放 .+m³；路程 \d+\.\d km 约 \d+ 分钟/);
        expect(list.rows.map((r) => r.id)).toContain(j.blockageId);
      }
    }
    // Every blockage waiting for dispatch is either planned or named in a left-out message.
    const named = new Set(p.leftOut.flatMap((l) => l.ids));
    for (const r of list.rows) expect(planned.some((j) => j.blockageId === r.id) || named.has(r.id)).toBe(true);
    expect(p.releasedM3).toBeGreaterThanOrEqual(p.greedy.releasedM3 - 1e-6);
    expect(['solver', 'greedy']).toContain(p.producedBy);
  });

  it('accepts into lifecycle events and the sheet’s 明日安排, the phone sees the work, and undo puts it all back', async () => {
    const core = await demoCore();
    const p = await plan(core);
    const chosen = assignmentsOf(p);
    const before = eventRows(core);
    const r = await ok<{ assigned: number; sheetDate: string; planRows: number }>(core, 'dispatch.accept', { assignments: chosen });
    expect(r).toMatchObject({ assigned: chosen.length, sheetDate: '2026-08-10', planRows: p.teams.length });

    for (const a of chosen) {
      const d = await ok<BlockageDetail>(core, 'blockages.get', { id: a.blockageId });
      expect(d.blockage).toMatchObject({ status: 'assigned', teamId: a.teamId });
      expect(d.events.at(-1)).toMatchObject({ kind: 'assign', fromStatus: 'reported', toStatus: 'assigned', source: 'desk' });
      expect(d.events.at(-1)!.note).toMatch(/^调度建议：/);
    }
    const draft = await ok<SheetDraft>(core, 'sheets.draft', { date: '2026-08-10' });
    for (const t of p.teams) {
      const row = draft.planRows.find((x) => x.note.startsWith(`调度：${t.name}，`))!;
      expect(row, t.name).toBeDefined();
      for (const j of t.jobs) expect(row.note).toContain(j.name.slice(0, 6));
    }

    // The team's phone lists its new blockages.
    const first = p.teams[0]!;
    await ok(core, 'field.issueToken', { teamId: first.teamId, label: '手机' });
    const repo = new TeamRepository(core.db, core.ctx.townshipId);
    const caller = { team: repo.get(first.teamId)!, token: repo.tokens({ teamId: first.teamId })[0]! };
    const phone = (await phoneHandlers['phone.blockages']({}, core.ctx, caller)) as { id: string; status: string }[];
    for (const j of first.jobs) expect(phone.find((b) => b.id === j.blockageId)?.status).toBe('assigned');

    // Undo, once per assignment, puts every blockage back to 上报 with no team; history keeps all.
    for (let i = 0; i < chosen.length; i++) await ok(core, 'blockages.undo', {});
    for (const a of chosen) expect((await ok<BlockageDetail>(core, 'blockages.get', { id: a.blockageId })).blockage).toMatchObject({ status: 'reported', teamId: null });
    const after = eventRows(core);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBe(before.length + 2 * chosen.length);
    expect(after.slice(-chosen.length).every((e) => e.kind === 'undo' && e.undoes_event_id !== null)).toBe(true);
    // And the next plan offers the same work again.
    expect(assignmentsOf(await plan(core)).length).toBe(chosen.length);
  });

  it('accepting a second time replaces a team’s row instead of adding one', async () => {
    const core = await demoCore();
    const p = await plan(core);
    const [a, ...rest] = assignmentsOf(p);
    await ok(core, 'dispatch.accept', { assignments: [a] });
    if (rest.length) await ok(core, 'dispatch.accept', { assignments: rest });
    const draft = await ok<SheetDraft>(core, 'sheets.draft', { date: '2026-08-10' });
    const names = draft.planRows.map((r) => r.note.split('，')[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('dispatch bad input', () => {
  it('refuses a team without the machine the cause needs, and writes nothing', async () => {
    const core = await demoCore();
    const p = await plan(core);
    const job = p.teams[0]!.jobs[0]!;
    const noArm = await ok<Team>(core, 'teams.save', { name: '人工队', machines: { excavators: 0, longArmExcavators: 0, dumpTrucks: 0, pumps: 0 } });
    const before = eventRows(core).length;
    const e = await fails(core, 'dispatch.accept', { assignments: [{ blockageId: job.blockageId, teamId: noArm.id }] });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('“人工队”没有');
    expect(e.message).toContain(job.name);
    expect(eventRows(core).length).toBe(before);
    expect((await ok<SheetDraft>(core, 'sheets.draft', { date: '2026-08-10' })).planRows).toEqual([]);
  });

  it('is all or nothing: one blockage already dispatched refuses the whole acceptance', async () => {
    const core = await demoCore();
    const p = await plan(core);
    const all = assignmentsOf(p);
    await ok(core, 'blockages.assign', { id: all.at(-1)!.blockageId, teamId: all.at(-1)!.teamId });
    const before = eventRows(core).length;
    const e = await fails(core, 'dispatch.accept', { assignments: all });
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/已是“已派工”.*请重新生成调度建议/);
    expect(eventRows(core).length).toBe(before);
  });

  it('checks its input: empty, duplicate blockages, unknown ids, a day outside the season', async () => {
    const core = await demoCore();
    const p = await plan(core);
    const a = assignmentsOf(p)[0]!;
    expect((await fails(core, 'dispatch.accept', { assignments: [] })).message).toContain('请至少选择一项派工');
    expect((await fails(core, 'dispatch.accept', { assignments: [a, { ...a }] })).message).toContain('同一个堵点只能派给一个作业队');
    expect((await fails(core, 'dispatch.accept', { assignments: [{ ...a, teamId: '00000000-0000-4000-8000-000000000000' }] })).code).toBe('not_found');
    expect((await fails(core, 'dispatch.accept', { date: '2026-01-05', assignments: [a] })).code).toBe('invalid_input');
    expect((await ok<BlockageDetail>(core, 'blockages.get', { id: a.blockageId })).blockage.status).toBe('reported');
    expect((await fails(core, 'dispatch.plan', { date: '2026-02-30' })).code).toBe('invalid_input');
  });

  it('says so when there are no teams or no blockages waiting', async () => {
    const core = await demoCore();
    const p = await plan(core);
    await ok(core, 'dispatch.accept', { assignments: assignmentsOf(p) });
    const rest = (await ok<BlockageList>(core, 'blockages.list', { statuses: ['reported'] })).rows;
    for (const r of rest) await ok(core, 'blockages.transition', { id: r.id, to: 'rejected', note: '测试' });
    const none = await plan(core);
    expect(none.teams).toEqual([]);
    expect(none.leftOut.map((l) => l.kind)).toEqual(['no_open_blockages']);
    expect(none.leftOut[0]!.message.zh).toContain('没有待派工的堵点');
  });
});

describe('per-blockage needs and the settings', () => {
  it('a cause set on a blockage changes what it needs, with a note in its history', async () => {
    const core = await demoCore();
    const p = await plan(core);
    const job = p.teams[0]!.jobs[0]!;
    const set = await ok<{ cause: string; causeSet: boolean; jobHours: number; needs: Record<string, number> }>(core, 'dispatch.setNeeds', { blockageId: job.blockageId, cause: 'ponding', jobHours: 1.5 });
    expect(set).toMatchObject({ cause: 'ponding', causeSet: true, jobHours: 1.5, needs: { pumps: 4, excavators: 0 } });
    const d = await ok<BlockageDetail>(core, 'blockages.get', { id: job.blockageId });
    expect(d.events.at(-1)).toMatchObject({ kind: 'note', note: '调度需求：成因 积水，作业约 1.5 小时' });
    const again = (await plan(core)).teams.flatMap((t) => t.jobs).find((j) => j.blockageId === job.blockageId);
    if (again) expect(again).toMatchObject({ cause: 'ponding', causeSet: true, jobHours: 1.5 });
    expect((await fails(core, 'dispatch.setNeeds', { blockageId: job.blockageId, cause: 'lava', jobHours: null })).code).toBe('invalid_input');
    expect((await fails(core, 'dispatch.setNeeds', { blockageId: job.blockageId, cause: null, jobHours: 30 })).message).toContain('不超过 24 小时');
  });

  it('travel settings are typed keys of the settings service with history and undo', async () => {
    const core = await demoCore();
    const slow = await ok<Settings>(core, 'settings.update', { dispatch: { speedKmh: 5 } });
    expect(slow.dispatch).toMatchObject({ speedKmh: 5, detourFactor: 1.3, workdayHours: 10 });
    const p = await plan(core);
    expect(p.settings.speedKmh).toBe(5);
    for (const j of p.teams.flatMap((t) => t.jobs)) expect(j.legMinutes).toBeCloseTo((j.legKm / 5) * 60, 6);
    expect((await fails(core, 'settings.update', { dispatch: { detourFactor: 0.5 } })).message).toContain('绕行系数不小于 1');
    expect((await ok<Settings>(core, 'settings.undo', {})).dispatch.speedKmh).toBe(15);
  });
});
