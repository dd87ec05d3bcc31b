import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncFailure } from '../../../electron/core/services/sync/failure';
import { SyncTransport } from '../../../electron/core/services/sync/transport';
import { json, startFakeServer, type FakeServer } from './fakeServer';

let fake: FakeServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

// A plain temp folder: this test needs no data folder, only a file to point at.
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'draindesk-ca-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const fast = { attempts: 3, retryDelayMs: () => 5, timeoutMs: 2_000 };

async function failureOf(p: Promise<unknown>): Promise<SyncFailure> {
  const e = await p.then(() => null, (error: unknown) => error);
  expect(e).toBeInstanceOf(SyncFailure);
  return e as SyncFailure;
}

describe('sync transport', () => {
  it('retries a server error and succeeds on the next attempt, sending the key as Bearer', async () => {
    let n = 0;
    fake = await startFakeServer((_req, res) => (++n < 3 ? json(res, 503, { error: { code: 'internal', message: '数据库连不上' } }) : json(res, 200, { ok: 1 })));
    const t = new SyncTransport({ serverUrl: `${fake.url}/`, key: 'k'.repeat(64), ...fast });
    expect(await t.postJson('/sync/pull', { since: '' })).toEqual({ ok: 1 });
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests.every((r) => r.auth === `Bearer ${'k'.repeat(64)}` && r.path === '/sync/pull')).toBe(true);
    await t.close();
  });

  it('gives up after the attempts with an "unreachable"-class failure that names the status and the server message', async () => {
    fake = await startFakeServer((_req, res) => json(res, 503, { error: { code: 'internal', message: '数据库连不上' } }));
    const t = new SyncTransport({ serverUrl: fake.url, key: 'k'.repeat(64), ...fast });
    const f = await failureOf(t.postJson('/sync/push', { entries: [] }));
    expect(f.kind).toBe('server_error');
    expect(f.transient).toBe(true);
    expect(f.messageZh).toContain('503');
    expect(f.messageZh).toContain('数据库连不上');
    expect(fake.requests).toHaveLength(3);
    await t.close();
  });

  it('does not retry 401 and 403: a revoked key and another township are said plainly', async () => {
    fake = await startFakeServer((req, res) => json(res, req.path.includes('push') ? 403 : 401, { error: { code: 'x', message: 'nope' } }));
    const t = new SyncTransport({ serverUrl: fake.url, key: 'k'.repeat(64), ...fast });
    const revoked = await failureOf(t.postJson('/sync/pull', {}));
    expect(revoked.kind).toBe('revoked');
    expect(revoked.transient).toBe(false);
    expect(revoked.messageZh).toContain('重新注册');
    const forbidden = await failureOf(t.postJson('/sync/push', {}));
    expect(forbidden.kind).toBe('forbidden');
    expect(forbidden.messageZh).toContain('本乡镇');
    expect(fake.requests).toHaveLength(2);
    await t.close();
  });

  it('a refused connection is "unreachable" and says the desk keeps working', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const t = new SyncTransport({ serverUrl: `http://127.0.0.1:${port}`, key: null, ...fast });
    const f = await failureOf(t.postJson('/sync/enrol', {}));
    expect(f.kind).toBe('unreachable');
    expect(f.messageZh).toContain('本机数据照常可用');
    await t.close();
  });

  it('a server that never answers times out within the timeout', async () => {
    fake = await startFakeServer(() => undefined); // holds every request open
    const t = new SyncTransport({ serverUrl: fake.url, key: null, attempts: 1, timeoutMs: 300 });
    const started = Date.now();
    const f = await failureOf(t.postJson('/sync/pull', {}));
    expect(f.kind).toBe('unreachable');
    expect(f.messageZh).toContain('没有回应');
    expect(Date.now() - started).toBeLessThan(3_000);
    await t.close();
  });

  it('blobs go up as raw bytes and come down by hash; a missing blob is null', async () => {
    const store = new Map<string, Buffer>();
    fake = await startFakeServer((req, res) => {
      const hash = req.path.split('/').pop()!;
      if (req.method === 'PUT') {
        store.set(hash, req.body);
        return json(res, 200, { hash, bytes: req.body.length, stored: true });
      }
      const b = store.get(hash);
      if (!b) return json(res, 404, { error: { code: 'not_found', message: 'no' } });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(b);
    });
    const t = new SyncTransport({ serverUrl: fake.url, key: 'k'.repeat(64), ...fast });
    await t.putBlob('a'.repeat(64), Buffer.from([1, 2, 3, 0, 255]));
    expect([...(await t.getBlob('a'.repeat(64)))!]).toEqual([1, 2, 3, 0, 255]);
    expect(await t.getBlob('b'.repeat(64))).toBeNull();
    await t.close();
  });

  it('refuses a certificate file that is not a PEM certificate, naming the file', () => {
    const file = join(tempDir(), 'county.crt');
    writeFileSync(file, 'hello');
    expect(() => new SyncTransport({ serverUrl: 'https://x', caFile: file })).toThrow(/county\.crt/);
    expect(() => new SyncTransport({ serverUrl: 'https://x', caFile: join(tempDir(), 'missing.pem') })).toThrow(/missing\.pem/);
  });
});
