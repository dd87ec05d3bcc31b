import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract/syncDesk';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { tempCore, tempDir } from '../../helpers/tempDir';
import { fails, ok } from '../blockages/helpers';
import { adminCode, startServerProcess, type ServerProcess } from './serverProcess';

let cluster: TestCluster;
let server: ServerProcess;
let cert: string;
beforeAll(async () => {
  cluster = await startTestCluster();
  const dir = tempDir('draindesk-tls-');
  cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', cert], { stdio: 'ignore' });
  server = await startServerProcess(cluster.url, ['--tls-cert', cert, '--tls-key', join(dir, 'key.pem')]);
}, 120_000);
afterAll(async () => {
  await server?.kill();
  cluster?.stop();
});

describe('a county server with a self-signed certificate', () => {
  it('is refused with advice until its certificate file is given, then syncs over HTTPS', async () => {
    expect(server.url).toMatch(/^https:/);
    const code = adminCode(cluster.url, 'add-township', '双河乡');
    const core = await tempCore({ syncOptions: { transport: { attempts: 1, timeoutMs: 5_000 } } });
    const refused = await fails(core, 'sync.enrol', { serverUrl: server.url, code });
    expect(refused.code).toBe('unreachable');
    expect(refused.message).toContain('证书');
    expect((await ok<SyncStatus>(core, 'sync.status', {})).state).toBe('not_enrolled');
    const s = await ok<SyncStatus>(core, 'sync.enrol', { serverUrl: server.url, code, caFile: cert });
    expect(s).toMatchObject({ state: 'synced', caFile: cert });
    expect(s.lastRound!.pushed).toBeGreaterThan(0);
  }, 120_000);
});
