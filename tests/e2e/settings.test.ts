import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, deskPage, chromiumForFile, serve } from './harness';

const browser = chromiumForFile();

describe('settings in browser() mode', () => {
  it('saves a setting through the UI, and it is still there after a reload and a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-'));
    let server = await serve(['--data', dataDir]);
    const { page, errors, context } = await deskPage(browser());
    await page.goto(server.url);
    await page.getByRole('link', { name: '设置' }).click();
    const name = page.getByLabel('乡镇名称');
    await expect.poll(() => name.inputValue()).toBe('未命名乡镇');

    await name.fill('三合乡');
    await page.getByLabel('汛期起始日期').fill('2026-05-20');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    expect(await page.getByTestId('township-name').textContent()).toBe('三合乡');
    await page.getByTestId('settings-history').getByText('未命名乡镇 → 三合乡').waitFor();

    await page.reload();
    await expect.poll(() => page.getByLabel('乡镇名称').inputValue()).toBe('三合乡');
    await page.screenshot({ path: join(ARTIFACTS, 'settings.png'), fullPage: true });

    // A bad value is refused with a message beside the field, and nothing is saved.
    await page.getByLabel('乡镇名称').fill(' ');
    await page.keyboard.press('Control+s');
    await page.locator('#townshipName-error', { hasText: '乡镇名称不能为空' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'settings-error.png') });

    await server.stop();
    server = await serve(['--data', dataDir]);
    await page.goto(`${server.url}#/settings`);
    await expect.poll(() => page.getByLabel('乡镇名称').inputValue()).toBe('三合乡');
    expect(await page.getByLabel('汛期起始日期').inputValue()).toBe('2026-05-20');
    expect(errors).toEqual([]);
    await context.close();
    await server.stop();
  });

  it('switches the whole UI to English and back, and remembers the choice', async () => {
    const server = await serve(['--data', mkdtempSync(join(tmpdir(), 'draindesk-e2e-'))]);
    const { page, context } = await deskPage(browser());
    await page.goto(`${server.url}#/settings`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.reload();
    await page.getByLabel('Township name').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'settings-en.png') });
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '设置' }).waitFor();
    await context.close();
    await server.stop();
  });

  it('shows a clear error page for a corrupt database and leaves the file alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-'));
    writeFileSync(join(dataDir, 'draindesk.sqlite'), 'not a database '.repeat(500));
    const started = serve(['--data', dataDir]);
    const error = await started.then(() => null, (e: Error) => e);
    expect(error?.message).toContain('数据库文件已损坏');
  });
});
