import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/app';
import { deskPage, chromiumForFile, serve } from './harness';
import { at, expectDeskCoverage, patrolTwoDitches, phoneContext, queueArrivalOffline, seedPatrolTownship, sendWhenOnline } from './fieldWalk';

const browser = chromiumForFile();

/** The township of fieldWalk.ts in a data folder. */
async function seed(dataDir: string): Promise<{ token: string; ditchIds: string[] }> {
  const core = await openCore({ dataDir, transport: 'test' });
  try {
    return await seedPatrolTownship(core);
  } finally {
    core.close();
  }
}

describe('a patrol on foot, with no signal part of the way', () => {
  it('the page opens offline from its service worker, queues, patrols two ditches, and the desk shows them covered and on the sheet', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-patrol-'));
    const { token, ditchIds } = await seed(dataDir);
    process.env.DRAINDESK_FIELD_HOST = '127.0.0.1';
    const server = await serve(['--data', dataDir, '--field-port', '0']);
    try {
      await expect.poll(() => /field server\) on port (\d+)/.exec(server.output())?.[1], { timeout: 20_000 }).toBeTruthy();
      const fieldUrl = `http://127.0.0.1:${/field server\) on port (\d+)/.exec(server.output())![1]}/`;
      const phone = await phoneContext(browser(), at(0, 10));
      const p = await phone.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`${fieldUrl}#t=${token}`);
      await p.getByTestId('field-blockage').first().waitFor();
      // The service worker takes the page and its assets.
      await p.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await expect.poll(() => p.evaluate(async () => (await caches.open('draindesk-field').then((c) => c.keys())).length)).toBeGreaterThan(3);

      // No signal: the page reloads from the phone, with the list, and an update waits in the outbox.
      await queueArrivalOffline(phone, p, 'patrol-offline.png');
      // A patrol along 一号支沟 and back along 二号支沟, still with no signal, a fix every second.
      await patrolTwoDitches(phone, p, 'patrol-walking.png');
      // Signal again: everything goes, in order, once.
      await sendWhenOnline(phone, p);
      expect(errors).toEqual([]);

      // The desk: the two walked ditches covered, the third not; on the map's 巡查 layer and the sheet.
      const desk = await deskPage(browser());
      await expectDeskCoverage(desk.page, server.url, ditchIds, 'patrol-desk-map.png');
      await desk.context.close();
      await phone.close();
    } finally {
      await server.stop();
    }
  });
});
