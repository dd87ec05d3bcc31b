import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, deskPage, chromiumForFile, serve, type Served } from './harness';

const FIXTURES = join(process.cwd(), 'tests/fixtures/network');
const browser = chromiumForFile();

describe('importing a projected file through the map', () => {
  let server: Served;
  afterAll(async () => server?.stop());

  it('detects Gauss-Krüger zone 41, lets the user search the list, imports, and shows the kept attributes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-gis-'));
    server = await serve(['--data', dataDir]);
    const { page, errors } = await deskPage(browser());
    await page.goto(server.url);
    // An empty data folder opens on the first-run setup (tests/e2e/setup.test.ts); this test skips it.
    await page.getByRole('button', { name: '跳过，以后再设置' }).click();
    await page.getByText('还没有沟渠网络').waitFor();
    const file = join(dataDir, '县水务局沟渠.zip');
    copyFileSync(join(FIXTURES, 'gk-zone41-shp.zip'), file);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor();
    const select = page.getByTestId('crs-select');
    expect(await select.inputValue()).toBe('EPSG:4529');
    await page.getByTestId('crs-search').fill('西安80 123');
    await page.screenshot({ path: join(ARTIFACTS, 'import-projected-search.png') });
    expect(await select.locator('option').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('EPSG:2386')]));
    await select.selectOption('EPSG:2386');
    await page.getByTestId('datum-warning').waitFor();
    await page.getByTestId('crs-search').fill('4529');
    await select.selectOption('EPSG:4529');
    await page.getByRole('dialog').getByRole('button', { name: '导入', exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: /搜索/ }).or(page.getByPlaceholder(/搜索/)).first().fill('一号支沟');
    await page.getByRole('option', { name: /一号支沟/ }).first().click();
    const panel = page.getByTestId('feature-attributes');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('三合乡水利站');
    await page.screenshot({ path: join(ARTIFACTS, 'feature-attributes.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'feature-attributes-phone.png') });
    expect(errors).toEqual([]);
  }, 120_000);
});
