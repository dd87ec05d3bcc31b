/**
 * The desk's sync procedures against a fake county server: enrolment (and a bad code), a revoked
 * key that stops the loop and says so, and a server whose database is down (503): the desk keeps
 * working and says 离线.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract/syncDesk';
import { tempCore } from '../../helpers/tempDir';
import { fails, ok, type Core } from '../blockages/helpers';
import { startFakeCounty, type FakeCounty } from './fakeCounty';
import { json } from './fakeServer';

const KEY = 'a'.repeat(64);
const fastSync = { transport: { timeoutMs: 2_000, attempts: 2, retryDelayMs: () => 5 }, loop: { intervalMs: 30, maxBackoffMs: 60 } };

let county: FakeCounty | null = null;
afterEach(async () => {
  await county?.close();
  county = null;
});

/** A fake county that enrols any well-formed code except one, keeping the desk's township id. */
async function countyWithEnrolment(): Promise<FakeCounty> {
  const c = await startFakeCounty();
  const base = c.server.handle;
  c.server.handle = (req, res) => {
    if (req.path !== '/sync/enrol') return base(req, res);
    const body = JSON.parse(req.body.toString()) as { code: string; townshipId: string };
    if (body.code === 'USED-USED-USED-USED') return json(res, 401, { error: { code: 'unauthorized', message: '注册码无效或已使用' } });
    json(res, 200, { townshipId: body.townshipId, townshipName: '双河乡', key: KEY });
  };
  return c;
}

const ditch = (core: Core, name: string) =>
  ok(core, 'network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates: [[125, 45], [125.01, 45.01]] }, properties: { name, kind: 'field' } });

describe('desk sync procedures', () => {
  it('is 未联网 before enrolling; a used code is refused with what to do; a good one enrols and syncs', async () => {
    county = await countyWithEnrolment();
    const core = await tempCore({ syncOptions: fastSync });
    await ditch(core, '一号沟');
    expect((await ok<SyncStatus>(core, 'sync.status', {})).state).toBe('not_enrolled');
    const refused = await fails(core, 'sync.enrol', { serverUrl: county.server.url, code: 'used-used-used-used' });
    expect(refused.code).toBe('unauthorized');
    expect(refused.message).toContain('新的注册码');
    const bad = await fails(core, 'sync.enrol', { serverUrl: 'fxb.example', code: 'X' });
    expect(bad.code).toBe('invalid_input');
    const s = await ok<SyncStatus>(core, 'sync.enrol', { serverUrl: `${county.server.url}/`, code: 'abcd-efgh-2345-6789' });
    expect(s).toMatchObject({ state: 'synced', pending: 0, serverUrl: county.server.url, townshipId: core.ctx.townshipId });
    expect(s.lastRound!.pushed).toBeGreaterThanOrEqual(2); // the township row and the ditch
    expect(county.server.requests.filter((r) => r.path === '/sync/push').every((r) => r.auth === `Bearer ${KEY}`)).toBe(true);
    // A new edit is 待上传 until the next round.
    await ditch(core, '二号沟');
    expect((await ok<SyncStatus>(core, 'sync.status', {})).state).toBe('pending');
    expect((await ok<SyncStatus>(core, 'sync.now', {})).state).toBe('synced');
  });

  it('a revoked key says so, stops the loop, and re-keying starts it again', async () => {
    county = await countyWithEnrolment();
    const core = await tempCore({ syncOptions: fastSync });
    core.ctx.sync!.start();
    await ok<SyncStatus>(core, 'sync.enrol', { serverUrl: county.server.url, code: 'ABCD-EFGH-2345-6789' });
    county.fail = (req) => (req.path === '/sync/enrol' ? null : 401);
    const s = await ok<SyncStatus>(core, 'sync.now', {});
    expect(s.state).toBe('error');
    expect(s.problem).toMatchObject({ kind: 'revoked' });
    expect(s.problem!.message).toContain('重新注册');
    expect(s.loopRunning).toBe(false);
    const tries = county.server.requests.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(county.server.requests.length).toBe(tries);
    county.fail = null;
    const again = await ok<SyncStatus>(core, 'sync.enrol', { serverUrl: county.server.url, code: 'WXYZ-EFGH-2345-6789' });
    expect(again.state).toBe('synced');
    expect(again.loopRunning).toBe(true);
  });

  it("a server whose database is down (503): the desk keeps working, says 离线 and since when, and catches up", async () => {
    county = await countyWithEnrolment();
    const core = await tempCore({ syncOptions: fastSync });
    await ok<SyncStatus>(core, 'sync.enrol', { serverUrl: county.server.url, code: 'ABCD-EFGH-2345-6789' });
    county.fail = (req) => (req.path === '/sync/enrol' ? null : 503);
    await ditch(core, '离线时新挖的沟');
    const s = await ok<SyncStatus>(core, 'sync.now', {});
    expect(s.state).toBe('offline');
    expect(s.offlineSince).not.toBeNull();
    expect(s.pending).toBe(1);
    expect(s.problem!.message).toContain('503');
    // Everything else works as before.
    await ditch(core, '又一条沟');
    expect((await ok<{ features: unknown[] }>(core, 'network.list', { layers: ['ditch'] })).features).toHaveLength(2);
    expect((await ok<SyncStatus>(core, 'sync.status', {})).pending).toBe(2);
    county.fail = null;
    const back = await ok<SyncStatus>(core, 'sync.now', {});
    expect(back).toMatchObject({ state: 'synced', pending: 0, offlineSince: null, problem: null });
    expect(county.feed.filter((e) => e.table === 'ditch')).toHaveLength(2);
  });

  it('disconnect revokes on the server and forgets the key; offline it refuses and stays enrolled', async () => {
    county = await countyWithEnrolment();
    const core = await tempCore({ syncOptions: fastSync });
    await ok<SyncStatus>(core, 'sync.enrol', { serverUrl: county.server.url, code: 'ABCD-EFGH-2345-6789' });
    county.fail = (req) => (req.path === '/sync/disconnect' ? 'drop' : null);
    const refused = await fails(core, 'sync.disconnect', {});
    expect(refused.code).toBe('unreachable');
    expect((await ok<SyncStatus>(core, 'sync.status', {})).state).toBe('synced');
    county.fail = null;
    expect((await ok<SyncStatus>(core, 'sync.disconnect', {})).state).toBe('not_enrolled');
    expect(core.db.prepare('SELECT count(*) AS n FROM sync_state').get()).toEqual({ n: 0 });
    expect((await ok<{ features: unknown[] }>(core, 'network.list', { layers: ['ditch'] })).features).toHaveLength(0);
  });
});
