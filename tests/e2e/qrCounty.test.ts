/**
 * The QR dialog of an enrolled desk (issue 12): the code points at the county server's public
 * phone page, says so, and says what a phone shows the first time there.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCounty, type FakeCounty } from '../unit/sync/fakeCounty';
import { json } from '../unit/sync/fakeServer';
import { ARTIFACTS, deskPage, launchChromium, seedFolder, serve } from './harness';

let browser: Browser;
let county: FakeCounty;
beforeAll(async () => {
  browser = await launchChromium();
  // A county server reduced to the protocol, whose enrol answer names its public address.
  county = await startFakeCounty();
  const base = county.server.handle;
  county.server.handle = (req, res) => {
    if (req.path !== '/sync/enrol') return base(req, res);
    const body = JSON.parse(req.body.toString()) as { townshipId: string };
    json(res, 200, { townshipId: body.townshipId, townshipName: '双河乡', key: 'c'.repeat(64), publicUrl: 'https://fxb.county.example' });
  };
});
afterAll(async () => {
  await browser?.close();
  await county?.close();
});

describe('the QR dialog of a desk enrolled with a county server', () => {
  it('points at the county’s phone page and says what the phone shows', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-qr-county-'));
    await seedFolder(dataDir, async (must) => {
      await must('settings.update', { townshipName: '双河乡' });
      await must('teams.save', { name: '一队', leader: '王建国', machines: { excavators: 1, longArmExcavators: 0, dumpTrucks: 0, pumps: 2 } });
      await must('sync.enrol', { serverUrl: county.server.url, code: 'ABCD-EFGH-2345-6789' });
    });
    const server = await serve(['--data', dataDir]);
    try {
      const desk = await deskPage(browser);
      await desk.page.goto(`${server.url}#/blockages`);
      await desk.page.getByRole('tab', { name: '作业队与现场手机' }).click();
      await desk.page.getByTestId('team-card').filter({ hasText: '一队' }).getByRole('button', { name: '新手机二维码' }).click();
      await desk.page.getByTestId('qr-dialog').waitFor();
      expect(await desk.page.getByTestId('qr-kind').textContent()).toBe('县服务器 fxb.county.example');
      expect(await desk.page.getByTestId('qr-url').textContent()).toMatch(/^https:\/\/fxb\.county\.example\/field\/#t=[A-Za-z0-9_-]{43}$/);
      const note = (await desk.page.getByTestId('qr-first-visit').textContent()) ?? '';
      expect(note).toContain('不会出现证书警告');
      expect(note).toContain('口令随下一次同步');
      // The LAN field server is off, and no warning about it: phones use the county server.
      expect(await desk.page.getByText('现场服务还没打开').count()).toBe(0);
      await desk.page.getByTestId('qr-dialog').screenshot({ path: join(ARTIFACTS, 'desk-qr-county.png') });
      await desk.page.getByRole('button', { name: '完成' }).click();
      // Settings → 联网同步 says where the phones go.
      await desk.page.goto(`${server.url}#/settings`);
      await desk.page.getByTestId('sync-phone-url').waitFor();
      expect(await desk.page.getByTestId('sync-phone-url').textContent()).toBe('https://fxb.county.example/field/');
      await desk.page.getByTestId('sync-facts').screenshot({ path: join(ARTIFACTS, 'desk-sync-phone-url.png') });
      expect(desk.errors).toEqual([]);
      await desk.context.close();
    } finally {
      await server.stop();
    }
  });
});
