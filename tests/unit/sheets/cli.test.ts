import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempDir';

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
}

// Rendering itself needs Chromium and the built print view: tests/e2e/sheet.test.ts runs it.
describe('npm run cli -- sheet (arguments and the archive list)', () => {
  it('explains itself, refuses bad arguments before touching anything, and lists an empty archive', { timeout: 60_000 }, () => {
    const help = cli('sheet', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--out FILE.pdf');
    expect(help.stdout).toContain('--correct REASON');

    const dir = tempDir();
    for (const [args, message] of [
      [['--out', 'sheet.txt'], '--out 应为 .pdf 文件'],
      [['--issue', '--correct', '原因', '--out', 'a.pdf'], '--issue 与 --correct 只能选一个'],
      [[], '请用 --out 指定 PDF 文件'],
      [['--out', 'a.pdf', '--colour'], '参数有误'],
    ] as const) {
      const r = cli('sheet', '--data', dir, ...args);
      expect(r.status, r.stdout).not.toBe(0);
      expect(r.stderr).toContain(message);
    }

    const list = cli('sheet', '--data', dir, '--date', '2026-08-10', '--list', '--json');
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ date: '2026-08-10', list: { season: '2026', records: [], nextNumber: 1 } });
  });
});
