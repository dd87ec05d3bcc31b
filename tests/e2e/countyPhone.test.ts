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
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/app';
import type { BlockageDetail } from '../../shared/contract/blockages';
import type { IssuedToken } from '../../shared/contract/field';
import type { PatrolCoverage } from '../../shared/contract/patrol';
import type { SyncStatus } from '../../shared/contract/syncDesk';
import { townshipDay } from '../../shared/domain/dates';
import { startTestCluster, type TestCluster } from '../helpers/postgres';
import { adminCode, startServerProcess, type ServerProcess } from '../unit/sync/serverProcess';
import { ARTIFACTS, deskPage, launchChromium, serve } from './harness';

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

const LAT = 43.4;
const LON = 124.2;
const M_LAT = 1 / 111_195;
const M_LON = 1 / (111_195 * Math.cos((LAT * Math.PI) / 180));
const at = (eastM: number, northM: number): [number, number] => [LON + eastM * M_LON, LAT + northM * M_LAT];

/** Three 300 m ditches, a team with a phone token and a blockage assigned to it; enrolled with the county and synced. */
async function seed(dataDir: string): Promise<{ token: string; ditchIds: string[]; blockageId: string }> {
  const core = await openCore({ dataDir, transport: 'test' });
  const must = async <T,>(procedure: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(procedure, input);
    if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
    return r.value as T;
  };
  try {
    await must('settings.update', { townshipName: '双河乡' });
    const ditch = async (name: string, northM: number, village: string) =>
      (await must<{ id: string }>('network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates: [at(0, northM), at(300, northM)] }, properties: { kind: 'branch', name, village } })).id;
    const ditchIds = [await ditch('一号支沟', 0, '三合堡村'), await ditch('二号支沟', 200, '三合堡村'), await ditch('三号支沟', 800, '范家屯村')];
    const team = await must<{ id: string }>('teams.save', { name: '一队', leader: '王建国', machines: { excavators: 1, longArmExcavators: 0, dumpTrucks: 0, pumps: 2 } });
    const b = await must<{ id: string }>('network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: at(150, 0) }, properties: { name: '一号支沟涵管堵点', village: '三合堡村' } });
    await must('blockages.assign', { id: b.id, teamId: team.id });
    const issued = await must<IssuedToken>('field.issueToken', { teamId: team.id, label: '王建国手机' });
    const s = await must<SyncStatus>('sync.enrol', { serverUrl: county.url, code: adminCode(cluster.url, 'add-township', '双河乡'), caFile: join(certDir, 'cert.pem') });
    expect(s.state).toBe('synced');
    return { token: issued.secret, ditchIds, blockageId: b.id };
  } finally {
    core.close();
  }
}

/** A real JPEG (drawn by the browser), like a phone camera's. */
async function cameraJpeg(page: Page): Promise<Buffer> {
  const dataUrl = (await page.evaluate(`(() => {
    const c = document.createElement('canvas'); c.width = 1200; c.height = 900;
    const g = c.getContext('2d');
    g.fillStyle = '#6b8f3a'; g.fillRect(0, 0, 1200, 900);
    g.fillStyle = '#3a6ea5'; g.fillRect(0, 380, 1200, 160);
    return c.toDataURL('image/jpeg', 0.9);
  })()`)) as string;
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

describe('a phone far from the office, through the county server over HTTPS', () => {
  it('opens and queues with no signal, patrols two ditches, and the desk shows the update and the coverage after one sync', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-county-phone-'));
    const { token, ditchIds, blockageId } = await seed(dataDir);
    const desk = await serve(['--data', dataDir]);
    const office = await deskPage(browser);
    try {
      await office.page.goto(`${desk.url}#/blockages`);
      await office.page.getByTestId('blockage-row').first().waitFor();

      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        geolocation: { longitude: at(150, 8)[0], latitude: at(150, 8)[1], accuracy: 6 },
        permissions: ['geolocation'],
      });
      const p = await phone.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`${county.url}/field/#t=${token}`);
      await p.getByTestId('field-blockage').first().waitFor();
      // An HTTPS page, and the token has left the address bar.
      expect(p.url()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/field\/$/);
      await p.getByText('已定位').waitFor();
      // The service worker is registered (an HTTPS page) and keeps the page and its assets.
      expect(await p.evaluate(() => navigator.serviceWorker.ready.then((r) => new URL(r.scope).pathname))).toBe('/field/');
      await expect.poll(() => p.evaluate(async () => (await caches.open('draindesk-field').then((c) => c.keys())).length)).toBeGreaterThan(3);
      await p.screenshot({ path: join(ARTIFACTS, 'county-phone-list.png') });

      // No signal: the page reloads from the phone with its list; 已到场 waits in the outbox, across a reload too.
      await phone.setOffline(true);
      await p.reload();
      await p.getByTestId('field-blockage').first().waitFor();
      expect(await p.getByTestId('field-blockage').first().textContent()).toContain('一号支沟涵管堵点');
      await p.getByTestId('field-blockage').first().tap();
      await p.getByRole('button', { name: '已到场' }).tap();
      await expect.poll(() => p.getByTestId('outbox-count').textContent()).toBe('待发送 1');
      await p.reload();
      await expect.poll(() => p.getByTestId('outbox-count').textContent()).toBe('待发送 1');
      await p.screenshot({ path: join(ARTIFACTS, 'county-phone-offline.png') });

      // A patrol along 一号支沟 and back along 二号支沟, still with no signal.
      await p.getByTestId('patrol-start').tap();
      const walkTo = async (eastM: number, northM: number) => {
        const [longitude, latitude] = at(eastM, northM);
        await phone.setGeolocation({ longitude, latitude, accuracy: 6 });
        await p.waitForTimeout(1000);
      };
      for (let e = 0; e <= 300; e += 25) await walkTo(e, 10);
      for (let n = 35; n <= 190; n += 25) await walkTo(300, n);
      for (let e = 300; e >= 0; e -= 25) await walkTo(e, 195);
      await p.getByTestId('patrol-stop').tap();
      await expect.poll(async () => (await p.getByTestId('outbox-count').textContent()) ?? '').toMatch(/待发送 [2-9]/);

      // Signal again: the outbox goes to the county server, in order, once.
      await phone.setOffline(false);
      await p.getByTestId('outbox-count').tap({ timeout: 3000 }).catch(() => undefined);
      await p.getByTestId('outbox-count').waitFor({ state: 'detached', timeout: 30_000 });

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
      expect(detail.events.filter((e) => e.kind === 'arrived')).toHaveLength(1);

      // The patrol: the two walked ditches covered, the third not, on the map and the sheet.
      const today = townshipDay(new Date());
      const coverage = (await (await fetch(`${desk.url}api/patrol.coverage`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ date: today }) })).json()) as PatrolCoverage;
      expect(coverage.coveredDitchIds.sort()).toEqual(ditchIds.slice(0, 2).sort());
      expect(coverage.tracks).toBe(1);
      await office.page.goto(`${desk.url}#/map`);
      await office.page.locator('[data-testid=network-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
      await office.page.getByLabel('巡查轨迹（24 小时）').check();
      await office.page.getByTestId('patrol-summary').waitFor();
      expect(await office.page.getByTestId('patrol-summary').textContent()).toContain('覆盖率 67%');
      const covered = () =>
        office.page.evaluate(() => {
          const map = (window as unknown as { __draindeskMap: { queryRenderedFeatures(o: unknown): unknown[] } }).__draindeskMap;
          return map.queryRenderedFeatures({ layers: ['patrol-covered'] }).length;
        });
      await expect.poll(covered, { timeout: 20_000 }).toBeGreaterThan(1);
      await office.page.screenshot({ path: join(ARTIFACTS, 'county-phone-desk-map.png') });
      await office.page.goto(`${desk.url}print.html?date=${today}`);
      await office.page.getByTestId('sheet-patrol').waitFor({ timeout: 60_000 });
      expect(await office.page.getByTestId('sheet-patrol').textContent()).toMatch(/当日巡查沟渠 0\.6 km，覆盖率 67%/);
      expect(office.errors).toEqual([]);
      await phone.close();
    } finally {
      await office.context.close();
      await desk.stop();
    }
  });
});
