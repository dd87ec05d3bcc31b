import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/app';
import { authenticate } from '../../../electron/core/services/teams/tokens';
import { tempDir } from '../../helpers/tempDir';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', ...args], { cwd: process.cwd(), encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run cli -- field-token', () => {
  it('prints a working token for a team, creating the team the first time', async () => {
    const data = tempDir();
    const first = cli('field-token', '--data', data, '--team', '巡查队');
    expect(first.code).toBe(0);
    const token = first.out.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const second = JSON.parse(cli('field-token', '--data', data, '--team', '巡查队', '--label', '李四', '--json').out) as { token: string; links: string[] };
    expect(second.token).not.toBe(token);
    expect(second.links[0]).toContain(`#t=${second.token}`);
    const core = await openCore({ dataDir: data, transport: 'test' });
    try {
      expect(authenticate(core.ctx, token).team.name).toBe('巡查队');
      expect(authenticate(core.ctx, second.token).token.label).toBe('李四');
      expect((core.db.prepare('SELECT count(*) AS n FROM team').get() as { n: number }).n).toBe(1);
    } finally {
      core.close();
    }
    expect(cli('field-token', '--data', data).code).toBe(2);
  }, 60_000);
});
