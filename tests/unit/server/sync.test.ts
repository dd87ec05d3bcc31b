import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES, MAX_PUSH_ENTRIES, SYNC_CONFLICT_TABLE, enrolResponseSchema, pullResponseSchema } from '../../../shared/contract/sync';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { ditchRow, enrolTownship, entry, hlc, post, startTestServer, type TestServer } from './helpers';

let cluster: TestCluster;
let server: TestServer;

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await startTestServer(cluster);
}, 120_000);
afterAll(async () => {
  await server?.close();
  cluster?.stop();
});

const count = async (sql: string, params: unknown[] = []) => Number((await server.ctx.pool.query(sql, params)).rows[0].n);
const feedCount = () => count('SELECT count(*) AS n FROM feed_entry');

async function pullAll(key: string, since = '') {
  const out = [];
  let cursor = since;
  for (;;) {
    const r = await post(`${server.url}/sync/pull`, { since: cursor, limit: 2 }, key);
    expect(r.status).toBe(200);
    const page = pullResponseSchema.parse(r.body);
    out.push(...page.entries);
    cursor = page.cursor;
    if (!page.more) return { entries: out, cursor };
  }
}

describe('enrolment', () => {
  it('gives a key for a one-time code, once only, and the township takes the desk id', async () => {
    const deskId = randomUUID();
    const t = await enrolTownship(server, '双河乡', deskId);
    expect(t.townshipId).toBe(deskId);
    expect(t.key).toMatch(/^[0-9a-f]{64}$/);
    const again = await post(`${server.url}/sync/enrol`, { code: t.code, installationId: 'x', townshipId: deskId, townshipName: '双河乡' });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('unauthorized');
    // Only the hash of the key is stored.
    const stored = (await server.ctx.pool.query('SELECT key_hash FROM sync_key WHERE township_id = $1', [deskId])).rows;
    expect(stored).toEqual([{ key_hash: createHash('sha256').update(t.key).digest('hex') }]);
  });

  it('tells the desk the public address phones reach the server at (null when the server was given none)', async () => {
    const { issueEnrolCode } = await import('../../../server/sync/enrol');
    const enrol = async (name: string) => {
      const { code } = await issueEnrolCode(server.ctx, name, 'add');
      return post(`${server.url}/sync/enrol`, { code, installationId: `desk-${name}`, townshipId: randomUUID(), townshipName: name });
    };
    expect((await enrol('公示地址甲乡')).body.publicUrl).toBeNull();
    server.ctx.publicUrl = 'https://fxb.county.example/draindesk';
    try {
      const r = await enrol('公示地址乙乡');
      expect(r.status).toBe(200);
      expect(enrolResponseSchema.parse(r.body).publicUrl).toBe('https://fxb.county.example/draindesk');
    } finally {
      server.ctx.publicUrl = null;
    }
  });

  it('re-keying keeps the township id and revokes that installation\'s old key only; disconnect revokes a key', async () => {
    const { issueEnrolCode } = await import('../../../server/sync/enrol');
    const first = await enrolTownship(server, '永安镇');
    const rekey = async (installationId: string) => {
      const { code } = await issueEnrolCode(server.ctx, '永安镇', 'rekey');
      const r = await post(`${server.url}/sync/enrol`, { code, installationId, townshipId: randomUUID(), townshipName: '永安镇' });
      expect(r.status).toBe(200);
      expect(r.body.townshipId).toBe(first.townshipId);
      return r.body.key as string;
    };
    // A second desk of the same township: both keys work.
    const second = await rekey('second-pc');
    expect((await post(`${server.url}/sync/pull`, {}, first.key)).status).toBe(200);
    // The first desk re-keyed: its old key stops, its new key and the second desk's work.
    const renewed = await rekey(first.installationId);
    expect((await post(`${server.url}/sync/pull`, {}, first.key)).status).toBe(401);
    expect((await post(`${server.url}/sync/pull`, {}, renewed)).status).toBe(200);
    expect((await post(`${server.url}/sync/pull`, {}, second)).status).toBe(200);
    expect((await post(`${server.url}/sync/disconnect`, {}, second)).body).toEqual({ revoked: true });
    expect((await post(`${server.url}/sync/pull`, {}, second)).status).toBe(401);
    // A lost PC: a re-key with revokeAll stops every key of the township at once.
    await issueEnrolCode(server.ctx, '永安镇', 'rekey', { revokeAll: true });
    expect((await post(`${server.url}/sync/pull`, {}, renewed)).status).toBe(401);
  });
});

describe('push and pull', () => {
  it('is idempotent by change id and pulls every entry in the server order', async () => {
    const t = await enrolTownship(server, '红旗乡');
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const entries = ids.map((id, i) => entry(t.townshipId, { table: 'ditch', rowId: id, op: 'insert', row: ditchRow(t.townshipId, id, 126 + i * 0.01, 45), hlc: hlc(1_000 + i, 'desk-a') }));
    const first = await post(`${server.url}/sync/push`, { entries }, t.key);
    expect(first.body).toEqual({ accepted: 3, duplicates: 0, conflicts: 0 });
    const before = await feedCount();
    const again = await post(`${server.url}/sync/push`, { entries }, t.key);
    expect(again.body).toEqual({ accepted: 0, duplicates: 3, conflicts: 0 });
    expect(await feedCount()).toBe(before);
    const pulled = await pullAll(t.key);
    expect(pulled.entries.map((e) => e.changeId)).toEqual(entries.map((e) => e.changeId));
    expect(pulled.entries[0]).toEqual(entries[0]);
    // Nothing new after the cursor.
    const none = await post(`${server.url}/sync/pull`, { since: pulled.cursor }, t.key);
    expect(none.body).toEqual({ entries: [], cursor: pulled.cursor, more: false });
    // Geometry is in PostGIS.
    expect(await count(`SELECT count(*) AS n FROM replica_feature WHERE township_id = $1 AND ST_GeometryType(geom) = 'ST_LineString'`, [t.townshipId])).toBe(3);
  });

  it('refuses an unknown or revoked key with 401 and writes nothing', async () => {
    const before = await feedCount();
    const e = entry('whatever', { table: 'team', rowId: randomUUID() });
    for (const key of ['0'.repeat(64), undefined]) {
      const r = await post(`${server.url}/sync/push`, { entries: [e] }, key);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('unauthorized');
    }
    expect(await feedCount()).toBe(before);
  });

  it("refuses a batch with another township's rows with 403 and writes nothing of it", async () => {
    const a = await enrolTownship(server, '东风乡');
    const b = await enrolTownship(server, '胜利乡');
    const before = await feedCount();
    const mine = entry(a.townshipId, { table: 'team', rowId: randomUUID() });
    const theirs = entry(a.townshipId, { table: 'team', rowId: randomUUID(), row: { id: 'x', township_id: b.townshipId } });
    const claimed = entry(b.townshipId, { table: 'team', rowId: randomUUID(), row: { id: 'y', township_id: b.townshipId } });
    for (const bad of [theirs, claimed]) {
      const r = await post(`${server.url}/sync/push`, { entries: [mine, bad] }, a.key);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
      expect(r.body.error.message).toContain('第 2 条');
    }
    const fake = entry(a.townshipId, { table: SYNC_CONFLICT_TABLE, rowId: randomUUID() });
    expect((await post(`${server.url}/sync/push`, { entries: [fake] }, a.key)).status).toBe(403);
    expect(await feedCount()).toBe(before);
    expect((await pullAll(b.key)).entries).toEqual([]);
  });

  it('answers malformed and oversized batches with 4xx and the error shape, and survives garbage', async () => {
    const t = await enrolTownship(server, '前进乡');
    const before = await feedCount();
    const cases: [unknown, number][] = [
      ['{not json', 400],
      [{ entries: [{ changeId: 'nope' }] }, 400],
      [{ entries: Array.from({ length: MAX_PUSH_ENTRIES + 1 }, () => entry(t.townshipId, { table: 'team', rowId: randomUUID() })) }, 400],
      [{ entries: [entry(t.townshipId, { table: 'Robert"); DROP TABLE feed_entry;--', rowId: '1' })] }, 400],
      [{ entries: [entry(t.townshipId, { table: 'ditch', rowId: 'd1', row: { township_id: t.townshipId, geometry: '{"type":"Nonsense"}' } })] }, 400],
      [`{"entries":["${'x'.repeat(9 * 1024 * 1024)}"]}`, 413],
    ];
    for (const [body, status] of cases) {
      const r = await post(`${server.url}/sync/push`, body, t.key);
      expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(status);
      expect(r.body.error.code).toMatch(/invalid_input|bad_json|payload_too_large/);
      expect(typeof r.body.error.message).toBe('string');
    }
    expect(await feedCount()).toBe(before);
    // Garbage on the socket and odd routes do not take the server down.
    const net = await import('node:net');
    await new Promise<void>((done) => {
      const s = net.connect(server.host.server.address() as { port: number } as never, () => s.end('GARBAGE \u0000\u0001 HTTP/9\r\n\r\n'));
      s.on('close', () => done());
      s.on('error', () => done());
      s.resume();
    });
    expect((await fetch(`${server.url}/sync/nope`, { method: 'POST' })).status).toBe(404);
    // A broken percent-escape is not a path at all: 400, as on the desk's own host.
    expect((await fetch(`${server.url}/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('merge', () => {
  it('keeps the later clock, stores and emits the loser of a parallel edit, both orders alike', async () => {
    const t = await enrolTownship(server, '太平乡');
    const id = randomUUID();
    const base = entry(t.townshipId, { table: 'ditch', rowId: id, op: 'insert', row: ditchRow(t.townshipId, id, 127, 46), hlc: hlc(10_000, 'desk-a') });
    await post(`${server.url}/sync/push`, { entries: [base] }, t.key);
    // Desk B (later clock) and desk A (earlier) both edit on top of the insert; A's arrives last.
    const bEdit = entry(t.townshipId, { table: 'ditch', rowId: id, row: ditchRow(t.townshipId, id, 127, 46, { condition: 'blocked' }), hlc: hlc(20_000, 'desk-b'), baseHlc: base.hlc, origin: 'desk-b' });
    const aEdit = entry(t.townshipId, { table: 'ditch', rowId: id, row: ditchRow(t.townshipId, id, 127, 46, { condition: 'silted' }), hlc: hlc(15_000, 'desk-a'), baseHlc: base.hlc });
    expect((await post(`${server.url}/sync/push`, { entries: [bEdit] }, t.key)).body.conflicts).toBe(0);
    expect((await post(`${server.url}/sync/push`, { entries: [aEdit] }, t.key)).body).toEqual({ accepted: 1, duplicates: 0, conflicts: 1 });
    const replica = (await server.ctx.pool.query(`SELECT row->>'condition' AS c, hlc FROM replica_row WHERE row_id = $1`, [id])).rows[0];
    expect(replica).toEqual({ c: 'blocked', hlc: bEdit.hlc });
    const conflicts = (await pullAll(t.key)).entries.filter((e) => e.table === SYNC_CONFLICT_TABLE);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.row).toMatchObject({ row_id: id, losing_change_id: aEdit.changeId, winning_change_id: bEdit.changeId, table_name: 'ditch' });
    expect((conflicts[0]!.row as { losing_row: { condition: string } }).losing_row.condition).toBe('silted');
    expect(await count('SELECT count(*) AS n FROM sync_conflict WHERE row_id = $1', [id])).toBe(1);
    // A later edit made on top of the winner is clean.
    const next = entry(t.townshipId, { table: 'ditch', rowId: id, row: ditchRow(t.townshipId, id, 127, 46, { condition: 'clear' }), hlc: hlc(30_000, 'desk-a'), baseHlc: bEdit.hlc });
    expect((await post(`${server.url}/sync/push`, { entries: [next] }, t.key)).body.conflicts).toBe(0);
  });

  it('takes one desk\'s own edits out of order without a conflict, and tombstones win and lose by clock', async () => {
    const t = await enrolTownship(server, '新华乡');
    const id = randomUUID();
    const v1 = entry(t.townshipId, { table: 'team', rowId: id, op: 'insert', row: { id, township_id: t.townshipId, name: '一队' }, hlc: hlc(1, 'desk-a') });
    const v2 = entry(t.townshipId, { table: 'team', rowId: id, row: { id, township_id: t.townshipId, name: '二队' }, hlc: hlc(2, 'desk-a'), baseHlc: v1.hlc });
    const del = entry(t.townshipId, { table: 'team', rowId: id, op: 'delete', row: null, hlc: hlc(3, 'desk-a'), baseHlc: v2.hlc });
    expect((await post(`${server.url}/sync/push`, { entries: [del, v1] }, t.key)).body).toEqual({ accepted: 2, duplicates: 0, conflicts: 0 });
    expect((await post(`${server.url}/sync/push`, { entries: [v2] }, t.key)).body.conflicts).toBe(0);
    const row = (await server.ctx.pool.query('SELECT row, hlc FROM replica_row WHERE row_id = $1', [id])).rows[0];
    expect(row).toEqual({ row: null, hlc: del.hlc });
    // A ditch deleted on one desk while edited on another: the later (the edit) wins, the tombstone is the conflict's loser.
    const d = randomUUID();
    const ins = entry(t.townshipId, { table: 'ditch', rowId: d, op: 'insert', row: ditchRow(t.townshipId, d, 125, 45), hlc: hlc(100, 'desk-a') });
    const gone = entry(t.townshipId, { table: 'ditch', rowId: d, op: 'delete', row: null, hlc: hlc(200, 'desk-a'), baseHlc: ins.hlc });
    const edit = entry(t.townshipId, { table: 'ditch', rowId: d, row: ditchRow(t.townshipId, d, 125, 45, { name: '改名' }), hlc: hlc(300, 'desk-b'), baseHlc: ins.hlc, origin: 'desk-b' });
    await post(`${server.url}/sync/push`, { entries: [ins, gone] }, t.key);
    expect(await count('SELECT count(*) AS n FROM replica_feature WHERE row_id = $1', [d])).toBe(0);
    expect((await post(`${server.url}/sync/push`, { entries: [edit] }, t.key)).body.conflicts).toBe(1);
    expect(await count('SELECT count(*) AS n FROM replica_feature WHERE row_id = $1', [d])).toBe(1);
    const k = (await server.ctx.pool.query('SELECT losing_row, losing_change_id FROM sync_conflict WHERE row_id = $1', [d])).rows[0];
    expect(k).toEqual({ losing_row: null, losing_change_id: gone.changeId });
  });

  it('merges events as a union: parallel events are never conflicts', async () => {
    const t = await enrolTownship(server, '光明乡');
    const blockage = randomUUID();
    const events = ['desk-a', 'desk-b', 'phone'].map((origin, i) =>
      entry(t.townshipId, { table: 'blockage_event', rowId: randomUUID(), op: 'insert', origin, hlc: hlc(500 + i, origin), row: { id: 'e', township_id: t.townshipId, blockage_id: blockage, to_status: 'in_progress' } }),
    );
    expect((await post(`${server.url}/sync/push`, { entries: events }, t.key)).body).toEqual({ accepted: 3, duplicates: 0, conflicts: 0 });
    expect(await count(`SELECT count(*) AS n FROM blockage_event_replica WHERE township_id = $1`, [t.townshipId])).toBe(3);
  });
});

describe('blobs', () => {
  it('stores bytes by their hash, refuses a wrong hash and an unknown key, and serves them back', async () => {
    const t = await enrolTownship(server, '建设乡');
    const bytes = Buffer.from('%PDF-1.7 sheet bytes');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const put = (h: string, key?: string) => fetch(`${server.url}/sync/blob/${h}`, { method: 'PUT', body: bytes, headers: key ? { Authorization: `Bearer ${key}` } : {} });
    expect((await put(hash)).status).toBe(401);
    expect((await put('a'.repeat(64), t.key)).status).toBe(400);
    expect((await put('not-a-hash', t.key)).status).toBe(400);
    expect(await (await put(hash, t.key)).json()).toEqual({ hash, bytes: bytes.length, stored: true });
    expect(await (await put(hash, t.key)).json()).toEqual({ hash, bytes: bytes.length, stored: false });
    const got = await fetch(`${server.url}/sync/blob/${hash}`, { headers: { Authorization: `Bearer ${t.key}` } });
    expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
    expect((await fetch(`${server.url}/sync/blob/${'b'.repeat(64)}`, { headers: { Authorization: `Bearer ${t.key}` } })).status).toBe(404);
    // Over the cap: 413 before the bytes are stored.
    const big = Buffer.alloc(MAX_BLOB_BYTES + 1, 1);
    const over = await fetch(`${server.url}/sync/blob/${createHash('sha256').update(big).digest('hex')}`, { method: 'PUT', body: big, headers: { Authorization: `Bearer ${t.key}` } });
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(await count('SELECT count(*) AS n FROM blob')).toBe(1);
  });
});
