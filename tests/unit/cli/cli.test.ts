import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempDir';

/** Run `npm run cli -- …` the way scripts do (without npm's banner). */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', ...args], { cwd: process.cwd(), encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the command line', () => {
  it('changes and shows settings, and backs up, in a data folder', () => {
    const data = tempDir();
    expect(cli('settings', '--data', data, '--township', '三合乡').code).toBe(0);
    const shown = cli('settings', '--data', data, '--json');
    expect(JSON.parse(shown.out)).toMatchObject({ townshipName: '三合乡' });
    const backup = cli('backup', '--data', data, '--json');
    expect(backup.code).toBe(0);
    expect(existsSync(JSON.parse(backup.out).path)).toBe(true);
  }, 60_000);

  it('answers bad arguments with exit code 2 and a bilingual message, changing nothing', () => {
    const data = tempDir();
    const r = cli('settings', '--data', data, '--season-start', '2026-13-01');
    expect(r.code).toBe(2);
    expect(r.err).toContain('错误');
    expect(r.err).toContain('Error');
    expect(cli('settings', '--data', data, '--nope').code).toBe(2);
    expect(cli('no-such-command').code).toBe(2);
    expect(JSON.parse(cli('settings', '--data', data, '--json').out).seasonStart).not.toBe('2026-13-01');
  }, 60_000);

  it('creates the demo, exports it, and imports the export into another folder with the same counts', () => {
    const data = tempDir();
    const demo = cli('demo', '--data', data);
    expect(demo.code, demo.err).toBe(0);
    expect(cli('demo', '--data', data).code).not.toBe(0); // never mixes into existing data
    const out = join(tempDir(), 'network.geojson');
    expect(cli('export', '--data', data, '--format', 'geojson', '--out', out).code).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: { layer: string } }[] };
    const ditches = exported.features.filter((f) => f.properties.layer === 'ditch').length;
    expect(ditches).toBe(580);
    const other = tempDir();
    const dry = cli('import', out, '--data', other);
    expect(dry.out).toContain('--yes');
    const imported = cli('import', out, '--data', other, '--yes');
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain(`沟渠 ${ditches}`);
    const kml = join(tempDir(), 'network.kml');
    expect(cli('export', '--data', other, '--format', 'kml', '--out', kml).code).toBe(0);
    expect(readFileSync(kml, 'utf8')).toContain('<Folder>');
  }, 60_000);

  it('prints help for every command', () => {
    for (const c of ['settings', 'backup', 'demo', 'import', 'export']) {
      const r = cli(c, '--help');
      expect(r.code, c).toBe(0);
      expect(r.out).toMatch(/用法 Usage/);
    }
  }, 60_000);
});
