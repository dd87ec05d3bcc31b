// Issue 16: every request, however malformed, gets a 4xx/5xx (or a clean close for bytes that are
// not HTTP), and the port answers a normal request afterwards — on every port the core opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost } from '../../../electron/core/host/http';
import { startFieldServer } from '../../../electron/core/field/server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../../electron/core/app';
import { closesWithin, rawExchange } from '../../helpers/rawHttp';
import { teamWithToken } from '../field/helpers';
import { DEFAULT_TIMEOUTS } from '../../../electron/core/host/http/index';
import { deskEntries, pushAll } from '../../helpers/deskFeed';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { enrolTownship, startTestServer } from '../server/helpers';
import { PHONE_MAX_BODY_BYTES } from '../../../server/http/phoneRoutes';

const LIMIT = 64 * 1024;
const TIMEOUTS = { headersMs: 600, requestMs: 1500, keepAliveMs: 400, idleMs: 1500, checkEveryMs: 100 };

interface Port {
  name: string;
  port: number;
  /** A procedure that exists on this port, and headers that let a call through to it. */
  procedure: string;
  headers: string;
  /** The port's one body limit. */
  limit: number;
  close(): Promise<void>;
}

/** A seeded PRNG (mulberry32), so a failing mutation can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hand-written broken requests: each must be answered with 4xx/5xx (`close`: or closed cleanly). */
function brokenRequests(p: Port): { what: string; bytes: string | Buffer; close?: boolean; status?: number; end?: boolean }[] {
  const h = p.headers;
  const api = `/api/${p.procedure}`;
  return [
    { what: 'bracket host in the path (GET //[)', bytes: `GET //[ HTTP/1.1\r\n${h}\r\n` },
    { what: 'double slash and a port-like segment', bytes: `GET //:99999/x HTTP/1.1\r\n${h}\r\n` },
    { what: 'absolute-form target', bytes: `GET http://evil.example/api/health HTTP/1.1\r\n${h}\r\n` },
    { what: 'absolute-form with a broken authority', bytes: `GET http://[::1/api/health HTTP/1.1\r\n${h}\r\n` },
    { what: 'asterisk-form', bytes: `OPTIONS * HTTP/1.1\r\n${h}\r\n` },
    { what: 'authority-form outside CONNECT', bytes: `GET evil.example:443 HTTP/1.1\r\n${h}\r\n` },
    { what: 'CONNECT', bytes: `CONNECT evil.example:443 HTTP/1.1\r\n${h}\r\n`, close: true },
    { what: 'bad percent-encoding in the path', bytes: `GET /%zz HTTP/1.1\r\n${h}\r\n` },
    { what: 'truncated percent-encoding in a procedure', bytes: `POST /api/%E0%A4%A HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`, status: 400 },
    { what: 'encoded NUL in the path', bytes: `GET /%00 HTTP/1.1\r\n${h}\r\n` },
    { what: 'raw NUL in the path', bytes: `GET /a\0b HTTP/1.1\r\n${h}\r\n` },
    { what: 'backslash path', bytes: `GET /..\\..\\windows HTTP/1.1\r\n${h}\r\n` },
    { what: 'an 20 KB URL', bytes: `GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${h}\r\n`, status: 431 },
    { what: 'a 40 KB header', bytes: `GET /api/health HTTP/1.1\r\n${h}X-Big: ${'b'.repeat(40_000)}\r\n\r\n`, status: 431 },
    { what: 'three thousand headers', bytes: `GET /api/health HTTP/1.1\r\n${h}${Array.from({ length: 3000 }, (_, i) => `X-${i}: 1\r\n`).join('')}\r\n` },
    { what: 'unknown method', bytes: `FOO /api/health HTTP/1.1\r\n${h}\r\n` },
    { what: 'lower-case method', bytes: `get /api/health HTTP/1.1\r\n${h}\r\n` },
    { what: 'method with a control byte', bytes: `G\x01T / HTTP/1.1\r\n${h}\r\n` },
    { what: 'DELETE on the API', bytes: `DELETE ${api} HTTP/1.1\r\n${h}\r\n`, status: 405 },
    { what: 'PUT on a page', bytes: `PUT / HTTP/1.1\r\n${h}Content-Length: 2\r\n\r\nhi` },
    { what: 'GET on a procedure', bytes: `GET ${api} HTTP/1.1\r\n${h}\r\n`, status: 405 },
    { what: 'HTTP/9.9', bytes: `GET / HTTP/9.9\r\n${h}\r\n` },
    { what: 'HTTP/0.9 style', bytes: 'GET /\r\n\r\n' },
    { what: 'no Host header', bytes: 'GET /api/health HTTP/1.1\r\n\r\n' },
    { what: 'header without a colon', bytes: `GET /api/health HTTP/1.1\r\n${h}NoColonHere\r\n\r\n` },
    { what: 'header name with a space', bytes: `GET /api/health HTTP/1.1\r\n${h}Bad Name: x\r\n\r\n` },
    { what: 'a body on GET', bytes: `GET /api/health HTTP/1.1\r\n${h}Content-Length: 5\r\n\r\nhello`, status: 400 },
    { what: 'a chunked body on GET', bytes: `GET / HTTP/1.1\r\n${h}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`, status: 400 },
    { what: 'chunk size that is not hex', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n` },
    { what: 'chunk longer than it says', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{}}}}\r\n0\r\n\r\n` },
    { what: 'chunked body cut off (client hangs up)', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n{"a":`, close: true, end: true },
    { what: 'Content-Length longer than the body (client hangs up)', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{}`, close: true, end: true },
    { what: 'chunked and Content-Length together', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n` },
    { what: 'two different Content-Lengths', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x` },
    { what: 'negative Content-Length', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}` },
    { what: 'Content-Length that is not a number', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}` },
    { what: 'Transfer-Encoding smuggling list', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nTransfer-Encoding: chunked, identity\r\n\r\n2\r\n{}\r\n0\r\n\r\n` },
    { what: 'declared body of a terabyte', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n{`, status: 413 },
    { what: 'chunked body past the limit', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n` + `${'8000\r\n' + ' '.repeat(0x8000) + '\r\n'}`.repeat(Math.ceil(p.limit / 0x8000) + 1), status: 413 },
    { what: 'JSON that is not JSON', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{"a":tru`, status: 400, end: true },
    { what: 'invalid UTF-8 in JSON', bytes: Buffer.concat([Buffer.from(`POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 6\r\n\r\n`), Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])]), status: 400 },
    { what: 'JSON nested 20,000 deep', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 40000\r\n\r\n${'['.repeat(20_000)}${']'.repeat(20_000)}`, status: 400 },
    { what: 'a form post (CSRF shape)', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=1`, status: 400 },
    { what: 'bytes to a procedure that takes no file', bytes: `POST ${api} HTTP/1.1\r\n${h}Content-Type: application/octet-stream\r\nContent-Length: 3\r\n\r\nabc`, status: 400 },
    { what: 'unknown procedure', bytes: `POST /api/nope.nothing HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`, status: 404 },
    { what: 'nested API path', bytes: `POST /api/a/b HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`, status: 404 },
    { what: 'prototype key as a procedure', bytes: `POST /api/__proto__ HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`, status: 404 },
    { what: 'binary garbage', bytes: Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x0d, 0x0a, 0x0d, 0x0a]), close: true },
    { what: 'only CRLFs', bytes: '\r\n\r\n\r\n\r\n', close: true, end: true },
  ];
}

/** A valid request, then seeded damage: truncation, byte flips, inserted control bytes, repeated lines. */
function mutations(p: Port, seed: number, count: number): Buffer[] {
  const rand = prng(seed);
  const valid = Buffer.from(`POST /api/${p.procedure} HTTP/1.1\r\n${p.headers}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
  return Array.from({ length: count }, () => {
    let b = Buffer.from(valid);
    const kind = Math.floor(rand() * 4);
    if (kind === 0) b = b.subarray(0, Math.floor(rand() * b.length));
    else if (kind === 1) for (let i = 0; i < 1 + rand() * 4; i++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
    else if (kind === 2) {
      const at = Math.floor(rand() * b.length);
      b = Buffer.concat([b.subarray(0, at), Buffer.from([Math.floor(rand() * 32)]), b.subarray(at)]);
    } else {
      const lines = b.toString('latin1').split('\r\n');
      const i = Math.floor(rand() * lines.length);
      lines.splice(i, 0, lines[i]!);
      b = Buffer.from(lines.join('\r\n'), 'latin1');
    }
    return b;
  });
}

async function healthy(p: Port): Promise<void> {
  const r = await rawExchange(p.port, `GET /api/health HTTP/1.1\r\n${p.headers}\r\n`);
  expect(r.status, `${p.name} health`).toBe(200);
}

const ports: Port[] = [];
const cores: { core: Core; dir: string }[] = [];
let cluster: TestCluster | undefined;

/** A core kept for the whole file (tempCore's are closed after each test). */
async function fileCore(): Promise<Core> {
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-malformed-'));
  const core = await openCore({ dataDir: dir, transport: 'test' });
  cores.push({ core, dir });
  return core;
}

beforeAll(async () => {
  const desk = await fileCore();
  const host = await startHttpHost({ dispatch: desk.dispatch, staticDir: null, port: 0, maxBodyBytes: LIMIT, timeouts: TIMEOUTS });
  ports.push({ name: 'desk', port: host.port, procedure: 'settings.get', headers: `Host: 127.0.0.1:${host.port}\r\n`, limit: LIMIT, close: host.close });
  const fieldCore = await fileCore();
  const { token } = await teamWithToken(fieldCore, '一队');
  const field = await startFieldServer({ ctx: fieldCore.ctx, staticDir: null, port: 0, host: '127.0.0.1', maxBodyBytes: LIMIT, timeouts: TIMEOUTS });
  ports.push({ name: 'field', port: field.port, procedure: 'phone.me', headers: `Host: 192.168.1.5:${field.port}\r\nAuthorization: Bearer ${token}\r\n`, limit: LIMIT, close: field.close });
  // The county server's phone routes (issue 12), with a token its desk has synced.
  cluster = await startTestCluster();
  const county = await startTestServer(cluster);
  const countyDesk = await fileCore();
  const phone = await teamWithToken(countyDesk, '一队');
  const enrolled = await enrolTownship(county, '双河乡', countyDesk.ctx.townshipId);
  await pushAll(county.url, enrolled.key, deskEntries(countyDesk));
  ports.push({ name: 'county', port: Number(new URL(county.url).port), procedure: 'phone.me', headers: `Host: drain.example.gov.cn\r\nAuthorization: Bearer ${phone.token}\r\n`, limit: PHONE_MAX_BODY_BYTES, close: county.close });
}, 120_000);

afterAll(async () => {
  await Promise.all(ports.splice(0).map((p) => p.close()));
  cluster?.stop();
  for (const { core, dir } of cores.splice(0)) {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe.each(['desk', 'field', 'county'])('malformed requests on the %s port', (name) => {
  const port = () => ports.find((p) => p.name === name)!;

  it('answers each broken request with 4xx/5xx (or a clean close) and then a normal one with 200', { timeout: 30_000 }, async () => {
    const p = port();
    await healthy(p);
    for (const c of brokenRequests(p)) {
      const r = await rawExchange(p.port, c.bytes, { endAfterWrite: c.end === true });
      if (c.status !== undefined) expect(r.status, c.what).toBe(c.status);
      else if (r.status === null) expect(c.close && r.closed, `${c.what}: no answer`).toBe(true);
      else expect(r.status, c.what).toBeGreaterThanOrEqual(400);
      if (r.status !== null && r.status >= 400 && /content-type: application\/json/i.test(r.text)) {
        const head = r.text.indexOf('\r\n\r\n');
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(r.text)?.[1]);
        const body = JSON.parse(Buffer.from(r.text.slice(head + 4)).subarray(0, length).toString()) as { error: { code: string; message: string; messageEn: string } };
        expect(body.error, c.what).toMatchObject({ code: expect.any(String), message: expect.any(String), messageEn: expect.any(String) });
      }
    }
    await healthy(p);
    const call = await rawExchange(p.port, `POST /api/${p.procedure} HTTP/1.1\r\n${p.headers}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
    expect(call.status).toBe(200);
  });

  it('survives 120 seeded mutations of a valid request, answering or closing each', { timeout: 60_000 }, async () => {
    const p = port();
    const list = mutations(p, name === 'desk' ? 1601 : name === 'field' ? 1602 : 1603, 120);
    for (const [i, bytes] of list.entries()) {
      const r = await rawExchange(p.port, bytes, { endAfterWrite: true });
      expect(r.status !== null || r.closed, `mutation ${i}: ${JSON.stringify(bytes.toString('latin1'))}`).toBe(true);
      if (i % 30 === 29) await healthy(p);
    }
    await healthy(p);
  });

});

// The county server keeps its own socket times (keep-alive longer than clients and proxies keep them).
describe.each(['desk', 'field'])('socket timeouts on the %s port', (name) => {
  const port = () => ports.find((p) => p.name === name)!;

  it('closes slow-header, idle and kept-alive sockets', { timeout: 20_000 }, async () => {
    const p = port();
    // Headers that never finish: 408 or a close, within the headers timeout (+ the check interval).
    const slow = await closesWithin(p.port, `GET /api/health HTTP/1.1\r\n${p.headers}X-Slow: `, 5000);
    expect(slow.ms, 'slow headers').not.toBeNull();
    expect(slow.ms!).toBeLessThan(3000);
    // A connection that sends nothing.
    const idle = await closesWithin(p.port, '', 5000);
    expect(idle.ms, 'idle socket').not.toBeNull();
    expect(idle.ms!).toBeLessThan(3000);
    // A kept-alive connection after one answer.
    const kept = await closesWithin(p.port, `GET /api/health HTTP/1.1\r\n${p.headers}\r\n`, 5000);
    expect(kept.text).toMatch(/^HTTP\/1\.1 200/);
    expect(kept.ms, 'kept-alive socket').not.toBeNull();
    expect(kept.ms!).toBeLessThan(3000);
    await healthy(p);
  });
});

describe('timeouts in the app', () => {
  it('closes slow-header and idle sockets on both ports by default, not only when a test asks', async () => {
    const core = await fileCore();
    const desk = await startHttpHost({ dispatch: core.dispatch, staticDir: null, port: 0 });
    const field = await startFieldServer({ ctx: core.ctx, staticDir: null, port: 0, host: '127.0.0.1' });
    try {
      for (const server of [desk.server, field.server]) {
        expect(server.headersTimeout).toBe(DEFAULT_TIMEOUTS.headersMs);
        expect(server.requestTimeout).toBe(DEFAULT_TIMEOUTS.requestMs);
        expect(server.keepAliveTimeout).toBe(DEFAULT_TIMEOUTS.keepAliveMs);
        expect(server.timeout).toBe(DEFAULT_TIMEOUTS.idleMs);
      }
      // Short enough that a slow client is dropped within half a minute, long enough for a phone.
      expect(DEFAULT_TIMEOUTS.headersMs + DEFAULT_TIMEOUTS.checkEveryMs).toBeLessThanOrEqual(30_000);
      expect(DEFAULT_TIMEOUTS.idleMs).toBeGreaterThan(0);
    } finally {
      await Promise.all([desk.close(), field.close()]);
    }
  });
});
