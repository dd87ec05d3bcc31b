import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { DispatchPlanOutput } from '../../../shared/contract/dispatch';
import { inferCause } from '../../../shared/domain/blockageCause';
import { seedDemo } from '../../../electron/core/demo';
import { openCore } from '../../../electron/core/app';
import { tempDir } from '../../helpers/tempDir';

const run = promisify(execFile);

function cli(args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', ...args], { cwd: process.cwd(), maxBuffer: 16 * 1024 * 1024 });
}

describe('npm run cli -- dispatch', { timeout: 90_000 }, () => {
  it('prints the plan with reasons, as text and as the dispatch.plan JSON, and writes nothing', async () => {
    const dataDir = tempDir();
    const core = await openCore({ dataDir, transport: 'test' });
    seedDemo(core);
    const events = () => (core.db.prepare('SELECT count(*) AS n FROM blockage_event').get() as { n: number }).n;
    const before = events();
    const json = JSON.parse((await cli(['dispatch', '--data', dataDir, '--date', '2026-08-10', '--json'])).stdout) as DispatchPlanOutput;
    expect(json).toMatchObject({ date: '2026-08-10', workDate: '2026-08-11' });
    expect(json.teams.length).toBeGreaterThan(0);
    const text = (await cli(['dispatch', '--data', dataDir, '--date', '2026-08-10'])).stdout;
    expect(text).toContain('调度建议 plan for 2026-08-11');
    for (const t of json.teams) expect(text).toContain(t.name);
    expect(text).toContain(json.teams[0]!.jobs[0]!.reason.zh);
    expect(events()).toBe(before);
    core.close();
  });

  it('has --help and refuses a bad date with a clear message', async () => {
    expect((await cli(['dispatch', '--help'])).stdout).toContain('npm run cli -- dispatch --data DIR [--date D] [--json]');
    const dataDir = tempDir();
    const bad = await cli(['dispatch', '--data', dataDir, '--date', '2026-13-01']).then(
      () => null,
      (e: { stderr: string; code: number }) => e,
    );
    expect(bad?.code).not.toBe(0);
    expect(bad?.stderr).toContain('不是有效的日期');
  });
});

describe('blockage cause read from a report', () => {
  it('names the demo’s causes from their words, 其他 when none', () => {
    expect(['涵管口被秸秆堵塞', '沟内淤泥堆积', '倒伏玉米秆堵沟', '路涵塌陷', '杂草丛生阻水', '土坝截流未拆', '地头积水', '沟不通'].map(inferCause)).toEqual([
      'culvert',
      'silt',
      'debris',
      'collapse',
      'debris',
      'dam',
      'ponding',
      'other',
    ]);
  });
});
