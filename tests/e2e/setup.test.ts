import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, deskPage, chromiumForFile, serve } from './harness';

const browser = chromiumForFile();

describe('first run on an empty data folder', () => {
  it('picks 梨树县 双河乡 by typing, fills its villages, imports the first file and lands on the map with it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-setup-'));
    const server = await serve(['--data', dataDir]);
    const { page, errors, context } = await deskPage(browser());
    try {
      await page.goto(server.url);
      await page.getByRole('heading', { name: '首次设置' }).waitFor();

      // 1. The township, found by typing part of the county's and the township's names.
      await page.getByLabel('输入乡镇名称查找').fill('梨树 双河');
      await page.getByRole('button', { name: /梨树县 双河乡/ }).click();
      const villages = page.getByLabel('村庄（每行一个，可修改）');
      await expect.poll(() => villages.inputValue()).toContain('三合堡村');
      expect((await villages.inputValue()).split('\n')).toHaveLength(13);
      expect(await page.getByTestId('setup-code').textContent()).toBe('220322204');
      await page.screenshot({ path: join(ARTIFACTS, 'setup-township.png') });
      await page.getByRole('button', { name: '下一步' }).click();

      // 2. Season and office come with sensible defaults.
      expect(await page.getByLabel('发文单位（调度日报落款）').inputValue()).toBe('双河乡防汛抗旱指挥部办公室');
      expect(await page.getByLabel('汛期起始日期').inputValue()).toMatch(/^\d{4}-06-01$/);
      await page.getByRole('button', { name: '下一步' }).click();

      // 3. No basemap (works offline).
      await page.getByLabel('无底图（默认，完全离线）').check();
      await page.screenshot({ path: join(ARTIFACTS, 'setup-basemap.png') });
      await page.getByRole('button', { name: '下一步' }).click();

      // 4. The first data: a field team's Ovital file, through the map's usual import preview.
      const kml = join(dataDir, '三家子村.kml');
      copyFileSync(join(process.cwd(), 'tests/fixtures/network/ovital-field-team.ovkml'), kml);
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '导入文件并完成' }).click();
      await (await chooser).setFiles(kml);
      await page.getByTestId('import-preview').waitFor();
      await page.getByLabel('GCJ-02（高德、奥维 9.3 以后）').check();
      await page.getByRole('dialog').getByRole('button', { name: '导入', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '已导入 三家子村.kml' }).waitFor();

      // On the map, named for the township, with the checklist of what is left to do.
      expect(page.url()).toContain('#/map');
      expect(await page.getByTestId('township-name').textContent()).toBe('双河乡');
      const checklist = page.getByRole('region', { name: '开始使用：还差这几步' });
      await checklist.waitFor();
      await expect.poll(async () => checklist.locator('li[data-done=true]').count()).toBe(1);
      await page.waitForFunction(() => document.querySelector('[data-testid=network-map]')?.getAttribute('data-map-state') === 'idle', null, { timeout: 60_000 });
      await page.screenshot({ path: join(ARTIFACTS, 'setup-done-map.png') });

      // The same settings the CLI `setup` writes, and the villages in the deployment options.
      const settings = await (await page.request.post(`${server.url}api/settings.get`, { data: {} })).json();
      expect(settings).toMatchObject({ townshipName: '双河乡', townshipCode: '220322204', issuingOffice: '双河乡防汛抗旱指挥部办公室', setupState: 'done', basemap: { kind: 'none' } });
      const options = await (await page.request.post(`${server.url}api/deployments.options`, { data: {} })).json();
      expect(options.villages).toContain('三合堡村');

      // Opening the app again goes straight to the map.
      await page.goto(server.url);
      await page.getByTestId('network-map').waitFor();
      expect(await page.getByRole('heading', { name: '首次设置' }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
    }
  });

  it('can be skipped, and is offered again from 设置', async () => {
    const server = await serve(['--data', mkdtempSync(join(tmpdir(), 'draindesk-e2e-setup-'))]);
    const { page, context } = await deskPage(browser());
    try {
      await page.goto(server.url);
      await page.getByRole('button', { name: '跳过，以后再设置' }).click();
      await page.getByText('还没有沟渠网络').waitFor();
      await page.goto(server.url);
      await page.getByText('还没有沟渠网络').waitFor();
      await page.getByRole('link', { name: '设置' }).click();
      await page.getByRole('link', { name: '重新运行首次设置' }).click();
      await page.getByRole('heading', { name: '首次设置' }).waitFor();
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
