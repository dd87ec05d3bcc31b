import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, deskPage, chromiumForFile, serve } from './harness';

const run = promisify(execFile);
/** The core answers in well under a second, but CI machines run several browsers at once. */
const SLOW = { timeout: 30_000, interval: 200 };
const browser = chromiumForFile();

/** The page's globals, typed here because the tests compile for Node (no DOM types). */
interface BrowserGlobals {
  document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
  __draindeskMap: { queryRenderedFeatures(options: unknown): unknown[] };
}

async function mapIdle(page: Page) {
  await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelector('[data-testid=network-map]')?.getAttribute('data-map-state') === 'idle', null, { timeout: 60_000 });
}

/** A data folder made exactly as users make it: `npm run cli -- demo --data DIR`. */
async function demoFolder(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-'));
  await run(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', 'demo', '--data', dataDir], { cwd: process.cwd() });
  return dataDir;
}

describe('capacity page in browser() mode', () => {
  it('shows the demo’s cleared ditches, the blockages to open first, drain-down per area, a map, and exports', async () => {
    const server = await serve(['--data', await demoFolder()]);
    const { page, errors, context } = await deskPage(browser());
    await page.goto(server.url);
    await page.getByRole('link', { name: '蓄排能力' }).click();
    await page.getByRole('heading', { name: '沟渠蓄排能力' }).waitFor();

    // The season's 210,000 m of cleared ditches hold 1,050,000 m³ = 105 万m³.
    const cleared = page.getByTestId('cap-row-work-cleared');
    await cleared.waitFor();
    await expect.poll(() => cleared.textContent(), SLOW).toContain('210,000');
    expect(await cleared.textContent()).toContain('105 万m³');
    expect(await page.getByTestId('kpi-cleared-length').textContent()).toBe('210,000 米');
    expect(await page.getByTestId('kpi-cleared-storage').textContent()).toContain('105 万m³');

    // A heavy rain typed in: every area gets a drain-down time, the blockages a ranking.
    await page.getByLabel('输入雨量').first().check({ force: true });
    const mm = page.getByRole('textbox', { name: '输入雨量' });
    await mm.fill('80');
    await expect.poll(() => page.getByTestId('rain-used').textContent(), SLOW).toContain('80 毫米');
    const ranking = page.getByTestId('ranking-row');
    await expect.poll(() => ranking.count(), SLOW).toBeGreaterThan(3);
    expect(await ranking.first().locator('.cap-rank').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('area-row').count(), SLOW).toBe(6);
    expect(await page.getByTestId('capacity-areas').textContent()).toMatch(/小时/);

    await mapIdle(page);
    // What maplibre actually drew, read through the map the page exposes.
    const drawn = await page.evaluate(() => {
      const map = (globalThis as unknown as BrowserGlobals).__draindeskMap;
      return { ditches: map.queryRenderedFeatures({ layers: ['cap-ditch'] }).length, impact: map.queryRenderedFeatures({ layers: ['cap-impact'] }).length };
    });
    expect(drawn.ditches).toBeGreaterThan(100);
    expect(drawn.impact).toBeGreaterThan(3);
    await page.screenshot({ path: join(ARTIFACTS, 'capacity.png'), fullPage: true });

    // Colour by how full the ditches get for this rain.
    await page.getByText('按蓄满程度').click();
    await mapIdle(page);
    await page.getByTestId('capacity-legend').getByText('100–200%').waitFor();
    await page.locator('.cap-map-card').screenshot({ path: join(ARTIFACTS, 'capacity-map-fill.png') });

    // Exports come back as files, in browser() mode too.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('蓄排能力-2026-08-10.xlsx');
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFF沟渠蓄排能力汇总表')).toBe(true);
    expect(text).toContain('按工程,本季清淤,406,210000,1050000,105,');

    // English, the second language.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Drainage capacity' }).waitFor();
    await page.getByRole('heading', { name: 'Open these blockages first' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'capacity-en.png') });
    await page.getByRole('button', { name: '中文' }).click();
    expect(errors).toEqual([]);
    await context.close();
    await server.stop();
  });
});
