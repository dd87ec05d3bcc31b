/**
 * GPS with every update, and a token revoked while the phone had no signal (issue 12): the phone
 * sends its position and accuracy, the desk shows ±N m; updates queued offline and refused with
 * 401 after the revocation stay on the phone, said clearly, survive a reload, and go once the
 * team scans a new QR code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BlockageDetail } from '../../shared/contract/blockages';
import type { IssuedToken } from '../../shared/contract/field';
import { ARTIFACTS, deskPage, fieldUrlOf, chromiumForFile, seedFolder, serve } from './harness';
import { phoneContext } from './fieldWalk';

const browser = chromiumForFile();

/** A team with a phone token and one blockage assigned to it. */
async function seed(dataDir: string): Promise<{ token: string; tokenId: string; blockageId: string }> {
  return seedFolder(dataDir, async (must) => {
    await must('settings.update', { townshipName: '双河乡' });
    const team = await must<{ id: string }>('teams.save', { name: '一队', leader: '王建国', machines: { excavators: 1, longArmExcavators: 0, dumpTrucks: 0, pumps: 2 } });
    const b = await must<{ id: string }>('network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: [124.2, 43.4] }, properties: { name: '永安桥涵管堵点', village: '三合堡村' } });
    await must('blockages.assign', { id: b.id, teamId: team.id });
    const issued = await must<IssuedToken>('field.issueToken', { teamId: team.id, label: '王建国手机' });
    return { token: issued.secret, tokenId: issued.token.id, blockageId: b.id };
  });
}

describe('field updates: GPS accuracy, and a token revoked while offline', () => {
  it('sends ±N m with each update; queued updates refused after a revocation stay on the phone until a new QR code', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-revoked-'));
    const { token, tokenId, blockageId } = await seed(dataDir);
    process.env.DRAINDESK_FIELD_HOST = '127.0.0.1';
    const server = await serve(['--data', dataDir, '--field-port', '0']);
    const desk = async <T,>(procedure: string, input: unknown): Promise<T> => {
      const res = await fetch(`${server.url}api/${procedure}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
      if (!res.ok) throw new Error(`${procedure}: ${await res.text()}`);
      return (await res.json()) as T;
    };
    try {
      const fieldUrl = await fieldUrlOf(server);
      const phone = await phoneContext(browser(), [124.2003, 43.4002], 12.4);
      const p = await phone.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`${fieldUrl}#t=${token}`);
      await p.getByTestId('field-blockage').first().tap();

      // Online: 已到场 goes with the position and its accuracy, and the desk shows ±12 m.
      await expect.poll(() => p.getByTestId('update-gps').textContent()).toBe('更新会附上当前位置（精度 ±12\u00a0米）');
      await p.screenshot({ path: join(ARTIFACTS, 'field-update-gps.png') });
      await p.getByRole('button', { name: '已到场' }).tap();
      await p.getByText('已发送到办公室 ✓').waitFor();
      const afterArrived = await desk<BlockageDetail>('blockages.get', { id: blockageId });
      expect(afterArrived.events.at(-1)).toMatchObject({ kind: 'arrived', position: [124.2003, 43.4002], accuracyM: 12.4 });

      // No signal: two updates wait on the phone; meanwhile the office revokes the token.
      await phone.setOffline(true);
      await p.getByRole('button', { name: '处理中' }).tap();
      // Kept on the phone first (the form clears when it is), then the note.
      await expect.poll(() => p.getByTestId('outbox-count').textContent()).toBe('待发送 1');
      await p.locator('#f-note').fill('秸秆堵住涵管口');
      await p.getByRole('button', { name: '只发送备注 / 照片' }).tap();
      await expect.poll(() => p.getByTestId('outbox-count').textContent()).toBe('待发送 2');
      await desk('field.revokeToken', { tokenId });

      // Signal again: the server refuses them (401); the phone says so and keeps both.
      await phone.setOffline(false);
      await p.getByTestId('outbox-count').tap({ timeout: 3000 }).catch(() => undefined);
      await p.getByTestId('outbox-kept').waitFor({ timeout: 30_000 });
      await p.getByText('口令已作废：请向办公室要新的二维码').waitFor();
      const kept = async () => (await p.getByTestId('outbox-kept').textContent()) ?? '';
      expect(await kept()).toContain('手机上还有 2 条未发送的更新，已保留');
      expect(await kept()).toContain('处理中 · 永安桥涵管堵点');
      expect(await kept()).toContain('备注 · 永安桥涵管堵点');
      await p.screenshot({ path: join(ARTIFACTS, 'field-revoked-kept.png') });
      const refused = await desk<BlockageDetail>('blockages.get', { id: blockageId });
      expect(refused.blockage.status).toBe('assigned');
      expect(refused.events).toHaveLength(afterArrived.events.length);

      // Still there after the page is reloaded (IndexedDB), and nothing was dropped.
      await p.reload();
      await p.getByTestId('outbox-kept').waitFor({ timeout: 30_000 });
      expect(await kept()).toContain('手机上还有 2 条未发送的更新');

      // A new QR code from the office: the kept updates go, in order, once.
      const renewed = await desk<IssuedToken>('field.issueToken', { teamId: refused.blockage.teamId, label: '王建国手机' });
      await p.goto('about:blank');
      await p.goto(`${fieldUrl}#t=${renewed.secret}`);
      await expect.poll(async () => (await desk<BlockageDetail>('blockages.get', { id: blockageId })).events.length, { timeout: 30_000 }).toBe(afterArrived.events.length + 2);
      const sent = await desk<BlockageDetail>('blockages.get', { id: blockageId });
      expect(sent.blockage.status).toBe('in_progress');
      expect(sent.events.slice(-2).map((e) => [e.kind, e.toStatus, e.note, e.accuracyM])).toEqual([
        ['status', 'in_progress', '', 12.4],
        ['note', null, '秸秆堵住涵管口', 12.4],
      ]);

      // A slow network: what the team types while an update is being sent is not wiped when it lands.
      await p.route('**/api/phone.update', async (route) => {
        await new Promise((r) => setTimeout(r, 2000));
        await route.continue();
      });
      await p.getByTestId('field-blockage').first().tap();
      await p.getByRole('button', { name: '已疏通' }).tap();
      await p.locator('#f-note').fill('水已排走，明早再看');
      await p.getByText('已发送到办公室 ✓').waitFor();
      expect(await p.locator('#f-note').inputValue()).toBe('水已排走，明早再看');
      expect(errors).toEqual([]);
      await phone.close();

      // The desk's timeline says how good each phone fix was.
      const office = await deskPage(browser());
      await office.page.goto(`${server.url}#/blockages`);
      await office.page.getByTestId('blockage-row').first().click();
      await office.page.getByTestId('event-accuracy').first().waitFor();
      expect(await office.page.getByTestId('event-accuracy').allTextContents()).toEqual(Array(4).fill(' · 精度 ±12 米'));
      await office.page.getByTestId('timeline').screenshot({ path: join(ARTIFACTS, 'desk-timeline-accuracy.png') });
      expect(office.errors).toEqual([]);
      await office.context.close();
    } finally {
      await server.stop();
      delete process.env.DRAINDESK_FIELD_HOST;
    }
  });
});
