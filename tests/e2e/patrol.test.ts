import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedToken } from '../../shared/contract/field';
import type { PatrolCoverage } from '../../shared/contract/patrol';
import { townshipDay } from '../../shared/domain/dates';
import { ARTIFACTS, deskPage, fieldUrlOf, launchChromium, phonePage, seedFolder, serve } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const LAT = 43.4;
const LON = 124.2;
const M_LAT = 1 / 111_195;
const M_LON = 1 / (111_195 * Math.cos((LAT * Math.PI) / 180));
const at = (eastM: number, northM: number): [number, number] => [LON + eastM * M_LON, LAT + northM * M_LAT];

/** Three 300 m ditches; a team with a phone token and one blockage assigned to it. */
async function seed(dataDir: string): Promise<{ token: string; ditchIds: string[] }> {
  return seedFolder(dataDir, async (must) => {
    await must('settings.update', { townshipName: '双河乡' });
    const ditch = async (name: string, northM: number, village: string) =>
      (await must<{ id: string }>('network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates: [at(0, northM), at(300, northM)] }, properties: { kind: 'branch', name, village } })).id;
    const ditchIds = [await ditch('一号支沟', 0, '三合堡村'), await ditch('二号支沟', 200, '三合堡村'), await ditch('三号支沟', 800, '范家屯村')];
    const team = await must<{ id: string }>('teams.save', { name: '一队', leader: '王建国', machines: { excavators: 1, longArmExcavators: 0, dumpTrucks: 0, pumps: 2 } });
    const b = await must<{ id: string }>('network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: at(150, 0) }, properties: { name: '一号支沟涵管堵点', village: '三合堡村' } });
    await must('blockages.assign', { id: b.id, teamId: team.id });
    const issued = await must<IssuedToken>('field.issueToken', { teamId: team.id, label: '王建国手机' });
    return { token: issued.secret, ditchIds };
  });
}

describe('a patrol on foot, with no signal part of the way', () => {
  it('the page opens offline from its service worker, queues, patrols two ditches, and the desk shows them covered and on the sheet', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-patrol-'));
    const { token, ditchIds } = await seed(dataDir);
    process.env.DRAINDESK_FIELD_HOST = '127.0.0.1';
    const server = await serve(['--data', dataDir, '--field-port', '0']);
    try {
      const fieldUrl = await fieldUrlOf(server);
      const { context: phone, page: p, errors } = await phonePage(browser, { longitude: at(0, 10)[0], latitude: at(0, 10)[1], accuracy: 6 });
      await p.goto(`${fieldUrl}#t=${token}`);
      await p.getByTestId('field-blockage').first().waitFor();
      // The service worker takes the page and its assets.
      await p.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await expect.poll(() => p.evaluate(async () => (await caches.open('draindesk-field').then((c) => c.keys())).length)).toBeGreaterThan(3);

      // No signal: the page reloads from the phone, with the list, and an update waits in the outbox.
      await phone.setOffline(true);
      await p.reload();
      await p.getByTestId('field-blockage').first().waitFor();
      expect(await p.getByTestId('field-blockage').first().textContent()).toContain('一号支沟涵管堵点');
      await p.getByTestId('field-blockage').first().tap();
      await p.getByRole('button', { name: '已到场' }).tap();
      await expect.poll(() => p.getByTestId('outbox-count').textContent()).toBe('待发送 1');
      await p.reload();
      await expect.poll(() => p.getByTestId('outbox-count').textContent()).toBe('待发送 1');
      await p.screenshot({ path: join(ARTIFACTS, 'patrol-offline.png') });

      // A patrol along 一号支沟 and back along 二号支沟, still with no signal, a fix every second.
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
      await p.screenshot({ path: join(ARTIFACTS, 'patrol-walking.png') });
      await p.getByTestId('patrol-stop').tap();
      await expect.poll(async () => (await p.getByTestId('outbox-count').textContent()) ?? '').toMatch(/待发送 [2-9]/);

      // Signal again: everything goes, in order, once.
      await phone.setOffline(false);
      // The page sends by itself when the signal returns ('online'); 待发送 is tapped too in case
      // that event was missed, and may already be gone by the time the tap lands.
      await p.getByTestId('outbox-count').tap({ timeout: 3000 }).catch(() => undefined);
      await p.getByTestId('outbox-count').waitFor({ state: 'detached', timeout: 30_000 });
      expect(errors).toEqual([]);

      // The desk: the two walked ditches covered, the third not; on the map's 巡查 layer and the sheet.
      const today = townshipDay(new Date());
      const coverage = (await (await fetch(`${server.url}api/patrol.coverage`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ date: today }) })).json()) as PatrolCoverage;
      expect(coverage.coveredDitchIds.sort()).toEqual(ditchIds.slice(0, 2).sort());
      expect(coverage.tracks).toBe(1);
      const desk = await deskPage(browser);
      await desk.page.goto(`${server.url}#/map`);
      await desk.page.locator('[data-testid=network-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
      await desk.page.getByLabel('巡查轨迹（24 小时）').check();
      await desk.page.getByTestId('patrol-summary').waitFor();
      expect(await desk.page.getByTestId('patrol-summary').textContent()).toContain('覆盖率 67%');
      const covered = () =>
        desk.page.evaluate(() => {
          const map = (window as unknown as { __draindeskMap: { queryRenderedFeatures(o: unknown): unknown[] } }).__draindeskMap;
          return map.queryRenderedFeatures({ layers: ['patrol-covered'] }).length;
        });
      await expect.poll(covered, { timeout: 20_000 }).toBeGreaterThan(1);
      await desk.page.screenshot({ path: join(ARTIFACTS, 'patrol-desk-map.png') });
      await desk.page.goto(`${server.url}print.html?date=${today}`);
      await desk.page.getByTestId('sheet-patrol').waitFor({ timeout: 60_000 });
      expect(await desk.page.getByTestId('sheet-patrol').textContent()).toMatch(/当日巡查沟渠 0\.6 km，覆盖率 67%/);
      await desk.context.close();
      await phone.close();
    } finally {
      await server.stop();
    }
  });
});
