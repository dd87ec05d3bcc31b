/**
 * The field team's day as the e2e tests act it, the same against the LAN field server and the
 * county server: a township with three ditches and a blockage, a phone-sized browser with GPS, the
 * page reopened with no signal, a patrol walked along two of the ditches, and the desk's coverage
 * on its map and sheet afterwards.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { openCore } from '../../electron/core/app';
import type { IssuedToken } from '../../shared/contract/field';
import type { PatrolCoverage } from '../../shared/contract/patrol';
import { townshipDay } from '../../shared/domain/dates';
import { ARTIFACTS } from './harness';

const LAT = 43.4;
const LON = 124.2;
const M_LAT = 1 / 111_195;
const M_LON = 1 / (111_195 * Math.cos((LAT * Math.PI) / 180));

/** A position so many metres east and north of the test township's origin. */
export const at = (eastM: number, northM: number): [number, number] => [LON + eastM * M_LON, LAT + northM * M_LAT];

type Core = Awaited<ReturnType<typeof openCore>>;

/** Three 300 m ditches (two in 三合堡村), a team with a phone token and one blockage assigned to it. */
export async function seedPatrolTownship(core: Core): Promise<{ token: string; ditchIds: string[]; blockageId: string }> {
  const must = async <T,>(procedure: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(procedure, input);
    if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
    return r.value as T;
  };
  await must('settings.update', { townshipName: '双河乡' });
  const ditch = async (name: string, northM: number, village: string) =>
    (await must<{ id: string }>('network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates: [at(0, northM), at(300, northM)] }, properties: { kind: 'branch', name, village } })).id;
  const ditchIds = [await ditch('一号支沟', 0, '三合堡村'), await ditch('二号支沟', 200, '三合堡村'), await ditch('三号支沟', 800, '范家屯村')];
  const team = await must<{ id: string }>('teams.save', { name: '一队', leader: '王建国', machines: { excavators: 1, longArmExcavators: 0, dumpTrucks: 0, pumps: 2 } });
  const b = await must<{ id: string }>('network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: at(150, 0) }, properties: { name: '一号支沟涵管堵点', village: '三合堡村' } });
  await must('blockages.assign', { id: b.id, teamId: team.id });
  const issued = await must<IssuedToken>('field.issueToken', { teamId: team.id, label: '王建国手机' });
  return { token: issued.secret, ditchIds, blockageId: b.id };
}

/** A phone-sized, touch, Chinese-language browser context with GPS at a position. */
export function phoneContext(browser: Browser, position: [number, number], accuracyM = 6): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: { longitude: position[0], latitude: position[1], accuracy: accuracyM },
    permissions: ['geolocation'],
  });
}

/** With no signal: the page reloads from the phone with its list, and 已到场 waits in the outbox across another reload. */
export async function queueArrivalOffline(phone: BrowserContext, p: Page, screenshot: string): Promise<void> {
  await phone.setOffline(true);
  await p.reload();
  await p.getByTestId('field-blockage').first().waitFor();
  expect(await p.getByTestId('field-blockage').first().textContent()).toContain('一号支沟涵管堵点');
  await p.getByTestId('field-blockage').first().tap();
  await p.getByRole('button', { name: '已到场' }).tap();
  await expect.poll(() => p.getByTestId('outbox-count').textContent()).toBe('待发送 1');
  await p.reload();
  await expect.poll(() => p.getByTestId('outbox-count').textContent()).toBe('待发送 1');
  await p.screenshot({ path: join(ARTIFACTS, screenshot) });
}

/** A patrol along 一号支沟 and back along 二号支沟, a fix every second, ended with 结束巡查 (queued while offline). */
export async function patrolTwoDitches(phone: BrowserContext, p: Page, screenshot: string): Promise<void> {
  await p.getByTestId('patrol-start').tap();
  const walkTo = async (eastM: number, northM: number) => {
    const [longitude, latitude] = at(eastM, northM);
    await phone.setGeolocation({ longitude, latitude, accuracy: 6 });
    await p.waitForTimeout(1000);
  };
  for (let e = 0; e <= 300; e += 25) await walkTo(e, 10);
  for (let n = 35; n <= 190; n += 25) await walkTo(300, n);
  for (let e = 300; e >= 0; e -= 25) await walkTo(e, 195);
  await expect.poll(async () => Number(/已记录 (\d+)/.exec((await p.getByTestId('patrol-state').textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThan(25);
  await p.screenshot({ path: join(ARTIFACTS, screenshot) });
  await p.getByTestId('patrol-stop').tap();
  await expect.poll(async () => (await p.getByTestId('outbox-count').textContent()) ?? '').toMatch(/待发送 [2-9]/);
}

/** Signal again: the outbox goes by itself ('online'), or on a tap of 待发送 in case that event was missed. */
export async function sendWhenOnline(phone: BrowserContext, p: Page): Promise<void> {
  await phone.setOffline(false);
  await p.getByTestId('outbox-count').tap({ timeout: 3000 }).catch(() => undefined);
  await p.getByTestId('outbox-count').waitFor({ state: 'detached', timeout: 30_000 });
}

/** The desk after the patrol: the two walked ditches covered and the third not, on the map's 巡查 layer and the day's sheet. */
export async function expectDeskCoverage(desk: Page, deskUrl: string, ditchIds: readonly string[], screenshot: string): Promise<void> {
  const today = townshipDay(new Date());
  const coverage = (await (await fetch(`${deskUrl}api/patrol.coverage`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ date: today }) })).json()) as PatrolCoverage;
  expect(coverage.coveredDitchIds.sort()).toEqual(ditchIds.slice(0, 2).sort());
  expect(coverage.tracks).toBe(1);
  await desk.goto(`${deskUrl}#/map`);
  await desk.locator('[data-testid=network-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
  await desk.getByLabel('巡查轨迹（24 小时）').check();
  await desk.getByTestId('patrol-summary').waitFor();
  expect(await desk.getByTestId('patrol-summary').textContent()).toContain('覆盖率 67%');
  const covered = () =>
    desk.evaluate(() => {
      const map = (window as unknown as { __draindeskMap: { queryRenderedFeatures(o: unknown): unknown[] } }).__draindeskMap;
      return map.queryRenderedFeatures({ layers: ['patrol-covered'] }).length;
    });
  await expect.poll(covered, { timeout: 20_000 }).toBeGreaterThan(1);
  await desk.screenshot({ path: join(ARTIFACTS, screenshot) });
  await desk.goto(`${deskUrl}print.html?date=${today}`);
  await desk.getByTestId('sheet-patrol').waitFor({ timeout: 60_000 });
  expect(await desk.getByTestId('sheet-patrol').textContent()).toMatch(/当日巡查沟渠 0\.6 km，覆盖率 67%/);
}

/** A real JPEG (drawn by the browser), like a phone camera's, 1200×900. */
export async function cameraJpeg(page: Page): Promise<Buffer> {
  const dataUrl = (await page.evaluate(`(() => {
    const c = document.createElement('canvas'); c.width = 1200; c.height = 900;
    const g = c.getContext('2d');
    g.fillStyle = '#6b8f3a'; g.fillRect(0, 0, 1200, 900);
    g.fillStyle = '#3a6ea5'; g.fillRect(0, 380, 1200, 160);
    g.fillStyle = '#8a6d3b'; g.beginPath(); g.arc(600, 460, 120, 0, 7); g.fill();
    return c.toDataURL('image/jpeg', 0.9);
  })()`)) as string;
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}
