/**
 * Issue 12 end to end, far from the office: a phone-sized Chromium against the county server over
 * HTTPS (a test certificate; Chromium with --ignore-certificate-errors, as a phone that tapped
 * through the warning), a real PostgreSQL, and the desk in browser mode syncing with that server.
 * The page registers its service worker, reopens with no signal with the list and the queued
 * update, patrols two ditches offline, sends everything when the signal returns; an update with a
 * photo and GPS reaches the desk's 堵点 page as 现场更新 after one sync, and the patrol shows as
 * coverage on the desk's map and sheet.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/app';
import type { BlockageDetail } from '../../shared/contract/blockages';
import type { IssuedToken } from '../../shared/contract/field';
import type { SyncStatus } from '../../shared/contract/syncDesk';
import { startTestCluster, type TestCluster } from '../helpers/postgres';
import { adminCode, startServerProcess, type ServerProcess } from '../unit/sync/serverProcess';
import { ARTIFACTS, deskPage, launchChromium, serve } from './harness';
import { at, cameraJpeg, expectDeskCoverage, patrolTwoDitches, phoneContext, queueArrivalOffline, seedPatrolTownship, sendWhenOnline } from './fieldWalk';

let browser: Browser;
let cluster: TestCluster;
let county: ServerProcess;
let certDir: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  certDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-county-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
  county = await startServerProcess(cluster.url, ['--tls-cert', join(certDir, 'cert.pem'), '--tls-key', join(certDir, 'key.pem')]);
  browser = await launchChromium(['--ignore-certificate-errors']);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await county?.kill();
  cluster?.stop();
});

/** The township of fieldWalk.ts, enrolled with the county (trusting its test certificate) and synced. */
async function seed(dataDir: string): Promise<{ token: string; ditchIds: string[]; blockageId: string }> {
  const core = await openCore({ dataDir, transport: 'test' });
  try {
    const seeded = await seedPatrolTownship(core);
    const r = await core.dispatch('sync.enrol', { serverUrl: county.url, code: adminCode(cluster.url, 'add-township', '双河乡'), caFile: join(certDir, 'cert.pem') });
    if (!r.ok) throw new Error(`sync.enrol: ${r.error.message}`);
    expect((r.value as SyncStatus).state).toBe('synced');
    return seeded;
  } finally {
    core.close();
  }
}

describe('a phone far from the office, through the county server over HTTPS', () => {
  it('opens and queues with no signal, patrols two ditches, and the desk shows the update and the coverage after one sync', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-county-phone-'));
    const { ditchIds, blockageId } = await seed(dataDir);
    const desk = await serve(['--data', dataDir]);
    const office = await deskPage(browser);
    const api = async <T,>(procedure: string, input: unknown): Promise<T> =>
      (await (await fetch(`${desk.url}api/${procedure}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) })).json()) as T;
    try {
      await office.page.goto(`${desk.url}#/blockages`);
      await office.page.getByTestId('blockage-row').first().waitFor();

      const phone = await phoneContext(browser, at(150, 8));
      const p = await phone.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      // The QR code the enrolled desk gives a new phone points at the county's phone page; the token gets there by sync.
      const [team] = await api<{ id: string }[]>('teams.list', {});
      const issued = await api<IssuedToken>('field.issueToken', { teamId: team!.id, label: '王建国的新手机' });
      expect(issued.links[0]).toMatchObject({ kind: 'county', url: `${county.url}/field/#t=${issued.secret}` });
      expect((await api<SyncStatus>('sync.now', {})).problem).toBeNull();
      await p.goto(issued.links[0]!.url);
      await p.getByTestId('field-blockage').first().waitFor();
      // An HTTPS page, and the token has left the address bar.
      expect(p.url()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/field\/$/);
      await p.getByText('已定位').waitFor();
      // The service worker is registered (an HTTPS page) and keeps the page and its assets.
      expect(await p.evaluate(() => navigator.serviceWorker.ready.then((r) => new URL(r.scope).pathname))).toBe('/field/');
      await expect.poll(() => p.evaluate(async () => (await caches.open('draindesk-field').then((c) => c.keys())).length)).toBeGreaterThan(3);
      await p.screenshot({ path: join(ARTIFACTS, 'county-phone-list.png') });

      // No signal: the page reloads from the phone with its list; 已到场 waits in the outbox, across a reload too.
      await queueArrivalOffline(phone, p, 'county-phone-offline.png');
      // A patrol along 一号支沟 and back along 二号支沟, still with no signal.
      await patrolTwoDitches(phone, p, 'county-phone-walking.png');
      // Signal again: the outbox goes to the county server, in order, once.
      await sendWhenOnline(phone, p);

      // 已疏通 with a photo and the phone's GPS, through the server.
      await phone.setGeolocation({ longitude: at(150, 8)[0], latitude: at(150, 8)[1], accuracy: 6 });
      if (!(await p.getByRole('button', { name: '已疏通' }).isVisible())) await p.getByTestId('field-blockage').first().tap();
      await p.getByLabel('备注（可不填）').fill('涵管口秸秆已清除，水已通');
      await p.getByTestId('photo-input').setInputFiles({ name: 'IMG_20260810_1432.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(p) });
      await p.getByTestId('photo-preview').waitFor();
      await p.getByRole('button', { name: '已疏通' }).tap();
      await p.getByText('已发送到办公室').waitFor();
      await expect.poll(() => p.getByTestId('field-status').textContent()).toBe('已疏通');
      await p.screenshot({ path: join(ARTIFACTS, 'county-phone-cleared.png'), fullPage: true });
      expect(errors).toEqual([]);

      // One sync on the desk: the 堵点 page (never reloaded) shows it as 现场更新, with the photo and position.
      const sync = (await (await fetch(`${desk.url}api/sync.now`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as SyncStatus;
      expect(sync.problem).toBeNull();
      // (The desk's own sync loop may have pulled it a moment earlier: either way, one round.)
      expect(sync.pending).toBe(0);
      await office.page.locator('[data-testid=blockage-row][data-status=cleared]').waitFor({ timeout: 20_000 });
      await office.page.getByText('现场更新').first().waitFor();
      await office.page.locator('[data-testid=blockage-row][data-status=cleared]').click();
      const timeline = office.page.getByTestId('timeline');
      await timeline.getByText('涵管口秸秆已清除，水已通').waitFor();
      await timeline.getByText('已到场').waitFor();
      const photo = timeline.getByTestId('event-photo');
      await photo.waitFor();
      expect(await photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
      await office.page.screenshot({ path: join(ARTIFACTS, 'county-phone-desk-blockages.png') });
      const detail = (await (await fetch(`${desk.url}api/blockages.get`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: blockageId }) })).json()) as BlockageDetail;
      const cleared = detail.events.find((e) => e.toStatus === 'cleared')!;
      expect(cleared).toMatchObject({ source: 'field', hasPhoto: true });
      expect(cleared.position![0]).toBeCloseTo(at(150, 8)[0], 5);
      // With the phone's GPS accuracy, shown in the timeline.
      expect(cleared.accuracyM).toBe(6);
      await timeline.getByText('精度 ±6 米').first().waitFor();
      expect(detail.events.filter((e) => e.kind === 'arrived')).toHaveLength(1);

      // The patrol: the two walked ditches covered, the third not, on the map and the sheet.
      await expectDeskCoverage(office.page, desk.url, ditchIds, 'county-phone-desk-map.png');
      expect(office.errors).toEqual([]);
      await phone.close();
    } finally {
      await office.context.close();
      await desk.stop();
    }
  });
});
