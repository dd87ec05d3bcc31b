/**
 * Issue 11's convergence test: two desks of one township and one county server (real PostgreSQL,
 * the real server as a child process). Edits on both desks, a conflicting edit of the same ditch,
 * events from a phone, one desk offline for a while, the server killed with SIGKILL during a push.
 * Afterwards each desk's township data equals the server's replica, no event is lost or doubled,
 * and the conflict is listed on both desks.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../../shared/contract/changeFeed';
import type { NetworkFeature } from '../../../shared/contract/network';
import type { SyncConflict, SyncStatus } from '../../../shared/contract/syncDesk';
import { formatHlc } from '../../../shared/sync/hlc';
import { ChangeFeed } from '../../../electron/core/db/feed/changeFeed';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { tempCore } from '../../helpers/tempDir';
import { ok, tinyJpeg, type Core } from '../blockages/helpers';
import { adminCode, startProxy, startServerProcess, type LinkProxy, type ServerProcess } from './serverProcess';

const TOWNSHIP = '双河乡';
const fastSync = { transport: { timeoutMs: 5_000, attempts: 2, retryDelayMs: () => 20 }, loop: { intervalMs: 60_000, maxBackoffMs: 60_000 } };

let cluster: TestCluster;
let server: ServerProcess;
let pool: pg.Pool;
const proxies: LinkProxy[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await startServerProcess(cluster.url);
  pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
}, 120_000);

afterAll(async () => {
  for (const p of proxies) await p.close();
  await server?.kill('SIGKILL');
  await pool?.end();
  cluster?.stop();
});

const now = (core: Core) => ok<SyncStatus>(core, 'sync.now', {});

const line = (lon: number, lat: number) => ({ type: 'LineString', coordinates: [[lon, lat], [lon + 0.004, lat + 0.001]] });

async function ditch(core: Core, name: string, lon: number): Promise<string> {
  const f = await ok<NetworkFeature>(core, 'network.create', { layer: 'ditch', geometry: line(lon, 45.1), properties: { name, kind: 'branch', village: '兴隆村', depth_m: 1.5 } });
  return f.id;
}

async function rename(core: Core, id: string, name: string, extra: Record<string, unknown> = {}) {
  await ok(core, 'network.update', { layer: 'ditch', id, properties: { name, ...extra } });
}

/** Sync both desks until neither has anything to push and a round pulls nothing new. */
async function settle(a: Core, b: Core) {
  for (let i = 0; i < 6; i++) {
    const [sa, sb] = [await now(a), await now(b)];
    const sa2 = await now(a);
    for (const s of [sa, sb, sa2]) expect(s.problem, JSON.stringify(s.problem)).toBeNull();
    if (sa2.pending === 0 && sb.pending === 0 && sa2.lastRound!.pulled === 0 && sb.lastRound!.pulled === 0) return;
  }
  throw new Error('the desks did not settle');
}

/** The server's replica of the township: table → row id → row (null: a tombstone). Sync bookkeeping aside. */
async function serverDump(townshipId: string): Promise<Map<string, Record<string, unknown> | null>> {
  const r = await pool.query(
    `SELECT table_name, row_id, row FROM replica_row WHERE township_id = $1 AND table_name NOT IN ('sync_conflict', 'sync_blob')`,
    [townshipId],
  );
  return new Map(r.rows.map((x: { table_name: string; row_id: string; row: Record<string, unknown> | null }) => [`${x.table_name}/${x.row_id}`, x.row]));
}

/** The same rows as a desk holds them (local-only columns aside; a soft-deleted row counts as a tombstone). */
function deskDump(core: Core, keys: Iterable<string>): Map<string, Record<string, unknown> | null> {
  const feed = new ChangeFeed(core.db, core.ctx.townshipId);
  const out = new Map<string, Record<string, unknown> | null>();
  for (const key of keys) {
    const [table, rowId] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const row = feed.current(table, rowId);
    if (row && table === 'blockage_event') delete row.seq;
    out.set(key, row);
  }
  return out;
}

/** A row as both sides compare it: JSON values, keys in order, a soft-deleted row as a tombstone. */
function canonical(dump: Map<string, Record<string, unknown> | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, row] of [...dump].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const live = row && row.deleted_at == null ? row : null;
    out[key] = live ? JSON.stringify(Object.fromEntries(Object.entries(live).filter(([k]) => k !== 'seq').sort(([x], [y]) => (x < y ? -1 : 1)))) : 'tombstone';
  }
  return out;
}

/** Events of the township on a desk, by id. */
const eventIds = (core: Core) => (core.db.prepare('SELECT id FROM blockage_event ORDER BY id').all() as { id: string }[]).map((r) => r.id);

/** A blockage event as a phone would send it, pushed with the township's key as a third origin. */
function phoneEvent(template: Record<string, unknown>, townshipId: string, note: string, ms: number): ChangeEntry {
  const id = randomUUID();
  const at = new Date(ms).toISOString();
  const row = { ...template, id, township_id: townshipId, note, photo: null, from_status: null, to_status: null, kind: 'note', source: 'field', client_id: randomUUID(), at, created_at: at, updated_at: at, undoes_event_id: null };
  delete (row as Record<string, unknown>).seq;
  return { changeId: randomUUID(), townshipId, table: 'blockage_event', rowId: id, op: 'insert', row, hlc: formatHlc({ wallMs: ms, counter: 0, origin: 'phone-7' }), baseHlc: null, origin: 'phone-7', batchId: randomUUID(), source: 'field', at };
}

describe('two desks and a county server converge', () => {
  it('after edits on both, a conflict, phone events, an offline desk and a server killed mid-push', async () => {
    const proxyA = await startProxy(server.url);
    const proxyB = await startProxy(server.url);
    proxies.push(proxyA, proxyB);
    const a = await tempCore({ syncOptions: fastSync });
    const b = await tempCore({ syncOptions: fastSync });

    // Desk A has a network and a blockage with a photo before it ever syncs.
    await ok(a, 'settings.update', { townshipName: TOWNSHIP });
    const d1 = await ditch(a, '一号沟', 125.1);
    const d2 = await ditch(a, '二号沟', 125.2);
    const d3 = await ditch(a, '三号沟', 125.3);
    const k = (await ok<NetworkFeature>(a, 'network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: [125.15, 45.1] }, properties: { name: '兴隆村涵管堵点', village: '兴隆村' } })).id;
    const photo = tinyJpeg(5000);
    await ok(a, 'blockages.note', { id: k, note: '现场照片', photo: { fileName: 'p.jpg', dataBase64: photo.toString('base64') } });

    // A enrols with the county's code (and syncs); B enrols with a second code and takes A's township id.
    const sa = await ok<SyncStatus>(a, 'sync.enrol', { serverUrl: proxyA.url, code: adminCode(cluster.url, 'add-township', TOWNSHIP) });
    expect(sa.state).toBe('synced');
    expect(sa.lastRound!.pushed).toBeGreaterThan(5);
    expect(sa.lastRound!.blobsUp).toBe(1);
    const sb = await ok<SyncStatus>(b, 'sync.enrol', { serverUrl: proxyB.url, code: adminCode(cluster.url, 'rekey-township', TOWNSHIP).toLowerCase() });
    expect(sb.state).toBe('synced');
    const townshipId = a.ctx.townshipId;
    expect(b.ctx.townshipId).toBe(townshipId);
    expect(sb.lastRound!.blobsDown).toBe(1);
    const bPhoto = (b.db.prepare("SELECT photo FROM blockage_event WHERE photo IS NOT NULL").get() as { photo: string }).photo;
    expect(readFileSync(join(b.ctx.dataDir, 'photos', bPhoto)).equals(photo)).toBe(true);
    expect((await ok<{ features: unknown[] }>(b, 'network.list', { layers: ['ditch'] })).features).toHaveLength(3);

    // Phone events reach the server (a third origin) and come down to A.
    const template = a.db.prepare('SELECT * FROM blockage_event LIMIT 1').get() as Record<string, unknown>;
    const phone = [phoneEvent(template, townshipId, '手机：水已退到沟底', Date.now()), phoneEvent(template, townshipId, '手机：钩机已到', Date.now() + 1)];
    const key = (a.db.prepare('SELECT sync_key FROM sync_state').get() as { sync_key: string }).sync_key;
    const pushed = await fetch(`${server.url}/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ entries: phone }) });
    expect(pushed.status).toBe(200);

    // The same ditch edited on both desks from the same version: A first, B a moment later.
    await rename(a, d1, '一号沟（甲改）');
    await new Promise((r) => setTimeout(r, 5));
    await rename(b, d1, '一号沟（乙改）', { depth_m: 2.2 });
    expect((await now(a)).lastRound!.pulled).toBe(2); // the two phone events
    const afterB = await now(b);
    expect(afterB.openConflicts).toBe(1);

    // B goes offline for a while and keeps working; it says so.
    proxyB.offline = true;
    const bNew = [await ditch(b, '四号沟', 125.4), await ditch(b, '五号沟', 125.5)];
    await rename(b, d2, '二号沟（乙离线改）');
    await ok(b, 'blockages.note', { id: k, note: '乙：离线时记录' });
    const offline = await now(b);
    expect(offline.state).toBe('offline');
    expect(offline.offlineSince).not.toBeNull();
    expect(offline.pending).toBeGreaterThanOrEqual(4);
    expect(offline.problem!.message).toContain('本机数据照常可用');

    // Meanwhile A makes many changes; the server is killed (SIGKILL) while it handles A's push.
    await rename(a, d3, '三号沟（甲改）');
    const many: string[] = [];
    for (let i = 0; i < 300; i++) many.push(await ditch(a, `新挖条田沟${i}`, 126 + i * 0.01));
    proxyA.onPush = () => void server.kill('SIGKILL');
    const killed = await now(a);
    expect(killed.state).toBe('offline');
    expect(killed.pending).toBeGreaterThan(0);

    // The server comes back (same database); the desks find it again through their usual address.
    server = await startServerProcess(cluster.url);
    proxyA.target = server.url;
    proxyB.target = server.url;
    proxyB.offline = false;
    await settle(a, b);

    // The same data everywhere.
    const serverRows = await serverDump(townshipId);
    const keys = new Set(serverRows.keys());
    expect(canonical(deskDump(a, keys))).toEqual(canonical(serverRows));
    expect(canonical(deskDump(b, keys))).toEqual(canonical(serverRows));
    for (const id of [d1, d2, d3, k, ...bNew, ...many]) expect(keys.has(`ditch/${id}`) || keys.has(`blockage/${id}`)).toBe(true);
    // Every row each desk made is on the server (nothing stranded on a desk).
    for (const core of [a, b]) {
      const own = core.db.prepare("SELECT DISTINCT table_name || '/' || row_id AS k FROM change_feed WHERE syncable = 1 AND township_id = ? AND table_name <> 'township'").all(townshipId) as { k: string }[];
      for (const { k: rowKey } of own) expect(keys.has(rowKey), rowKey).toBe(true);
    }

    // No event lost or doubled: 1 photo note + 2 phone + 1 offline note on every side, each once.
    const serverEvents = (await pool.query("SELECT row_id FROM replica_row WHERE township_id = $1 AND table_name = 'blockage_event' ORDER BY row_id", [townshipId])).rows.map((r: { row_id: string }) => r.row_id);
    const feedEvents = (await pool.query("SELECT count(*)::int AS n FROM feed_entry WHERE township_id = $1 AND table_name = 'blockage_event'", [townshipId])).rows[0].n;
    expect(eventIds(a)).toEqual(serverEvents);
    expect(eventIds(b)).toEqual(serverEvents);
    expect(feedEvents).toBe(serverEvents.length);
    const notes = (core: Core) => (core.db.prepare("SELECT note FROM blockage_event WHERE note <> '' ORDER BY note").all() as { note: string }[]).map((r) => r.note);
    expect(notes(a)).toEqual(['乙：离线时记录', '手机：水已退到沟底', '手机：钩机已到', '现场照片'].sort());
    expect(notes(b)).toEqual(notes(a));

    // The later edit won everywhere; the earlier one is listed as a conflict on both desks.
    for (const core of [a, b]) {
      const name = (core.db.prepare('SELECT name, depth_m FROM ditch WHERE id = ?').get(d1) as { name: string; depth_m: number });
      expect(name).toEqual({ name: '一号沟（乙改）', depth_m: 2.2 });
      const conflicts = await ok<SyncConflict[]>(core, 'sync.conflicts', {});
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ table: 'ditch', rowId: d1 });
      expect(conflicts[0]!.winner.row!.name).toBe('一号沟（乙改）');
      expect(conflicts[0]!.loser.row!.name).toBe('一号沟（甲改）');
      expect(conflicts[0]!.differences).toEqual(expect.arrayContaining(['name', 'depth_m']));
    }
    expect((await pool.query('SELECT count(*)::int AS n FROM sync_conflict')).rows[0].n).toBe(1);

    // A's reviewer decides A's version was right: it is made again as a new edit and wins everywhere.
    const [conflict] = await ok<SyncConflict[]>(a, 'sync.conflicts', {});
    const resolved = await ok<SyncConflict>(a, 'sync.resolveConflict', { id: conflict!.id, reapplyLoser: true });
    expect(resolved.resolution).toBe('reapplied_loser');
    // Two changes to push: the version made again, and the review itself.
    expect((await ok<SyncStatus>(a, 'sync.status', {})).pending).toBe(2);
    await settle(a, b);
    for (const core of [a, b]) expect(core.db.prepare('SELECT name FROM ditch WHERE id = ?').get(d1)).toEqual({ name: '一号沟（甲改）' });
    expect(await ok<SyncConflict[]>(a, 'sync.conflicts', {})).toEqual([]);
    // The review travelled: B no longer lists it as open, shows who decided what, and refuses a second decision.
    expect(await ok<SyncConflict[]>(b, 'sync.conflicts', {})).toEqual([]);
    expect((await ok<SyncStatus>(b, 'sync.status', {})).openConflicts).toBe(0);
    const [onB] = await ok<SyncConflict[]>(b, 'sync.conflicts', { includeReviewed: true });
    expect(onB!.reviews).toEqual([{ at: resolved.reviewedAt, resolution: 'reapplied_loser', by: resolved.reviews[0]!.by, byThisDesk: false }]);
    expect(resolved.reviews[0]!.byThisDesk).toBe(true);
    const second = await b.dispatch('sync.resolveConflict', { id: conflict!.id, reapplyLoser: false });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(JSON.stringify(second)).toContain('另一台电脑');
    // Nothing new conflicted.
    expect((await pool.query('SELECT count(*)::int AS n FROM sync_conflict')).rows[0].n).toBe(1);
    // And the review row itself is the same on the server and both desks.
    const after = await serverDump(townshipId);
    expect([...after.keys()].filter((key) => key.startsWith('sync_conflict_review/'))).toHaveLength(1);
    for (const core of [a, b]) expect(canonical(deskDump(core, new Set(after.keys())))).toEqual(canonical(after));
  }, 240_000);

  it('two desks that review the same conflict while apart both keep their decision, shown on both, and nothing new conflicts', async () => {
    const a = await tempCore({ syncOptions: fastSync });
    const b = await tempCore({ syncOptions: fastSync });
    await ok(a, 'settings.update', { townshipName: '三合乡' });
    const d = await ditch(a, '六号沟', 125.6);
    await ok(a, 'sync.enrol', { serverUrl: server.url, code: adminCode(cluster.url, 'add-township', '三合乡') });
    await ok(b, 'sync.enrol', { serverUrl: server.url, code: adminCode(cluster.url, 'rekey-township', '三合乡') });
    await rename(a, d, '六号沟（甲改）');
    await new Promise((r) => setTimeout(r, 5));
    await rename(b, d, '六号沟（乙改）');
    await now(a);
    await now(b);
    await now(a);
    const [onA] = await ok<SyncConflict[]>(a, 'sync.conflicts', {});
    const [onB] = await ok<SyncConflict[]>(b, 'sync.conflicts', {});
    expect(onA!.id).toBe(onB!.id);

    // Each desk decides before hearing of the other's decision.
    await ok(a, 'sync.resolveConflict', { id: onA!.id, reapplyLoser: false });
    await ok(b, 'sync.resolveConflict', { id: onB!.id, reapplyLoser: false });
    await settle(a, b);
    for (const [core, mine] of [[a, a], [b, b]] as const) {
      expect(await ok<SyncConflict[]>(core, 'sync.conflicts', {})).toEqual([]);
      const [shown] = await ok<SyncConflict[]>(core, 'sync.conflicts', { includeReviewed: true });
      expect(shown!.reviews.map((r) => r.resolution)).toEqual(['kept_winner', 'kept_winner']);
      expect(shown!.reviews.filter((r) => r.byThisDesk)).toHaveLength(1);
      expect(shown!.reviews.find((r) => r.byThisDesk)!.by).toBe(new ChangeFeed(mine.db, mine.ctx.townshipId).clock.origin());
    }
    const conflicts = await pool.query('SELECT count(*)::int AS n FROM sync_conflict WHERE township_id = $1', [a.ctx.townshipId]);
    expect(conflicts.rows[0].n).toBe(1);
    for (const core of [a, b]) expect(core.db.prepare('SELECT name FROM ditch WHERE id = ?').get(d)).toEqual({ name: '六号沟（乙改）' });
  }, 120_000);
});
