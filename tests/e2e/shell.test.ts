import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, deskPage, chromiumForFile, serve } from './harness';

const browser = chromiumForFile();

describe('the shell loads each page’s code when it is first wanted', () => {
  it('opens on the map without the other pages’ code, and a page whose code fails to load says so and loads on 重新加载', async () => {
    const server = await serve(['--data', mkdtempSync(join(tmpdir(), 'draindesk-e2e-shell-'))]);
    const { page, context, errors } = await deskPage(browser());
    try {
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto(`${server.url}#/map`);
      await page.getByTestId('network-map').waitFor();
      expect(scripts.some((u) => /DashboardPage-/.test(u))).toBe(false);

      // The dashboard's code cannot be fetched: a message and 重新加载, the navigation still there.
      await page.route(/DashboardPage-[\w-]+\.js$/, (route) => route.abort());
      await page.getByRole('link', { name: '总览' }).click();
      const alert = page.getByRole('alert');
      await alert.filter({ hasText: '这个页面没有加载出来' }).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'shell-page-failed.png') });
      await page.unroute(/DashboardPage-[\w-]+\.js$/);
      await expect.poll(() => page.getByRole('link', { name: '设置' }).isVisible()).toBe(true);
      await alert.getByRole('button', { name: '重新加载' }).click();
      await page.getByRole('heading', { name: /汛期排涝总览/ }).waitFor();

      // Another page moves on at once, its code fetched when its link was pointed at.
      await page.getByRole('link', { name: '雨情' }).hover();
      await expect.poll(() => scripts.some((u) => /RainfallPage-/.test(u))).toBe(true);
      await page.getByRole('link', { name: '雨情' }).click();
      await expect.poll(() => page.url()).toMatch(/#\/rainfall$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
