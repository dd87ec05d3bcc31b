import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlockageDetail } from '../../../shared/contract/blockages';
import type { FieldStatus, FieldToken, IssuedToken } from '../../../shared/contract/field';
import { blockage, eventCount, ok, tinyJpeg } from '../blockages/helpers';
import { call, closeServers, fieldRig, rawGet, teamWithToken } from './helpers';

afterEach(closeServers);

const photoCount = (dataDir: string) => (existsSync(join(dataDir, 'photos')) ? readdirSync(join(dataDir, 'photos')).length : 0);

async function assignedRig() {
  const rig = await fieldRig();
  const one = await teamWithToken(rig.core, '一队');
  const two = await teamWithToken(rig.core, '二队');
  const id = await blockage(rig.core);
  await ok(rig.core, 'blockages.assign', { id, teamId: one.teamId });
  return { ...rig, one, two, id };
}

describe('field server: tokens', () => {
  it('refuses no token, a wrong one, a revoked one and another team’s blockage, writing nothing', async () => {
    const { url, core, one, two, id } = await assignedRig();
    const update = () => ({ clientId: randomUUID(), blockageId: id, action: 'in_progress', note: '' });
    const before = eventCount(core);
    expect((await call(url, 'phone.update', update(), null)).status).toBe(401);
    expect((await call(url, 'phone.update', update(), 'x'.repeat(43))).status).toBe(401);
    expect((await call(url, 'phone.update', update(), '')).status).toBe(401);
    const other = await call(url, 'phone.update', update(), two.token);
    expect(other.status).toBe(403);
    expect(other.body.error?.message).toContain('没有派给本队');
    expect((await call(url, 'phone.blockages', {}, two.token)).body).toEqual([]);
    await ok<FieldToken>(core, 'field.revokeToken', { tokenId: one.tokenId });
    const revoked = await call(url, 'phone.update', update(), one.token);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error?.message).toContain('已作废');
    expect((await call(url, 'phone.report', { clientId: randomUUID(), position: [124.2, 43.4] }, one.token)).status).toBe(401);
    expect(eventCount(core)).toBe(before);
    expect((await ok<BlockageDetail>(core, 'blockages.get', { id })).blockage.status).toBe('assigned');
  });

  it('renews a token (the old one stops, the new one works) and keeps only hashes', async () => {
    const { url, core, one } = await assignedRig();
    expect((await call(url, 'phone.me', {}, one.token)).body).toMatchObject({ team: { name: '一队' } });
    const renewed = await ok<IssuedToken>(core, 'field.renewToken', { tokenId: one.tokenId });
    expect(renewed.links[0]!.url).toContain(`#t=${renewed.secret}`);
    expect(renewed.links[0]!.qrSvg).toContain('<svg');
    expect((await call(url, 'phone.me', {}, one.token)).status).toBe(401);
    expect((await call(url, 'phone.me', {}, renewed.secret)).status).toBe(200);
    const stored = core.db.prepare('SELECT token_hash FROM team_token').all() as { token_hash: string }[];
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash) && r.token_hash !== renewed.secret)).toBe(true);
  });

  it('lets a team read its blockages and move them by the field rules', async () => {
    const { url, core, one, id } = await assignedRig();
    const list = await call(url, 'phone.blockages', {}, one.token);
    expect(list.body).toMatchObject([{ id, status: 'assigned', assigned: true, name: '太平村涵管堵点' }]);
    const arrived = await call(url, 'phone.update', { clientId: randomUUID(), blockageId: id, action: 'arrived', position: [124.2001, 43.4001] }, one.token);
    expect(arrived.body).toMatchObject({ status: 'assigned', duplicate: false });
    const photo = { fileName: 'IMG_20260810.jpg', dataBase64: tinyJpeg().toString('base64') };
    const cleared = await call(url, 'phone.update', { clientId: randomUUID(), blockageId: id, action: 'cleared', note: '已挖开', photo }, one.token);
    expect(cleared.status).toBe(200);
    const d = await ok<BlockageDetail>(core, 'blockages.get', { id });
    expect(d.blockage.status).toBe('cleared');
    expect(d.events.slice(-2)).toMatchObject([
      { kind: 'arrived', source: 'field', actor: '一队 · 一队手机', teamName: '一队', position: [124.2001, 43.4001], toStatus: null },
      { kind: 'status', source: 'field', fromStatus: 'assigned', toStatus: 'cleared', note: '已挖开', hasPhoto: true },
    ]);
    const again = await call(url, 'phone.update', { clientId: randomUUID(), blockageId: id, action: 'in_progress' }, one.token);
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toContain('不能标记“处理中”');
  });
});

describe('field server: bad input changes nothing', () => {
  it('answers each with a clear error', async () => {
    const { url, core, one, id, staticDir } = await assignedRig();
    const before = eventCount(core);
    const base = { clientId: randomUUID(), blockageId: id, action: 'arrived' };
    const jpeg = tinyJpeg().toString('base64');
    const cases: [string, unknown, number, RegExp][] = [
      ['malformed JSON', '{"clientId": ', 400, /不是有效的 JSON/],
      ['unknown status', { ...base, action: 'finished' }, 400, /action/],
      ['no client id', { blockageId: id, action: 'arrived' }, 400, /clientId/],
      ['out-of-range position', { ...base, position: [124.2, 95] }, 400, /纬度应在 -90 到 90 之间/],
      ['zero position', { ...base, position: [0, 0] }, 400, /定位无效/],
      ['non-image upload', { ...base, photo: { fileName: 'a.jpg', dataBase64: Buffer.from('MZ\x90\x00 executable').toString('base64') } }, 400, /不是照片/],
      ['path in a file name', { ...base, photo: { fileName: '../../draindesk.sqlite', dataBase64: jpeg } }, 400, /不能包含路径/],
      ['windows path', { ...base, photo: { fileName: 'C:\\x.jpg', dataBase64: jpeg } }, 400, /不能包含路径/],
      ['oversized upload', { ...base, photo: { fileName: 'big.jpg', dataBase64: tinyJpeg(11 * 1024 * 1024).toString('base64') } }, 413, /过大/],
      ['unknown field', { ...base, status: 'verified' }, 400, /status/],
    ];
    for (const [what, body, status, message] of cases) {
      const r = await call(url, 'phone.update', body, one.token);
      expect(r.status, what).toBe(status);
      expect(r.body.error?.message, what).toMatch(message);
    }
    const report = await call(url, 'phone.report', { clientId: randomUUID(), position: [181, 43] }, one.token);
    expect(report.status).toBe(400);
    const noJson = await fetch(`${url}api/phone.me`, { method: 'POST', headers: { Authorization: `Bearer ${one.token}`, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(noJson.status).toBe(400);
    const crossSite = await call(url, 'phone.me', {}, one.token, { Origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(eventCount(core)).toBe(before);
    expect(photoCount(core.ctx.dataDir)).toBe(0);
    expect(staticDir).toBeTruthy();
  });

  it('answers only its own routes and serves no file outside its folders', async () => {
    const { url, one } = await assignedRig();
    const page = await rawGet(url, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('现场');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await rawGet(url, '/assets/field-abc.js')).status).toBe(200);
    for (const path of ['/secret.txt', '/index.html/../secret.txt', '/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/..%2fsecret.txt', '/../../etc/passwd', '/draindesk.sqlite', '/photos/x.jpg', '/assets/', '/assets/.hidden']) {
      expect((await rawGet(url, path)).status, path).toBe(404);
    }
    // The desk's procedures are not here, token or not.
    for (const name of ['settings.get', 'blockages.list', 'teams.list', 'field.issueToken', 'network.delete']) {
      expect((await call(url, name, {}, one.token)).status, name).toBe(404);
    }
  });
});

describe('field server: retries never duplicate', () => {
  it('answers a repeated update or report with the first result', async () => {
    const { url, core, one, id } = await assignedRig();
    const update = { clientId: randomUUID(), blockageId: id, action: 'in_progress', note: '开始挖' };
    const first = await call(url, 'phone.update', update, one.token);
    const second = await call(url, 'phone.update', update, one.token);
    expect(first.body).toMatchObject({ duplicate: false, status: 'in_progress' });
    expect(second.body).toMatchObject({ duplicate: true, eventId: first.body.eventId });
    const report = { clientId: randomUUID(), position: [124.25, 43.45], note: '新发现的堵点', photo: { fileName: 'p.jpg', dataBase64: tinyJpeg().toString('base64') } };
    const [r1, r2, r3] = await Promise.all([call(url, 'phone.report', report, one.token), call(url, 'phone.report', report, one.token), call(url, 'phone.report', report, one.token)]);
    expect([r1, r2, r3].filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(new Set([r1, r2, r3].map((r) => r.body.blockageId)).size).toBe(1);
    expect((core.db.prepare("SELECT count(*) AS n FROM blockage WHERE source = 'field'").get() as { n: number }).n).toBe(1);
    expect(photoCount(core.ctx.dataDir)).toBe(1);
    // The report shows up in the team's list (awaiting dispatch) and on the desk as 上报 from the field.
    const mine = await call(url, 'phone.blockages', {}, one.token);
    expect((mine.body as unknown as { assigned: boolean; status: string }[]).map((b) => [b.status, b.assigned])).toEqual(expect.arrayContaining([['reported', false]]));
    const d = await ok<BlockageDetail>(core, 'blockages.get', { id: String(r1.body.blockageId) });
    expect(d.blockage).toMatchObject({ status: 'reported', reportedByTeamName: '一队', source: 'field' });
    expect(d.events).toMatchObject([{ kind: 'report', source: 'field', hasPhoto: true, position: [124.25, 43.45] }]);
    // Another team reusing the id is refused rather than given the first team's answer.
    const two = await teamWithToken(core, '三队');
    expect((await call(url, 'phone.report', report, two.token)).status).toBe(409);
  });
});

describe('field server: on and off from the app', () => {
  it('is off until started, then shows its URLs, then stops', async () => {
    process.env.DRAINDESK_FIELD_HOST = '127.0.0.1';
    const { core } = await fieldRig();
    expect(await ok<FieldStatus>(core, 'field.status', {})).toMatchObject({ running: false, port: 8787, urls: [] });
    await ok(core, 'field.setPort', { port: 9797 });
    expect((await ok<FieldStatus>(core, 'field.status', {})).port).toBe(9797);
    const on = await ok<FieldStatus>(core, 'field.start', { port: 0 });
    expect(on.running).toBe(true);
    expect(on.listeningPort).toBeGreaterThan(0);
    // HTTPS first (GPS and the offline page need it), on its own port with the desk's own certificate.
    expect(on.urls).toHaveLength(2);
    expect(on.urls[0]).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(on.urls[1]).toBe(`http://127.0.0.1:${on.listeningPort}/`);
    const health = await fetch(`http://127.0.0.1:${on.listeningPort}/api/health`);
    expect(await health.json()).toMatchObject({ ok: true });
    const off = await ok<FieldStatus>(core, 'field.stop', {});
    expect(off.running).toBe(false);
    await expect(fetch(`http://127.0.0.1:${on.listeningPort}/api/health`)).rejects.toThrow();
    expect((await core.dispatch('field.setPort', { port: 80 })).ok).toBe(false);
    delete process.env.DRAINDESK_FIELD_HOST;
  });

  it('lists the LAN addresses phones can use, best first', async () => {
    const { fieldUrls } = await import('../../../electron/core/field/lan');
    const urls = fieldUrls(8787);
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u.url).toBe(`http://${u.address}:8787/`);
  });
});
