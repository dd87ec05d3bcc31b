import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumForFile, deskPage, demoFolder, serve, type Served } from './harness';

// A PC on which no WebGL context can be made (no graphics driver, a virtual machine, a remote
// desktop with the software fallback refused): Chromium told to give none.
const browser = chromiumForFile(['--disable-webgl']);
let server: Served;

beforeAll(async () => {
  server = await serve(['--data', await demoFolder()]);
});
afterAll(async () => {
  await server?.stop();
});

describe('a PC that cannot draw WebGL', () => {
  it('says in the map’s place why the map is missing and what to do, and the rest of the desk works', async () => {
    const { page, context, errors } = await deskPage(browser());
    try {
      await page.goto(`${server.url}#/map`);
      const map = page.getByTestId('network-map');
      const alert = map.getByRole('alert');
      await alert.waitFor();
      await expect.poll(() => alert.textContent()).toMatch(/地图无法显示.*WebGL.*显卡驱动/);
      expect(await map.getAttribute('data-map-state')).toBe('failed');
      // The navigation is still there, and another page opens as usual.
      await expect.poll(() => page.getByRole('link', { name: '堵点' }).isVisible()).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'map-no-webgl.png') });
      await page.getByRole('link', { name: '堵点' }).click();
      await expect.poll(() => page.url()).toMatch(/#\/blockages$/);
      await page.getByRole('table').first().waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
