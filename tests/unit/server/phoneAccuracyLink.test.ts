/**
 * Issue 12, the desk's half through the county server (real PostgreSQL, the server in this
 * process, two desks of one township): the QR link an enrolled desk issues is the server's public
 * phone page, and it works once the token has synced; an update and a report made there with GPS
 * accuracy reach the other desk after one sync with that accuracy; a phone on an older page (no
 * accuracy) is accepted.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlockageChange, BlockageDetail } from '../../../shared/contract/blockages';
import type { IssuedToken } from '../../../shared/contract/field';
import type { SyncStatus } from '../../../shared/contract/syncDesk';
import { openCore } from '../../../electron/core/app';
import { issueEnrolCode } from '../../../server/sync/enrol';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { blockageIn, ok, team, type Core } from '../blockages/helpers';
import { call } from '../field/helpers';
import { startTestServer, type TestServer } from './helpers';

const TOWNSHIP = '红旗乡';
const fastSync = { transport: { timeoutMs: 10_000, attempts: 2, retryDelayMs: () => 20 }, loop: { intervalMs: 600_000, maxBackoffMs: 600_000 } };

let cluster: TestCluster;
let server: TestServer;
let publicUrl: string;
let a: Core;
let b: Core;

const sync = async (core: Core) => {
  const s = await ok<SyncStatus>(core, 'sync.now', {});
  expect(s.problem, JSON.stringify(s.problem)).toBeNull();
};

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await startTestServer(cluster);
  // The address phones are given differs from the one the desks enrol at (as behind a proxy).
  publicUrl = server.url.replace('127.0.0.1', 'localhost');
  server.ctx.publicUrl = publicUrl;
  const desk = () => openCore({ dataDir: mkdtempSync(join(tmpdir(), 'draindesk-phone-gps-')), transport: 'test', syncOptions: fastSync });
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

describe('an enrolled desk’s phones on the county server', () => {
  it('get the server’s public phone page in the QR link, working once the token has synced', async () => {
    const t = await team(a, '一队');
    const issued = await ok<IssuedToken>(a, 'field.issueToken', { teamId: t.id, label: '一队手机' });
    expect(issued.links.map((l) => [l.kind, l.url])).toEqual([['county', `${publicUrl}/field/#t=${issued.secret}`]]);
    const page = new URL(issued.links[0]!.url);
    page.hash = '';
    const html = await fetch(page);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('field.webmanifest');
    await sync(a);
    const me = await call(page.href, 'phone.me', {}, issued.secret);
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    expect(me.body).toMatchObject({ team: { id: t.id, name: '一队' } });
  });

  it('send GPS accuracy with updates and reports; the other desk shows it after one sync; older pages are accepted', async () => {
    const t = await team(a, '二队');
    const issued = await ok<IssuedToken>(a, 'field.issueToken', { teamId: t.id, label: '二队手机' });
    const blockageId = await blockageIn(a, 'assigned', t.id);
    await sync(a);
    await sync(b);
    const phoneUrl = issued.links[0]!.url.replace(/#.*$/, '');
    const cursor = (await ok<{ cursor: number }>(b, 'blockages.changesSince', {})).cursor;

    const arrived = await call(phoneUrl, 'phone.update', { clientId: randomUUID(), blockageId, action: 'arrived', position: [124.2001, 43.4001], accuracyM: 9.5 }, issued.secret);
    expect(arrived.status, JSON.stringify(arrived.body)).toBe(200);
    const oldPage = await call(phoneUrl, 'phone.update', { clientId: randomUUID(), blockageId, action: 'in_progress', position: [124.2002, 43.4002] }, issued.secret);
    expect(oldPage.status, JSON.stringify(oldPage.body)).toBe(200);
    const report = await call(phoneUrl, 'phone.report', { clientId: randomUUID(), position: [124.21, 43.41], accuracyM: 32, note: '路边涵管堵了' }, issued.secret);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const bad = await call(phoneUrl, 'phone.update', { clientId: randomUUID(), blockageId, action: 'note', note: 'x', accuracyM: 4 }, issued.secret);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('有定位精度却没有位置');

    await sync(b);
    const changes = await ok<{ changes: BlockageChange[] }>(b, 'blockages.changesSince', { cursor });
    expect(changes.changes.filter((c) => c.source === 'field').map((c) => [c.kind, c.accuracyM])).toEqual([
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
    // And desk A, whose phone it was, has it too.
    await sync(a);
    expect((await ok<BlockageDetail>(a, 'blockages.get', { id: blockageId })).events.find((e) => e.id === arrived.body.eventId)?.accuracyM).toBe(9.5);
  });
});
