import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, deskPage, chromiumForFile, serve } from './harness';

const browser = chromiumForFile();

describe('restore in browser() mode', () => {
  it('restores a backup while the app runs, shows the old data, and 撤销恢复 brings the new data back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-'));
    const server = await serve(['--data', dataDir]);
    const { page, errors, context } = await deskPage(browser());
    try {
      await page.goto(`${server.url}#/settings`);
      const name = page.getByLabel('乡镇名称');
      const save = async (value: string) => {
        await name.fill(value);
        await page.getByRole('button', { name: '保存' }).click();
        await expect.poll(() => page.getByTestId('township-name').textContent()).toBe(value);
      };
      await save('旧乡');
      await page.getByTestId('backup-create').click();
      const done = page.getByRole('status').filter({ hasText: '已备份到' });
      await done.waitFor();
      const fileName = (await done.locator('.mono').textContent())!;
      await save('新乡');

      await page.getByRole('button', { name: `恢复 ${fileName}` }).click();
      const dialog = page.getByTestId('restore-dialog');
      await dialog.waitFor();
      expect(await dialog.getByRole('heading').textContent()).toMatch(/^恢复 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 的备份？$/);
      expect(await dialog.getByTestId('restore-contents').textContent()).toContain('旧乡');
      await page.screenshot({ path: join(ARTIFACTS, 'restore-confirm.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(ARTIFACTS, 'restore-confirm-phone.png') });
      await page.setViewportSize({ width: 1440, height: 900 });
      await dialog.getByTestId('restore-confirm').click();

      const status = page.getByTestId('restore-status');
      await status.filter({ hasText: '已恢复' }).waitFor();
      await expect.poll(() => page.getByTestId('township-name').textContent()).toBe('旧乡');
      await expect.poll(() => name.inputValue()).toBe('旧乡');
      // The list now holds the safety copy taken before the restore.
      await page.getByTestId('backup-list').getByText('恢复前').waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'restore-done.png'), fullPage: true });

      await status.getByTestId('restore-undo').click();
      await status.filter({ hasText: '已撤销恢复' }).waitFor();
      await expect.poll(() => page.getByTestId('township-name').textContent()).toBe('新乡');
      await page.reload();
      await expect.poll(() => page.getByLabel('乡镇名称').inputValue()).toBe('新乡');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
    }
  });

  it('refuses a corrupt backup with its message, and the current data stay', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-'));
    const server = await serve(['--data', dataDir]);
    const { page, context } = await deskPage(browser());
    try {
      await page.goto(`${server.url}#/settings`);
      const name = page.getByLabel('乡镇名称');
      await expect.poll(() => name.inputValue()).toBe('未命名乡镇');
      await page.getByTestId('backup-create').click();
      const done = page.getByRole('status').filter({ hasText: '已备份到' });
      await done.waitFor();
      const good = (await done.locator('.mono').textContent())!;
      // A damaged copy in the backups folder: the header survives, the pages behind it do not.
      const bytes = readFileSync(join(dataDir, 'backups', good));
      for (let i = 4096 + 16; i < bytes.length; i += 7) bytes[i] = (bytes[i]! * 31 + 17) & 0xff;
      const broken = 'draindesk-20260101-000000-manual.sqlite';
      writeFileSync(join(dataDir, 'backups', broken), bytes);
      await page.reload();

      await page.getByRole('button', { name: `恢复 ${broken}` }).click();
      const banner = page.getByTestId('error-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('当前数据未被改动');
      expect(await page.getByTestId('restore-dialog').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'restore-refused.png') });
      expect(await page.getByTestId('township-name').textContent()).toBe('未命名乡镇');
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
