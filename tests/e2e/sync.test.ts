/**
 * 设置 → 联网同步 and 冲突 in browser mode against a real county server (throwaway PostgreSQL):
 * the office enrols with the county's code, the chip says 已同步, a second desk edits the same ditch,
 * and the conflict is shown with both versions side by side; keeping it marks it reviewed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/app';
import { startTestCluster, type TestCluster } from '../helpers/postgres';
import { startServerProcess, adminCode, type ServerProcess } from '../unit/sync/serverProcess';
import { ARTIFACTS, deskPage, launchChromium, serve } from './harness';

let browser: Browser;
let cluster: TestCluster;
let county: ServerProcess;
beforeAll(async () => {
  cluster = await startTestCluster();
  county = await startServerProcess(cluster.url);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await county?.kill();
  cluster?.stop();
});

async function must<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

describe('sync in browser mode', () => {
  it('enrols from the settings panel, shows 已同步, and lists a conflict with both versions', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-sync-'));
    const seed = await openCore({ dataDir, transport: 'test' });
    await must(seed, 'settings.update', { townshipName: '双河乡' });
    const ditch = await must<{ id: string }>(seed, 'network.create', {
      layer: 'ditch',
      geometry: { type: 'LineString', coordinates: [[125.1, 45.1], [125.104, 45.101]] },
      properties: { kind: 'branch', name: '兴隆一号支沟', village: '兴隆村', depth_m: 1.5 },
    });
    seed.close();

    const desk = await serve(['--data', dataDir]);
    const { page, errors, context } = await deskPage(browser);
    await page.goto(`${desk.url}#/settings`);
    const chip = page.getByTestId('sync-chip');
    await expect.poll(() => chip.textContent()).toContain('未联网');

    // A wrong code is refused with a message that says what to do; nothing is enrolled.
    await page.getByLabel('县服务器地址').fill(county.url);
    await page.getByLabel('一次性注册码').fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByRole('button', { name: '注册并同步' }).click();
    await page.getByTestId('error-banner').filter({ hasText: '注册码' }).waitFor();
    expect(await chip.getAttribute('data-state')).toBe('not_enrolled');

    await page.getByLabel('一次性注册码').fill(adminCode(cluster.url, 'add-township', '双河乡'));
    await page.getByRole('button', { name: '注册并同步' }).click();
    await expect.poll(() => chip.textContent(), { timeout: 20_000 }).toBe('已同步');
    await page.getByTestId('sync-last-round').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'sync-settings.png'), fullPage: true });

    // A second desk of the township edits the same ditch at the same time as this one.
    const other = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'draindesk-e2e-sync-b-')), transport: 'test' });
    await must(other, 'sync.enrol', { serverUrl: county.url, code: adminCode(cluster.url, 'rekey-township', '双河乡') });
    const edit = (name: string, depth: number) =>
      page.evaluate(
        async ([id, n, d]) => (await fetch('/api/network.update', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ layer: 'ditch', id, properties: { name: n, depth_m: d } }) })).status,
        [ditch.id, name, depth] as const,
      );
    expect(await edit('兴隆一号支沟（本机改）', 1.8)).toBe(200);
    await must(other, 'network.update', { layer: 'ditch', id: ditch.id, properties: { name: '兴隆一号支沟（另一台改）', note: '已清淤' } });
    await page.getByRole('button', { name: '立即同步' }).click();
    await must(other, 'sync.now', {});
    await page.getByRole('button', { name: '立即同步' }).click();
    await expect.poll(() => chip.textContent(), { timeout: 20_000 }).toContain('1 冲突');

    await page.getByRole('navigation').getByRole('link', { name: '冲突', exact: true }).click();
    const card = page.getByTestId('conflict');
    await card.waitFor();
    expect(await card.locator('tr.differs[data-column="name"]').textContent()).toContain('兴隆一号支沟（另一台改）');
    expect(await card.locator('tr.differs[data-column="name"] td.loser').textContent()).toBe('兴隆一号支沟（本机改）');
    expect(await card.locator('tr.differs[data-column="depth_m"]').count()).toBe(1);
    expect(await card.locator('tr[data-column="village"]').getAttribute('class')).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'sync-conflicts.png'), fullPage: true });
    await page.setViewportSize({ width: 420, height: 860 });
    await page.screenshot({ path: join(ARTIFACTS, 'sync-conflicts-narrow.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    await card.getByRole('button', { name: '确认保留现在的版本' }).click();
    await page.getByTestId('conflicts-empty').waitFor();
    // The review is a change like any other: it goes to the server with the next round.
    await expect.poll(() => chip.textContent(), { timeout: 20_000 }).toBe('已同步');
    await page.getByLabel('显示已处理的').check();
    expect(await page.getByTestId('conflict-review').textContent()).toMatch(/^已处理 .+ · 保留了现在的版本 · 本机处理$/);
    await page.screenshot({ path: join(ARTIFACTS, 'sync-conflict-reviewed.png'), fullPage: true });

    // English second: the same panel and chip in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Sync with the county' }).waitFor();
    await expect.poll(() => chip.textContent(), { timeout: 20_000 }).toBe('Synced');
    await page.screenshot({ path: join(ARTIFACTS, 'sync-settings-en.png') });
    expect(errors).toEqual([]);
    other.close();
    await context.close();
    await desk.stop();
  });
});
