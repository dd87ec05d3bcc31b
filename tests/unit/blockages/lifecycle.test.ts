import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BlockageDetail, BlockageList } from '../../../shared/contract/blockages';
import { BLOCKAGE_TRANSITIONS, FIELD_ACTIONS, fieldActionAllowed } from '../../../shared/domain/blockageLifecycle';
import { BLOCKAGE_STATUSES } from '../../../shared/domain/network';
import { tempCore } from '../../helpers/tempDir';
import { blockage, blockageIn, eventCount, fails, ok, team, tinyJpeg } from './helpers';

describe('blockage lifecycle: every move the table allows, and none it does not', () => {
  for (const from of BLOCKAGE_STATUSES) {
    for (const to of BLOCKAGE_STATUSES) {
      if (from === to) continue;
      const allowed = BLOCKAGE_TRANSITIONS[from].includes(to);
      it(`${from} → ${to}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const core = await tempCore();
        const t = await team(core);
        const id = await blockageIn(core, from, t.id);
        const before = eventCount(core);
        // 上报 → 已派工 needs a team, so it goes through assign; every other move through transition.
        const procedure = from === 'reported' && to === 'assigned' ? 'blockages.assign' : 'blockages.transition';
        const input = procedure === 'blockages.assign' ? { id, teamId: t.id } : { id, to, note: '测试' };
        if (allowed) {
          const d = await ok<BlockageDetail>(core, procedure, input);
          expect(d.blockage.status).toBe(to);
          const last = d.events.at(-1)!;
          expect(last).toMatchObject({ fromStatus: from, toStatus: to, source: 'desk' });
          expect(eventCount(core)).toBe(before + 1);
          const row = core.db.prepare('SELECT status FROM blockage WHERE id = ?').get(id) as { status: string };
          expect(row.status).toBe(to);
        } else {
          const error = await fails(core, procedure, input);
          expect(error.code).toBe('conflict');
          expect(error.message).toMatch(/不能从|已经是|不能再派工/);
          expect(eventCount(core)).toBe(before);
          expect((await ok<BlockageDetail>(core, 'blockages.get', { id })).blockage.status).toBe(from);
        }
      });
    }
  }

  it('offers the field only 处理中 and 已疏通 on assigned work, and 已到场 while open', () => {
    const allowed = BLOCKAGE_STATUSES.flatMap((s) => FIELD_ACTIONS.filter((a) => fieldActionAllowed(a, s)).map((a) => `${s}:${a}`));
    expect(allowed.sort()).toEqual(
      [
        'reported:note',
        'assigned:arrived',
        'assigned:in_progress',
        'assigned:cleared',
        'assigned:note',
        'in_progress:arrived',
        'in_progress:cleared',
        'in_progress:note',
        'cleared:note',
      ].sort(),
    );
  });
});

describe('dispatch, notes and history', () => {
  it('assigns a team with machines, reassigns, withdraws, and keeps every step', async () => {
    const core = await tempCore();
    const a = await team(core, '一队');
    const b = await team(core, '二队');
    const id = await blockage(core);
    let d = await ok<BlockageDetail>(core, 'blockages.assign', { id, teamId: a.id, machines: { excavators: 1, longArmExcavators: 1, pumps: 2 }, note: '带长臂钩机' });
    expect(d.blockage).toMatchObject({ status: 'assigned', teamName: '一队', machines: { excavators: 1, longArmExcavators: 1, pumps: 2 } });
    d = await ok<BlockageDetail>(core, 'blockages.assign', { id, teamId: b.id });
    expect(d.blockage).toMatchObject({ status: 'assigned', teamName: '二队', machines: { excavators: 0, longArmExcavators: 0, pumps: 0 } });
    expect(d.events.at(-1)).toMatchObject({ kind: 'assign', fromTeamName: '一队', toTeamName: '二队', fromStatus: null, toStatus: null });
    expect((await fails(core, 'blockages.assign', { id, teamId: b.id })).code).toBe('conflict');
    d = await ok<BlockageDetail>(core, 'blockages.assign', { id, teamId: null, note: '改由村里处理' });
    expect(d.blockage).toMatchObject({ status: 'reported', teamId: null });
    expect(d.events.map((e) => e.kind)).toEqual(['report', 'assign', 'assign', 'assign']);
    expect((await fails(core, 'blockages.transition', { id, to: 'assigned' })).code).toBe('invalid_input');
  });

  it('keeps a desk note with a photo, and serves the photo back as a data URL', async () => {
    const core = await tempCore();
    const id = await blockage(core);
    const jpeg = tinyJpeg();
    const d = await ok<BlockageDetail>(core, 'blockages.note', { id, note: '电话报告：水位在涨', photo: { fileName: 'IMG_0001.jpg', dataBase64: jpeg.toString('base64') } });
    const e = d.events.at(-1)!;
    expect(e).toMatchObject({ kind: 'note', note: '电话报告：水位在涨', hasPhoto: true, toStatus: null });
    expect(d.blockage).toMatchObject({ status: 'reported', photoCount: 1 });
    const photo = await ok<{ dataUrl: string; bytes: number }>(core, 'blockages.photo', { eventId: e.id });
    expect(photo.dataUrl).toBe(`data:image/jpeg;base64,${jpeg.toString('base64')}`);
    const stored = readdirSync(join(core.ctx.dataDir, 'photos'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f-]{36}\.jpg$/);
  });

  it('refuses a non-image, an oversized photo, a path in a file name and an empty note, writing nothing', async () => {
    const core = await tempCore();
    const id = await blockage(core);
    const before = eventCount(core);
    const cases = [
      { id, note: 'x', photo: { fileName: 'a.jpg', dataBase64: Buffer.from('<html>not an image</html>').toString('base64') } },
      { id, note: 'x', photo: { fileName: '../../etc/passwd.jpg', dataBase64: tinyJpeg().toString('base64') } },
      { id, note: 'x', photo: { fileName: 'C:\\photos\\a.jpg', dataBase64: tinyJpeg().toString('base64') } },
      { id, note: 'x', photo: { fileName: 'big.jpg', dataBase64: tinyJpeg(7 * 1024 * 1024).toString('base64') } },
      { id, note: '' },
    ];
    const codes = [];
    for (const input of cases) codes.push((await fails(core, 'blockages.note', input)).code);
    expect(codes).toEqual(['invalid_input', 'invalid_input', 'invalid_input', 'invalid_input', 'invalid_input']);
    expect(eventCount(core)).toBe(before);
    expect(existsSync(join(core.ctx.dataDir, 'photos')) ? readdirSync(join(core.ctx.dataDir, 'photos')) : []).toEqual([]);
    const notImage = await fails(core, 'blockages.note', cases[0]);
    expect(notImage.message).toContain('不是照片');
  });

  it('will not let any writer change a status without an event, or rewrite an event', async () => {
    const core = await tempCore();
    const id = await blockage(core);
    expect(() => core.db.prepare("UPDATE blockage SET status = 'cleared' WHERE id = ?").run(id)).toThrow(/lifecycle event/);
    expect(() => core.db.prepare("UPDATE blockage_event SET note = 'changed' WHERE blockage_id = ?").run(id)).toThrow(/append-only/);
    // A rename through the network edit leaves the status alone and is fine.
    await ok(core, 'network.update', { layer: 'blockage', id, properties: { name: '新名字' } });
  });
});

describe('undo of the desk’s last change', () => {
  it('puts back status, team and machines with a compensating event, one change at a time', async () => {
    const core = await tempCore();
    const t = await team(core);
    const id = await blockage(core);
    await ok(core, 'blockages.assign', { id, teamId: t.id, machines: { excavators: 2, longArmExcavators: 0, pumps: 1 } });
    await ok(core, 'blockages.transition', { id, to: 'in_progress' });
    let r = await ok<{ undone: { toStatus: string }; detail: BlockageDetail }>(core, 'blockages.undo', {});
    expect(r.undone.toStatus).toBe('in_progress');
    expect(r.detail.blockage).toMatchObject({ status: 'assigned', teamName: '一队', machines: { excavators: 2, pumps: 1 } });
    r = await ok(core, 'blockages.undo', {});
    expect(r.detail.blockage).toMatchObject({ status: 'reported', teamId: null, machines: { excavators: 0, longArmExcavators: 0, pumps: 0 } });
    // History is complete: report, assign, in_progress, and two undos; the undone ones are marked.
    expect(r.detail.events.map((e) => [e.kind, e.undone])).toEqual([
      ['report', false],
      ['assign', true],
      ['status', true],
      ['undo', false],
      ['undo', false],
    ]);
    expect((await fails(core, 'blockages.undo', {})).code).toBe('not_found');
  });

  it('refuses to undo over a later change from the field', async () => {
    const core = await tempCore();
    const t = await team(core);
    const id = await blockage(core);
    await ok(core, 'blockages.assign', { id, teamId: t.id });
    // A field team marks it 处理中 (as the field server would: source field, acting team).
    const { appendEvent } = await import('../../../electron/core/services/blockages/lifecycle');
    const { liveBlockage } = await import('../../../electron/core/services/blockages/views');
    core.db.transaction(() => appendEvent(core.ctx, { source: 'field', actor: '一队', teamId: t.id }, liveBlockage(core.ctx, id), { kind: 'status', to: 'in_progress', at: new Date().toISOString() }))();
    const error = await fails(core, 'blockages.undo', {});
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('不能撤销');
    expect((await ok<BlockageDetail>(core, 'blockages.get', { id })).blockage.status).toBe('in_progress');
  });
});

describe('the desk table', () => {
  it('filters by status, village, team, age and text, sorts, and counts by status', async () => {
    let now = new Date('2026-08-10T02:00:00Z');
    const core = await tempCore({ now: () => now });
    const t = await team(core);
    const old = await blockage(core, '永安村老堵点', [124.21, 43.41], '永安村');
    now = new Date('2026-08-12T02:00:00Z');
    const fresh = await blockage(core, '太平村新堵点', [124.22, 43.42], '太平村');
    const done = await blockageIn(core, 'cleared', t.id);
    await ok(core, 'blockages.assign', { id: fresh, teamId: t.id });
    const all = await ok<BlockageList>(core, 'blockages.list', {});
    expect(all.counts).toMatchObject({ reported: 1, assigned: 1, cleared: 1, in_progress: 0 });
    expect(all.open).toBe(2);
    expect(all.unassigned).toBe(1);
    // Default order: open first, unassigned first, oldest first.
    expect(all.rows.map((r) => r.id)).toEqual([old, fresh, done]);
    expect(all.rows[0]).toMatchObject({ overdue: true, ageHours: 48 });
    const ids = async (input: object) => (await ok<BlockageList>(core, 'blockages.list', input)).rows.map((r) => r.id);
    expect(await ids({ statuses: ['assigned'] })).toEqual([fresh]);
    expect(await ids({ village: '永安村' })).toEqual([old]);
    expect(await ids({ teamId: 'none' })).toEqual([old]);
    expect(await ids({ teamId: t.id, sort: 'name' })).toHaveLength(2);
    expect(await ids({ minAgeHours: 24 })).toEqual([old]);
    expect(await ids({ query: '新堵点' })).toEqual([fresh]);
    expect((await ids({ sort: 'age' }))[0]).toBe(old);
    expect((await ids({ sort: 'age', desc: true })).at(-1)).toBe(old);
    expect(all.villages).toEqual(expect.arrayContaining(['永安村', '太平村']));
  });

  it('reports changes after a cursor cheaply, and its version moves with every change', async () => {
    const core = await tempCore();
    const start = await ok<{ cursor: number; version: string; changes: unknown[] }>(core, 'blockages.changesSince', {});
    expect(start.changes).toEqual([]);
    const id = await blockage(core);
    await ok(core, 'blockages.note', { id, note: '一' });
    const next = await ok<{ cursor: number; version: string; changes: { kind: string; blockageId: string }[] }>(core, 'blockages.changesSince', { cursor: start.cursor });
    expect(next.changes.map((c) => c.kind)).toEqual(['report', 'note']);
    expect(next.version).not.toBe(start.version);
    const idle = await ok<{ cursor: number; changes: unknown[] }>(core, 'blockages.changesSince', { cursor: next.cursor });
    expect(idle).toMatchObject({ cursor: next.cursor, changes: [] });
  });
});

describe('teams', () => {
  it('keeps names unique and will not delete a team with open work', async () => {
    const core = await tempCore();
    const t = await team(core);
    expect((await fails(core, 'teams.save', { name: '一队' })).code).toBe('conflict');
    const id = await blockage(core);
    await ok(core, 'blockages.assign', { id, teamId: t.id });
    expect((await fails(core, 'teams.delete', { id: t.id })).message).toContain('未完成');
    await ok(core, 'blockages.assign', { id, teamId: null });
    await ok(core, 'teams.delete', { id: t.id });
    expect(await ok(core, 'teams.list', {})).toEqual([]);
    expect((await fails(core, 'teams.save', { name: '', phone: 'abc' })).code).toBe('invalid_input');
  });
});
