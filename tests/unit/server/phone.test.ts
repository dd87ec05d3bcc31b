/**
 * Issue 12, server half: phones through the county server (real PostgreSQL, the server in this
 * process, two real desks of one township syncing with it). A team token issued on desk A reaches
 * the server by sync; a phone's update with a photo and GPS through the server shows on desk B as
 * 现场更新 after one sync, its photo too; a retried update is not doubled; a patrol walked through
 * the server is coverage on the desk; a token revoked on the desk is refused after the next sync
 * with the LAN server's own 401; malformed phone requests leave the server up. The desk's side: an
 * enrolled desk's QR link is the server's public phone page, and GPS accuracy travels with updates.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlockageChange, BlockageDetail } from '../../../shared/contract/blockages';
import type { IssuedToken } from '../../../shared/contract/field';
import type { PatrolCoverage, PatrolTrack } from '../../../shared/contract/patrol';
import type { SyncStatus } from '../../../shared/contract/syncDesk';
import { issueEnrolCode } from '../../../server/sync/enrol';
import { rawExchange } from '../../helpers/rawHttp';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openCore } from '../../../electron/core/app';
import { blockageIn, ok, team, tinyJpeg, type Core } from '../blockages/helpers';
import { call } from '../field/helpers';
import { closePhones } from '../../../server/phone/gateway';
import { entry, hlc, post, startTestServer, type TestServer } from './helpers';

const TOWNSHIP = '兴隆镇';
const fastSync = { transport: { timeoutMs: 10_000, attempts: 2, retryDelayMs: () => 20 }, loop: { intervalMs: 600_000, maxBackoffMs: 600_000 } };

let cluster: TestCluster;
let server: TestServer;
let a: Core;
let b: Core;
let phoneUrl: string;

const LAT = 43.4;
const LON = 124.2;
const M_LAT = 1 / 111_195;
const M_LON = 1 / (111_195 * Math.cos((LAT * Math.PI) / 180));
const lonLat = (eastM: number, northM: number): [number, number] => [LON + eastM * M_LON, LAT + northM * M_LAT];

const sync = async (core: Core) => {
  const s = await ok<SyncStatus>(core, 'sync.now', {});
  expect(s.problem, JSON.stringify(s.problem)).toBeNull();
  return s;
};

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await startTestServer(cluster);
  phoneUrl = `${server.url}/field/`;
  // Desk A enrols the township; desk B is a second PC of it (a re-key code) and takes its id.
  // Desks for the whole file (the shared temp-core helper closes them after each test).
  const desk = () => openCore({ dataDir: mkdtempSync(join(tmpdir(), 'draindesk-phone-desk-')), transport: 'test', syncOptions: fastSync });
  a = await desk();
  b = await desk();
  await ok(a, 'sync.enrol', { serverUrl: server.url, code: (await issueEnrolCode(server.ctx, TOWNSHIP, 'add')).code });
  await ok(b, 'sync.enrol', { serverUrl: server.url, code: (await issueEnrolCode(server.ctx, TOWNSHIP, 'rekey')).code });
}, 120_000);
afterAll(async () => {
  for (const core of [a, b]) {
    core?.close();
    if (core) rmSync(core.ctx.dataDir, { recursive: true, force: true });
  }
  await server?.close();
  cluster?.stop();
});

/** A team with a phone token on desk A, and a blockage assigned to it, both synced to the server. */
async function teamOnA(name: string): Promise<{ teamId: string; token: string; tokenId: string; blockageId: string }> {
  const t = await team(a, name);
  const issued = await ok<IssuedToken>(a, 'field.issueToken', { teamId: t.id, label: `${name}手机` });
  const blockageId = await blockageIn(a, 'assigned', t.id);
  await sync(a);
  return { teamId: t.id, token: issued.secret, tokenId: issued.token.id, blockageId };
}

describe('phones through the county server', () => {
  it('serves the phone page, its service worker and manifest under /field/, and the same phone API', async () => {
    const page = await fetch(phoneUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('field.webmanifest');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const sw = await fetch(`${phoneUrl}field-sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${phoneUrl}field.webmanifest`)).status).toBe(200);
    const redirect = await fetch(`${server.url}/field`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/field/');
    // The county page stays where it was; desk pages are not served.
    expect((await fetch(`${server.url}/index.html`)).status).toBe(404);
    const none = await call(phoneUrl, 'phone.me', {}, null);
    expect(none.status).toBe(401);
    expect(none.body.error?.message).toContain('缺少口令');
  });

  it('a token issued on the desk works on the server after one sync; a revoked one is refused after the next, with the LAN answer', async () => {
    const t = await team(a, '三队');
    const issued = await ok<IssuedToken>(a, 'field.issueToken', { teamId: t.id, label: '三队手机' });
    // Not synced yet: the server has never heard of it.
    const before = await call(phoneUrl, 'phone.me', {}, issued.secret);
    expect(before.status).toBe(401);
    expect(before.body.error?.message).toContain('口令不正确');
    await sync(a);
    const me = await call(phoneUrl, 'phone.me', {}, issued.secret);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ team: { id: t.id, name: '三队' } });
    // Both routes answer the same: /api/phone.* and /field/api/phone.* (where the page's relative calls go).
    expect((await call(`${server.url}/`, 'phone.me', {}, issued.secret)).status).toBe(200);
    // Only the hash travelled.
    const stored = await server.ctx.pool.query(`SELECT row FROM replica_row WHERE table_name = 'team_token' AND row_id = $1`, [issued.token.id]);
    expect(JSON.stringify(stored.rows[0].row)).not.toContain(issued.secret);

    await ok(a, 'field.revokeToken', { tokenId: issued.token.id });
    // Until the desk syncs the server cannot know.
    expect((await call(phoneUrl, 'phone.me', {}, issued.secret)).status).toBe(200);
    await sync(a);
    const refused = await call(phoneUrl, 'phone.update', { clientId: randomUUID(), blockageId: randomUUID(), action: 'note', note: '离线时排队的' }, issued.secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'unauthorized', message: '口令已作废：请向办公室要新的二维码' });
    // The server's use of a token wrote nothing back to the desk's row (no last-used clock to win over a revoke).
    const after = await server.ctx.pool.query(`SELECT origin FROM replica_row WHERE table_name = 'team_token' AND row_id = $1`, [issued.token.id]);
    expect(after.rows[0].origin).not.toBe(server.ctx.installationId);
  });

  it('an update with photo and GPS through the server reaches desk B as 现场更新 after one sync, once, with its photo', async () => {
    const { token, blockageId } = await teamOnA('一队');
    await sync(b);
    const cursor = (await ok<{ cursor: number }>(b, 'blockages.changesSince', {})).cursor;
    const photo = tinyJpeg(3000);
    const update = {
      clientId: randomUUID(),
      blockageId,
      action: 'in_progress',
      note: '挖掘机已到，正在清淤',
      photo: { fileName: 'p.jpg', dataBase64: photo.toString('base64') },
      position: [124.2001, 43.4001],
    };
    const first = await call(phoneUrl, 'phone.update', update, token);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ status: 'in_progress', duplicate: false });
    // The outbox sends it again (the answer was lost): the same answer, nothing doubled.
    const again = await call(phoneUrl, 'phone.update', update, token);
    expect(again.body).toMatchObject({ eventId: first.body.eventId, duplicate: true });

    await sync(b);
    const changes = await ok<{ changes: BlockageChange[] }>(b, 'blockages.changesSince', { cursor });
    const field = changes.changes.filter((c) => c.source === 'field');
    expect(field).toHaveLength(1);
    expect(field[0]).toMatchObject({ blockageId, toStatus: 'in_progress', actor: '一队 · 一队手机' });
    const detail = await ok<BlockageDetail>(b, 'blockages.get', { id: blockageId });
    expect(detail.blockage.status).toBe('in_progress');
    const event = detail.events.find((e) => e.id === first.body.eventId)!;
    expect(event).toMatchObject({ note: '挖掘机已到，正在清淤', hasPhoto: true, source: 'field' });
    expect(event.position).toEqual([124.2001, 43.4001]);
    // The photo came down as a blob, byte for byte.
    const name = (b.db.prepare('SELECT photo FROM blockage_event WHERE id = ?').get(first.body.eventId) as { photo: string }).photo;
    const file = join(b.ctx.dataDir, 'photos', name);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).equals(photo)).toBe(true);
    expect((b.db.prepare('SELECT count(*) AS n FROM blockage_event WHERE client_id = ?').get(update.clientId) as { n: number }).n).toBe(1);
    // Desk A sees it too, and the status the desk sets next goes back to the phone.
    await sync(a);
    expect((await ok<BlockageDetail>(a, 'blockages.get', { id: blockageId })).blockage.status).toBe('in_progress');
    await ok(a, 'blockages.transition', { id: blockageId, to: 'cleared' });
    await sync(a);
    const list = await call(phoneUrl, 'phone.blockages', {}, token);
    expect((list.body as unknown as { id: string; status: string }[]).find((x) => x.id === blockageId)?.status).toBe('cleared');
  });

  it('a report of a new blockage through the server and a patrol walk reach the desk: the walked ditches are covered', async () => {
    const { token } = await teamOnA('二队');
    const ditch = async (name: string, northM: number) =>
      (await ok<{ id: string }>(a, 'network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates: [lonLat(0, northM), lonLat(600, northM)] }, properties: { name, kind: 'branch', village: '三合堡村' } })).id;
    const walked = await ditch('一号支沟', 0);
    const alsoWalked = await ditch('二号支沟', 300);
    const notWalked = await ditch('三号支沟', 900);
    await sync(a);
    const report = await call(phoneUrl, 'phone.report', { clientId: randomUUID(), position: lonLat(100, 0), note: '涵管被秸秆堵住' }, token);
    expect(report.status, JSON.stringify(report.body)).toBe(200);

    const t0 = Date.now() - 3_600_000;
    const walk = (northM: number, startS: number) =>
      Array.from({ length: 51 }, (_, i) => {
        const [lon, lat] = lonLat(i * 12, northM);
        return { lon, lat, at: new Date(t0 + (startS + i * 10) * 1000).toISOString(), accuracyM: 6 };
      });
    const patrolId = randomUUID();
    const chunk0 = { patrolId, seq: 0, points: walk(15, 0), final: false };
    expect((await call(phoneUrl, 'phone.track', chunk0, token)).body).toMatchObject({ duplicate: false, stored: 51 });
    expect((await call(phoneUrl, 'phone.track', chunk0, token)).body).toMatchObject({ duplicate: true, stored: 0 });
    expect((await call(phoneUrl, 'phone.track', { patrolId, seq: 1, points: walk(310, 700), final: true }, token)).status).toBe(200);

    await sync(b);
    // The walk's day in Beijing time, as the desk counts days.
    const today = new Date(t0 + 8 * 3_600_000).toISOString().slice(0, 10);
    const tracks = await ok<PatrolTrack[]>(b, 'patrol.tracks', { date: today });
    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toMatchObject({ teamName: '二队', ended: true });
    const coverage = await ok<PatrolCoverage>(b, 'patrol.coverage', { date: today });
    expect(coverage.coveredDitchIds.sort()).toEqual([walked, alsoWalked].sort());
    expect(coverage.coveredDitchIds).not.toContain(notWalked);
    const reported = await ok<BlockageDetail>(b, 'blockages.get', { id: report.body.blockageId });
    expect(reported.blockage.note).toBe('涵管被秸秆堵住');
    // The server's copy knew the ditches: the report was placed on the one it sits on, in its village.
    expect(reported.blockage).toMatchObject({ ditchId: walked, ditchName: '一号支沟', village: '三合堡村' });
    expect(reported.events[0]).toMatchObject({ source: 'field' });
    // Nothing doubled on the server either: the two pieces once each, the resent one not again.
    const chunks = await server.ctx.pool.query(`SELECT count(*)::int AS n FROM feed_entry WHERE table_name = 'patrol_chunk' AND row->>'patrol_id' = $1`, [patrolId]);
    expect(chunks.rows[0].n).toBe(2);
    expect(b.db.prepare('SELECT count(*) AS n FROM patrol_chunk WHERE patrol_id = ?').get(patrolId)).toEqual({ n: 2 });
  });

  it('a write the server cannot merge is a 503 the phone retries; the retry is stored once, not answered "duplicate"', async () => {
    const { token, blockageId } = await teamOnA('五队');
    const pool = server.ctx.pool;
    // The server's feed refuses writes for a moment (a full disk, a failover).
    await pool.query(`CREATE FUNCTION refuse_feed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await pool.query('CREATE TRIGGER refuse_feed BEFORE INSERT ON feed_entry FOR EACH ROW EXECUTE FUNCTION refuse_feed()');
    const update = { clientId: randomUUID(), blockageId, action: 'arrived', note: '' };
    const refused = await call(phoneUrl, 'phone.update', update, token);
    expect(refused.status).toBe(503);
    expect(refused.body.error?.message).toContain('手机会保留');
    await pool.query('DROP TRIGGER refuse_feed ON feed_entry');
    await pool.query('DROP FUNCTION refuse_feed()');
    const retried = await call(phoneUrl, 'phone.update', update, token);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ duplicate: false });
    const stored = await pool.query(`SELECT count(*)::int AS n FROM feed_entry WHERE table_name = 'blockage_event' AND row->>'client_id' = $1`, [update.clientId]);
    expect(stored.rows[0].n).toBe(1);
    await sync(b);
    expect((b.db.prepare('SELECT count(*) AS n FROM blockage_event WHERE client_id = ?').get(update.clientId) as { n: number }).n).toBe(1);
  });

  it('a freshly loaded copy merges by clock like a desk: a version older than the one it loaded does not replace it', async () => {
    const { token, teamId } = await teamOnA('六队');
    // Load the township afresh, so the team's version comes from the replica, not a caught-up entry.
    await closePhones(server.ctx.phones);
    expect((await call(phoneUrl, 'phone.me', {}, token)).body).toMatchObject({ team: { name: '六队' } });
    // An edit made long ago on a PC that was offline arrives now: the replica keeps the newer
    // version (and lists the conflict); so must the phone's copy.
    const team = a.db.prepare('SELECT * FROM team WHERE id = ?').get(teamId) as Record<string, unknown>;
    const { sync_key: key } = a.db.prepare('SELECT sync_key FROM sync_state').get() as { sync_key: string };
    const stale = entry(a.ctx.townshipId, { table: 'team', rowId: teamId, row: { ...team, name: '旧名字' }, hlc: hlc(Date.now() - 86_000_000, 'desk-offline'), origin: 'desk-offline' });
    const pushed = await post(`${server.url}/sync/push`, { entries: [stale] }, key);
    expect(pushed.body).toMatchObject({ accepted: 1, conflicts: 1 });
    expect((await call(phoneUrl, 'phone.me', {}, token)).body).toMatchObject({ team: { name: '六队' } });
  });

  it('garbage on the phone routes is answered and the server stays up', async () => {
    const { token } = await teamOnA('四队');
    const u = new URL(server.url);
    const raw = (text: string) => rawExchange(Number(u.port), text, { waitMs: 1500 });
    const answers = [
      await raw(`POST /api/phone.update HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"cli`),
      await raw(`POST /field/api/phone.%ZZ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`),
      await raw(`GET /field/assets/..%2f..%2fpackage.json HTTP/1.1\r\nHost: x\r\n\r\n`),
      await raw(`POST /api/phone.me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'x'.repeat(5000)}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`),
      await raw(`DELETE /field/ HTTP/1.1\r\nHost: x\r\n\r\n`),
      await raw(`\u0000\u0001garbage\r\n\r\n`),
    ];
    for (const answer of answers) expect(answer.status, answer.text.slice(0, 200)).toBeGreaterThanOrEqual(400);
    for (const answer of answers) expect(answer.status).toBeLessThan(500);
    const wrongType = await call(phoneUrl, 'phone.update', 'not json', token, { 'Content-Type': 'text/plain' });
    expect(wrongType.status).toBe(400);
    const badInput = await call(phoneUrl, 'phone.update', { clientId: 'x' }, token);
    expect(badInput.status).toBe(400);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('the desk’s side through the county server: the QR link and GPS accuracy', () => {
  it('a desk enrolled where the server names a public URL puts its phone page in the QR link, working once the token synced', async () => {
    // Phones are given another address than the one desks enrol at (as behind a proxy).
    const publicUrl = server.url.replace('127.0.0.1', 'localhost');
    server.ctx.publicUrl = publicUrl;
    const c = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'draindesk-phone-desk-')), transport: 'test', syncOptions: fastSync });
    try {
      await ok(c, 'sync.enrol', { serverUrl: server.url, code: (await issueEnrolCode(server.ctx, TOWNSHIP, 'rekey')).code });
      const t = await team(c, '七队');
      const issued = await ok<IssuedToken>(c, 'field.issueToken', { teamId: t.id, label: '七队手机' });
      expect(issued.links.map((l) => [l.kind, l.url])).toEqual([['county', `${publicUrl}/field/#t=${issued.secret}`]]);
      const page = issued.links[0]!.url.replace(/#.*$/, '');
      const html = await fetch(page);
      expect(html.status).toBe(200);
      expect(await html.text()).toContain('field.webmanifest');
      await sync(c);
      const me = await call(page, 'phone.me', {}, issued.secret);
      expect(me.status, JSON.stringify(me.body)).toBe(200);
      expect(me.body).toMatchObject({ team: { id: t.id, name: '七队' } });
    } finally {
      server.ctx.publicUrl = null;
      c.close();
      rmSync(c.ctx.dataDir, { recursive: true, force: true });
    }
  });

  it('updates and reports with GPS accuracy reach the other desk after one sync with it; older pages are accepted', async () => {
    const { token, blockageId } = await teamOnA('八队');
    await sync(b);
    const cursor = (await ok<{ cursor: number }>(b, 'blockages.changesSince', {})).cursor;
    const arrived = await call(phoneUrl, 'phone.update', { clientId: randomUUID(), blockageId, action: 'arrived', position: [124.2001, 43.4001], accuracyM: 9.5 }, token);
    expect(arrived.status, JSON.stringify(arrived.body)).toBe(200);
    const oldPage = await call(phoneUrl, 'phone.update', { clientId: randomUUID(), blockageId, action: 'in_progress', position: [124.2002, 43.4002] }, token);
    expect(oldPage.status, JSON.stringify(oldPage.body)).toBe(200);
    const report = await call(phoneUrl, 'phone.report', { clientId: randomUUID(), position: [124.21, 43.41], accuracyM: 32, note: '路边涵管堵了' }, token);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const bad = await call(phoneUrl, 'phone.update', { clientId: randomUUID(), blockageId, action: 'note', note: 'x', accuracyM: 4 }, token);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('有定位精度却没有位置');

    await sync(b);
    const changes = await ok<{ changes: BlockageChange[] }>(b, 'blockages.changesSince', { cursor });
    expect(changes.changes.filter((ch) => ch.source === 'field').map((ch) => [ch.kind, ch.accuracyM])).toEqual([
      ['arrived', 9.5],
      ['status', null],
      ['report', 32],
    ]);
    const detail = await ok<BlockageDetail>(b, 'blockages.get', { id: blockageId });
    expect(detail.events.filter((e) => e.source === 'field').map((e) => [e.kind, e.position, e.accuracyM])).toEqual([
      ['arrived', [124.2001, 43.4001], 9.5],
      ['status', [124.2002, 43.4002], null],
    ]);
    const reported = await ok<BlockageDetail>(b, 'blockages.get', { id: String(report.body.blockageId) });
    expect(reported.events).toMatchObject([{ kind: 'report', position: [124.21, 43.41], accuracyM: 32 }]);
    // The server's replica holds the column like any other (the feed carries whole rows).
    const replica = await server.ctx.pool.query(`SELECT row->>'accuracy_m' AS accuracy FROM replica_row WHERE table_name = 'blockage_event' AND row_id = $1`, [arrived.body.eventId]);
    expect(replica.rows).toEqual([{ accuracy: '9.5' }]);
  });
});
