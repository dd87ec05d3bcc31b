import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { tempDir } from '../../helpers/tempDir';
import { adminCode, startServerProcess, type ServerProcess } from './serverProcess';

/** `npm run cli -- …` as scripts run it. */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', ...args], { cwd: process.cwd(), encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let cluster: TestCluster;
let server: ServerProcess;
beforeAll(async () => {
  cluster = await startTestCluster();
  server = await startServerProcess(cluster.url);
}, 120_000);
afterAll(async () => {
  await server?.kill();
  cluster?.stop();
});

describe('npm run cli -- sync', () => {
  it('enrols with --server and --code, syncs once, and prints what went each way', () => {
    const a = tempDir();
    const b = tempDir();
    expect(cli('settings', '--data', a, '--township', '双河乡').code).toBe(0);
    const enrol = cli('sync', '--data', a, '--server', server.url, '--code', adminCode(cluster.url, 'add-township', '双河乡'));
    expect(enrol.code, enrol.err).toBe(0);
    expect(enrol.out).toContain('已注册到县服务器');
    expect(enrol.out).toMatch(/上传 pushed [1-9]\d*/);
    expect(enrol.out).toContain('待上传 pending 0');

    const other = cli('sync', '--data', b, '--server', server.url, '--code', adminCode(cluster.url, 'rekey-township', '双河乡'));
    expect(other.code, other.err).toBe(0);
    expect(other.out).toMatch(/下载 pulled [1-9]\d*/);
    expect(JSON.parse(cli('settings', '--data', b, '--json').out)).toMatchObject({ townshipName: '双河乡' });

    const once = cli('sync', '--data', a);
    expect(once.code, once.err).toBe(0);
    expect(once.out).toContain('上传 pushed 0');
    expect(once.out).toContain('下载 pulled 0');
    expect(once.out).toContain('冲突 conflicts 0');
    const json = JSON.parse(cli('sync', '--data', a, '--json').out);
    expect(json).toMatchObject({ state: 'synced', pending: 0, serverUrl: server.url });
  }, 240_000);

  it('says what is wrong: not enrolled, half the enrolment flags, a used code, an unreachable server', () => {
    const c = tempDir();
    const notEnrolled = cli('sync', '--data', c);
    expect(notEnrolled.code).toBe(2);
    expect(notEnrolled.err).toContain('还没有注册');
    expect(cli('sync', '--data', c, '--server', server.url).code).toBe(2);
    const code = adminCode(cluster.url, 'rekey-township', '双河乡');
    expect(cli('sync', '--data', c, '--server', server.url, '--code', code).code).toBe(0);
    const used = cli('sync', '--data', tempDir(), '--server', server.url, '--code', code);
    expect(used.code).toBe(1);
    expect(used.err).toContain('注册码');
    const down = cli('sync', '--data', tempDir(), '--server', 'http://127.0.0.1:9', '--code', 'ABCD-EFGH-2345-6789');
    expect(down.code).toBe(1);
    expect(down.err).toContain('连不上县服务器');
    expect(cli('sync', '--help').out).toContain('--code CODE');
  }, 240_000);
});
