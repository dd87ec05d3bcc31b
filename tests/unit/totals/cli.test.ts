import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/app';
import { DEMO } from '../../../electron/core/demo/constants';
import { seedSeason } from '../../../electron/core/demo/season';
import { updateSettings } from '../../../electron/core/services/settings/settingsService';
import { tempDir } from '../../helpers/tempDir';

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', ...args], { encoding: 'utf8' });
}

async function demoFolder(): Promise<string> {
  const dataDir = tempDir();
  const core = await openCore({ dataDir, transport: 'test' });
  const ctx = { ...core.ctx, source: 'demo' as const, now: () => new Date(`${DEMO.today}T18:00:00+08:00`) };
  updateSettings(ctx, { seasonStart: DEMO.seasonStart });
  seedSeason(ctx);
  core.close();
  return dataDir;
}

describe('npm run cli -- totals / rainfall-import', () => {
  it('prints the documented keys for the latest day, and the figures for --date', { timeout: 30_000 }, async () => {
    const dataDir = await demoFolder();
    const latest = cli('totals', '--data', dataDir, '--json');
    expect(latest.status, latest.stderr).toBe(0);
    const t = JSON.parse(latest.stdout);
    expect(t.date).toBe(DEMO.today);
    expect(typeof t.rain.dayMm).toBe('number');
    expect([t.rain.seasonMm, t.rain.lastYearSeasonMm, t.rain.changePct]).toEqual([390.2, 214.3, 82.1]);
    expect(t.deployment).toMatchObject({ people: 700, excavators: 45, longArmExcavators: 7, dumpTrucks: 31, pumps: 196 });
    expect(t.works).toMatchObject({ culvertsLaid: 260, culvertMeters: 520, fieldDitchMeters: 36500, clearedDitchMeters: 210000 });
    expect(t.blockages).toMatchObject({ open: 0, clearedToday: 0 });

    const earlier = cli('totals', '--data', dataDir, '--date', '2026-07-13', '--json');
    expect(JSON.parse(earlier.stdout).rain.seasonMm).toBeLessThan(390.2);
    const text = cli('totals', '--data', dataDir);
    expect(text.stdout).toContain('汛期累计 season 390.2 mm');
    expect(text.stdout).toContain('较去年 change +82.1%');

    const bad = cli('totals', '--data', dataDir, '--date', '2026-13-01');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('不是有效的日期');
    const early = cli('totals', '--data', dataDir, '--date', '2026-05-01');
    expect(early.stderr).toContain('早于汛期起始日期');
  });

  it('imports a GBK CSV, refusing it while a row is bad and naming the row', { timeout: 30_000 }, async () => {
    const dataDir = await demoFolder();
    const file = join(tempDir(), '雨量.csv');
    writeFileSync(file, iconv.encode('日期,站点,雨量\r\n2026/8/11,三合堡站,12\r\n2026/8/11,兴隆站,x\r\n', 'gbk'));
    const refused = cli('rainfall-import', file, '--data', dataDir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('第 3 行');
    const done = cli('rainfall-import', file, '--data', dataDir, '--skip-rows', '3', '--json');
    expect(done.status, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ imported: 1, skippedRows: [3] });
  });
});
