import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';

let cluster: TestCluster;
let server: ChildProcess | undefined;
let dir: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  dir = mkdtempSync(join(tmpdir(), 'draindesk-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
}, 120_000);
afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  cluster?.stop();
});

function get(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

describe('npm run server with --tls-cert/--tls-key', () => {
  it('speaks HTTPS itself, and refuses a half-given TLS pair', async () => {
    const args = ['--import', 'tsx', 'server/main.ts', '--pg', cluster.url, '--port', '0', '--host', '127.0.0.1'];
    const half = spawn(process.execPath, [...args, '--tls-cert', join(dir, 'cert.pem')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let halfOut = '';
    half.stderr.on('data', (c: Buffer) => (halfOut += c.toString()));
    expect(await new Promise((r) => half.once('exit', r))).toBe(1);
    expect(halfOut).toContain('--tls-cert 与 --tls-key 须同时给出');

    server = spawn(process.execPath, [...args, '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (c: Buffer) => {
        out += c.toString();
        const m = /listening: (https:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      };
      server!.stdout!.on('data', onData);
      server!.stderr!.on('data', onData);
      server!.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const health = await get(`${url}/api/health`, readFileSync(join(dir, 'cert.pem')));
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true });
  }, 90_000);
});
