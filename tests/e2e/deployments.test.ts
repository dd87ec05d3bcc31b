import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/app';
import { DEMO } from '../../electron/core/demo/constants';
import { seedSeason } from '../../electron/core/demo/season';
import { updateSettings } from '../../electron/core/services/settings/settingsService';
import type { Totals } from '../../shared/contract/totals';
import { ARTIFACTS, deskPage, chromiumForFile, serve, type Served } from './harness';

const browser = chromiumForFile();

/** A data folder holding the demo township's season (rain, baseline, deployments to DEMO.today). */
async function demoSeasonFolder(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-'));
  const core = await openCore({ dataDir, transport: 'test' });
  const ctx = { ...core.ctx, source: 'demo' as const, now: () => new Date(`${DEMO.today}T18:00:00+08:00`) };
  updateSettings(ctx, { townshipName: DEMO.townshipName, seasonStart: DEMO.seasonStart });
  seedSeason(ctx);
  core.close();
  return dataDir;
}

async function api<T>(server: Served, procedure: string, input: unknown): Promise<T> {
  const res = await fetch(`${server.url}api/${procedure}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${procedure}: ${JSON.stringify(body)}`);
  return body;
}

/** Type into the focused cell (selecting what is there) and Tab on. */
async function typeCells(page: Page, values: string[]) {
  for (const v of values) {
    if (v !== '') await page.keyboard.type(v);
    await page.keyboard.press('Tab');
  }
}

describe('deployments, totals and the dashboard in browser() mode', () => {
  it('enters a day from the keyboard, and the dashboard, the API and the CLI all show the new figures', async () => {
    const dataDir = await demoSeasonFolder();
    const server = await serve(['--data', dataDir]);
    const { page, errors, context } = await deskPage(browser());

    // The dashboard opens on the latest day with data: the demo's "today".
    await page.goto(`${server.url}#/dashboard`);
    await expect.poll(() => page.getByTestId('kpi-people').textContent()).toBe('700');
    expect(await page.getByTestId('kpi-season-rain').textContent()).toBe('390.2');
    expect(await page.getByTestId('kpi-change').textContent()).toContain('+82.1%');
    await page.getByTestId('chart-rain').locator('.recharts-bar-rectangle').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    // The next day, typed in with the keyboard only.
    await page.getByRole('link', { name: '出动' }).click();
    await page.locator('#dep-date').fill('2026-08-11');
    await page.locator('[data-testid="deployment-grid"][data-date="2026-08-11"]').waitFor();
    await page.getByText('这一天还没有出动记录').waitFor();
    await page.getByLabel('地点类型 1', { exact: true }).focus();
    // kind, place, task, people, excavators, long-arm, dump trucks, pumps, hours, culverts, culvert m, field ditch m, cleared m, pumped, note
    await typeCells(page, ['1', '兴隆村', '1', '36', '', '', '', '12', '20', '', '', '', '', '', '']);
    await typeCells(page, ['1', '永安村', '4', '80', '6', '2', '5', '', '10', '', '', '', '1500', '', '大雨后清淤']);
    await typeCells(page, ['1', '太平村', '5', '24', '2', '', '3', '', '9', '6', '12', '']);
    // Enter moves down a row in the same column; this row names a village not on the list.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await typeCells(page, ['300']);
    await page.getByLabel('地点 4', { exact: true }).fill('兴隆材');
    await page.keyboard.press('Control+s');
    await page.getByTestId('error-banner').getByText('第 4 行：村庄“兴隆材”不在村庄列表中').waitFor();
    expect(await page.locator('td.cell-error').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'deployments-error.png') });

    // Not a number: refused in the page, nothing sent.
    await page.getByLabel('地点 4', { exact: true }).fill('长胜村');
    await page.getByLabel('人数 4', { exact: true }).fill('3o');
    await page.keyboard.press('Control+s');
    await page.getByText('第 4 行 人数：“3o”不是数字').waitFor();
    await page.getByLabel('人数 4', { exact: true }).focus();
    await page.keyboard.press('Control+Delete');
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: '已保存（3 处修改）' }).waitFor();
    const total = page.getByTestId('day-total');
    expect(await total.locator('[data-field="people"]').textContent()).toBe('140');
    expect(await total.locator('[data-field="pumps"]').textContent()).toBe('12');
    expect(await total.locator('[data-field="clearedDitchMeters"]').textContent()).toBe('1,500');
    await page.getByTestId('deployment-history').getByText('永安村 清淤 80人').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'deployments.png'), fullPage: true });

    // Copy the previous day's rows onto the next day, save, then undo that save.
    await page.getByRole('button', { name: '后一天 ›' }).click();
    await page.locator('[data-testid="deployment-grid"][data-date="2026-08-12"]').waitFor();
    await page.getByRole('button', { name: '复制前一天' }).click();
    await page.getByText('已复制前一天的 3 行').waitFor();
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: '已保存（3 处修改）' }).waitFor();
    expect((await api<Totals>(server, 'totals.get', { date: '2026-08-12' })).deployment.people).toBe(140);
    await page.getByRole('button', { name: '撤销上次修改' }).click();
    await page.getByRole('status').filter({ hasText: '已撤销上次修改（3 项）' }).waitFor();
    expect((await api<Totals>(server, 'totals.get', { date: '2026-08-12' })).deployment.people).toBe(0);

    // The dashboard moves on to the new day; the API and the CLI give the same figures.
    await page.getByRole('link', { name: '总览' }).click();
    await expect.poll(() => page.getByTestId('kpi-people').textContent()).toBe('140');
    expect(await page.getByTestId('dashboard-as-of').textContent()).toContain('2026-08-11');
    expect(await page.getByTestId('kpi-cleared').textContent()).toBe('211,500');
    await page.getByTestId('chart-force').locator('.recharts-bar-rectangle').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-after-entry.png'), fullPage: true });

    const viaApi = await api<Totals>(server, 'totals.get', {});
    expect(viaApi).toMatchObject({
      date: '2026-08-11',
      deployment: { people: 140, excavators: 8, longArmExcavators: 2, dumpTrucks: 8, pumps: 12 },
      works: { culvertsLaid: 266, culvertMeters: 532, fieldDitchMeters: 36500, clearedDitchMeters: 211500 },
      rain: { seasonMm: 390.2, lastYearSeasonMm: 214.3 + 0 },
    });
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', 'totals', '--data', dataDir, '--json'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const viaCli = JSON.parse(cli.stdout) as Totals;
    expect({ ...viaCli, today: null }).toEqual({ ...viaApi, today: null });

    // The same dashboard in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /flood season overview/ }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-en.png'), fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();

    expect(errors).toEqual([]);
    await context.close();
    await server.stop();
  });

  it('imports a GBK rainfall CSV from the page: every bad row listed, then imported without the rows named', async () => {
    const dataDir = await demoSeasonFolder();
    const server = await serve(['--data', dataDir]);
    const { page, errors, context } = await deskPage(browser());
    await page.goto(`${server.url}#/rainfall`);
    await expect.poll(() => page.getByTestId('rain-season').textContent()).toBe('390.2');

    const csv = iconv.encode(
      ['日期,站点,雨量(mm)', '2026/8/11,三合堡站,12.5', '2026/8/11,兴隆站,-4', '2026/8/11,永安站,10.5', '2026/8/11,东风站,9', '2026/8/12,兴隆站,6'].map((l) => `${l}\r\n`).join(''),
      'gbk',
    );
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/rainfall.previewImport'));
    await page.locator('#rain-file').setInputFiles({ name: '8月雨量.csv', mimeType: 'text/csv', buffer: csv });
    // The file goes as its bytes (GBK, untouched), the rest of the input in a header.
    const upload = await sent;
    expect(upload.headers()['content-type']).toBe('application/octet-stream');
    expect(JSON.parse(decodeURIComponent(upload.headers()['x-draindesk-input']!))).toMatchObject({ kind: 'readings', fileName: '8月雨量.csv' });
    const preview = page.getByTestId('rain-preview');
    await preview.getByText('CSV · GBK').waitFor();
    const errorRows = page.getByTestId('rain-import-errors').locator('tbody tr');
    await expect.poll(() => errorRows.count()).toBe(2);
    expect(await errorRows.nth(0).textContent()).toContain('第 3 行');
    expect(await errorRows.nth(1).textContent()).toContain('站点“东风站”不在站点列表中');
    expect(await page.getByRole('button', { name: /^导入 \d+ 个数值$/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'rainfall-import.png'), fullPage: true });

    await page.getByRole('button', { name: '跳过第 3、5 行，导入其余 3 个数值' }).click();
    await page.getByText('已导入 3 个数值').waitFor();
    // 11 August: (12.5 + 10.5) / 2 = 11.5 mm; 12 August: 6 mm. Season 390.2 + 17.5.
    await expect.poll(() => page.getByTestId('rain-season').textContent()).toBe('407.7');
    const totals = await api<Totals>(server, 'totals.get', { date: '2026-08-11' });
    expect(totals.rain).toMatchObject({ dayMm: 11.5, stationsReported: 2, seasonMm: 401.7 });

    // A value typed into the grid: 12 August at 三合堡站; the township value becomes (8 + 6) / 2.
    await page.getByLabel('2026-08-12 三合堡站', { exact: true }).fill('8');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: '已保存（1 处修改）' }).waitFor();
    await expect.poll(() => page.getByTestId('rain-season').textContent()).toBe('408.7');
    await page.screenshot({ path: join(ARTIFACTS, 'rainfall.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
    await server.stop();
  });
});
