import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CapacityReport } from '../../../shared/contract/capacity';
import { DITCH_KINDS } from '../../../shared/domain/network';
import { seedDemo } from '../../../electron/core/demo';
import { DEMO } from '../../../electron/core/demo/constants';
import { openCore } from '../../../electron/core/app';
import { tempDir } from '../../helpers/tempDir';

const run = promisify(execFile);

function cli(args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', ...args], { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 });
}

async function demoFolder(): Promise<string> {
  const dataDir = tempDir();
  const core = await openCore({ dataDir, transport: 'test' });
  seedDemo(core);
  core.close();
  return dataDir;
}

// Each case starts the CLI as a separate Node process (tsx), a few seconds apiece on a busy CI machine.
describe('npm run cli -- capacity', { timeout: 60_000 }, () => {
  it('prints per-kind and overall storage, conveyance and pumping, and the ranked blockages, as JSON', async () => {
    const dataDir = await demoFolder();
    const { stdout } = await cli(['capacity', '--data', dataDir, '--date', DEMO.today, '--rain-mm', '80', '--json']);
    const r = JSON.parse(stdout) as CapacityReport;
    expect(r.date).toBe(DEMO.today);
    expect(r.rain).toMatchObject({ source: 'typed', mm: 80 });
    for (const key of ['storageM3', 'conveyanceM3s', 'pumpingM3h', 'lengthM', 'excluded']) expect(r.overall).toHaveProperty(key);
    for (const kind of DITCH_KINDS) {
      expect(r.byKind[kind]).toHaveProperty('storageM3');
      expect(r.byKind[kind]).toHaveProperty('conveyanceM3s');
    }
    // The demo's season: 196 pumps out "today", and the cleared ditches hold 1,050,000 m³ over 210,000 m.
    expect(r.pumping.pumps).toBe(DEMO.today_deployment.pumps);
    expect(r.overall.pumpingM3h).toBe(DEMO.today_deployment.pumps * r.pumping.ratedM3h);
    expect(r.byWork.cleared.lengthM).toBeCloseTo(DEMO.works.clearedDitchMeters, 3);
    expect(r.byWork.cleared.storageM3).toBeCloseTo(DEMO.works.clearedStorageM3, 1);
    expect(r.ranking.length).toBeGreaterThan(0);
    expect(r.ranking.map((b) => b.rank)).toEqual(r.ranking.map((_b, i) => i + 1));
    for (const b of r.ranking) {
      expect(Object.keys(b.cutOff).sort()).toEqual(
        ['catchmentM2', 'catchmentMissingCount', 'conveyanceM3s', 'lengthM', 'runoffHeldM3', 'sectionMissingCount', 'segmentCount', 'storageM3'],
      );
    }
    const held = r.ranking.map((b) => b.cutOff.runoffHeldM3);
    expect(held).toEqual([...held].sort((a, b) => b - a));
  });

  it('writes the tables to .xlsx and .csv, prints a readable summary, and refuses bad flags', async () => {
    const dataDir = await demoFolder();
    const xlsx = join(dataDir, '蓄排能力.xlsx');
    const { stdout } = await cli(['capacity', '--data', dataDir, '--rain', 'last3', '--out', xlsx]);
    expect(stdout).toContain('本季清淤 cleared');
    expect(stdout).toContain('210,000');
    expect(existsSync(xlsx)).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(xlsx) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['蓄排能力汇总', '堵点排序', '片区排涝', '断面数据无效', '涵管过流']);
    const cleared = book.worksheets[0]!.getSheetValues().find((row) => Array.isArray(row) && row[2] === '本季清淤') as unknown[];
    expect(cleared[4]).toBe(210_000); // length, m
    expect(cleared[6]).toBe(105); // storage, 万m³

    const csv = join(dataDir, 'capacity.csv');
    await cli(['capacity', '--data', dataDir, '--rain-mm', '50', '--out', csv]);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('按工程,本季清淤,406,210000,1050000,105,');

    await expect(cli(['capacity', '--data', dataDir, '--rain-mm', 'lots'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--rain-mm 应为数字') });
    await expect(cli(['capacity', '--data', dataDir, '--rain', 'yesterday'])).rejects.toMatchObject({ code: 2 });
  });
});
