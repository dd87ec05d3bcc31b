import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/app';
import type { IssuedToken } from '../../shared/contract/field';
import { ARTIFACTS, deskPage, chromiumForFile, serve } from './harness';
import { cameraJpeg, phoneContext } from './fieldWalk';

const browser = chromiumForFile();

async function must<T>(core: Awaited<ReturnType<typeof openCore>>, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

/** A township with two teams and four blockages; returns the phone token of 一队. */
async function seed(dataDir: string): Promise<string> {
  const core = await openCore({ dataDir, transport: 'test' });
  try {
    await must(core, 'settings.update', { townshipName: '三合乡' });
    await must(core, 'network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates: [[124.195, 43.398], [124.205, 43.402]] }, properties: { kind: 'branch', name: '太平一号支沟', village: '太平村' } });
    const one = await must<{ id: string }>(core, 'teams.save', { name: '一队', leader: '王建国', phone: '13800000001', machines: { excavators: 2, longArmExcavators: 1, dumpTrucks: 1, pumps: 4 } });
    await must(core, 'teams.save', { name: '二队', leader: '李春生', machines: { excavators: 1, longArmExcavators: 0, dumpTrucks: 2, pumps: 6 } });
    const make = async (name: string, at: [number, number], village: string) =>
      (await must<{ id: string }>(core, 'network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: at }, properties: { name, village } })).id;
    const near = await make('太平村涵管堵点', [124.2001, 43.4001], '太平村');
    const far = await make('永安桥下堵点', [124.23, 43.41], '永安村');
    await make('兴隆村东沟堵点', [124.18, 43.39], '兴隆村');
    await make('新发村路口涵管', [124.21, 43.385], '新发村');
    await must(core, 'blockages.assign', { id: near, teamId: one.id, machines: { excavators: 1, longArmExcavators: 1, pumps: 2 }, note: '带长臂钩机' });
    await must(core, 'blockages.assign', { id: far, teamId: one.id });
    const issued = await must<IssuedToken>(core, 'field.issueToken', { teamId: one.id, label: '王建国手机' });
    return issued.secret;
  } finally {
    core.close();
  }
}

describe('field teams update blockages from their phones', () => {
  it('a phone marks a blockage cleared with a photo, and the desk shows it without a reload', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-field-'));
    const token = await seed(dataDir);
    process.env.DRAINDESK_FIELD_HOST = '127.0.0.1'; // tests never listen on the LAN
    const server = await serve(['--data', dataDir, '--field-port', '0']);
    await expect.poll(() => /field server\) on port (\d+)/.exec(server.output())?.[1], { timeout: 20_000 }).toBeTruthy();
    const fieldPort = /field server\) on port (\d+)/.exec(server.output())![1];

    // The desk has the blockages page open the whole time.
    const desk = await deskPage(browser());
    await desk.page.goto(`${server.url}#/blockages`);
    await desk.page.getByTestId('blockage-row').first().waitFor();
    expect(await desk.page.getByTestId('blockage-row').count()).toBe(4);
    await desk.page.locator('[data-testid=network-map][data-map-state=idle]').waitFor({ timeout: 30_000 });

    // A phone in the field, 15 m from the first blockage.
    const phone = await phoneContext(browser(), [124.2002, 43.40005], 8);
    const p = await phone.newPage();
    const phoneErrors: string[] = [];
    p.on('pageerror', (e) => phoneErrors.push(e.message));
    await p.goto(`http://127.0.0.1:${fieldPort}/#t=${token}`);
    await p.getByText('已定位').waitFor();
    const cards = p.getByTestId('field-blockage');
    await expect.poll(() => cards.count()).toBe(2);
    // Nearest first, and the token has left the address bar.
    expect(await cards.first().textContent()).toContain('太平村涵管堵点');
    expect(p.url()).not.toContain(token);
    await p.screenshot({ path: join(ARTIFACTS, 'field-list.png') });

    await cards.first().tap();
    await p.locator('.f-map[data-map-state=idle]').waitFor({ timeout: 30_000 });
    await p.screenshot({ path: join(ARTIFACTS, 'field-blockage.png'), fullPage: true });

    // No signal: 已到场 waits on the phone, then goes when the network is back.
    await phone.setOffline(true);
    await p.getByRole('button', { name: '已到场' }).tap();
    await expect.poll(() => p.getByTestId('outbox-count').textContent()).toContain('待发送 1');
    await p.getByText('没有连上办公室').waitFor();
    await phone.setOffline(false);
    await p.getByTestId('outbox-count').waitFor({ state: 'detached', timeout: 20_000 });

    // 已疏通 with a note and a photo (shrunk on the phone before it is sent).
    await p.getByLabel('备注（可不填）').fill('涵管口秸秆已清除，水已通');
    await p.getByTestId('photo-input').setInputFiles({ name: 'IMG_20260810_1432.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(p) });
    await p.getByTestId('photo-preview').waitFor();
    // The photo goes as its bytes (not base64 inside JSON), the rest of the update in a header.
    const sent = p.waitForRequest((r) => r.url().endsWith('/api/phone.update') && r.method() === 'POST');
    await p.getByRole('button', { name: '已疏通' }).tap();
    const upload = await sent;
    expect(upload.headers()['content-type']).toBe('application/octet-stream');
    expect(JSON.parse(decodeURIComponent(upload.headers()['x-draindesk-input']!))).toMatchObject({ action: 'cleared', photo: { fileName: 'IMG_20260810_1432.jpg' } });
    expect(upload.postDataBuffer()!.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    await p.getByText('已发送到办公室').waitFor();
    await expect.poll(() => p.getByTestId('field-status').textContent()).toBe('已疏通');
    await p.screenshot({ path: join(ARTIFACTS, 'field-cleared.png'), fullPage: true });

    // The desk, never reloaded, shows it within a few seconds.
    await desk.page.locator('[data-testid=blockage-row][data-status=cleared]').waitFor({ timeout: 15_000 });
    await desk.page.getByText('现场更新').first().waitFor();
    await desk.page.locator('[data-testid=blockage-row][data-status=cleared]').click();
    const timeline = desk.page.getByTestId('timeline');
    await timeline.getByText('涵管口秸秆已清除，水已通').waitFor();
    await timeline.getByText('已到场').waitFor();
    const photo = timeline.getByTestId('event-photo');
    await photo.waitFor();
    expect(await photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    expect(await desk.page.getByTestId('count-cleared').textContent()).toContain('1');
    await desk.page.screenshot({ path: join(ARTIFACTS, 'desk-blockages.png') });
    await photo.scrollIntoViewIfNeeded();
    await desk.page.getByTestId('blockage-detail').screenshot({ path: join(ARTIFACTS, 'desk-blockage-detail.png') });

    // A new blockage reported at the phone's position appears on the desk too.
    await p.getByRole('button', { name: '‹ 返回' }).tap();
    await p.getByRole('button', { name: '＋ 上报新堵点' }).tap();
    await p.getByLabel('情况说明').fill('支沟被冲下的秸秆堵死，水漫到路上');
    await p.screenshot({ path: join(ARTIFACTS, 'field-report.png') });
    await p.getByRole('button', { name: '在当前位置上报' }).tap();
    await p.getByText('已发送到办公室').waitFor();
    await expect.poll(() => desk.page.getByTestId('blockage-row').count(), { timeout: 15_000 }).toBe(5);
    await desk.page.getByText('一队上报', { exact: false }).first().waitFor();

    // The teams tab: the field server is on, and a QR code for another phone.
    await desk.page.getByRole('tab', { name: '作业队与现场手机' }).click();
    await desk.page.getByTestId('field-server').getByText('运行中').waitFor();
    await desk.page.getByTestId('team-card').filter({ hasText: '二队' }).getByRole('button', { name: '新手机二维码' }).click();
    await desk.page.getByTestId('qr-dialog').waitFor();
    // The QR code points at the HTTPS address first (GPS and the offline page need it); plain HTTP on the field port is the other choice.
    expect(await desk.page.getByTestId('qr-url').textContent()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/#t=/);
    expect(await desk.page.getByTestId('qr-kind').textContent()).toBe('本机（办公室局域网） 127.0.0.1');
    expect(await desk.page.locator('.bk-qr select option').allTextContents()).toContain('本机（办公室局域网） · 127.0.0.1 HTTP');
    await desk.page.screenshot({ path: join(ARTIFACTS, 'desk-teams-qr.png') });

    expect(phoneErrors).toEqual([]);
    expect(desk.errors).toEqual([]);
    await phone.close();
    await desk.context.close();
    await server.stop();
    delete process.env.DRAINDESK_FIELD_HOST;
  });

  it('the field page without a token, or with a revoked one, asks for the QR code', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-field-'));
    const token = await seed(dataDir);
    process.env.DRAINDESK_FIELD_HOST = '127.0.0.1';
    const server = await serve(['--data', dataDir, '--field-port', '0']);
    await expect.poll(() => /field server\) on port (\d+)/.exec(server.output())?.[1], { timeout: 20_000 }).toBeTruthy();
    const fieldPort = /field server\) on port (\d+)/.exec(server.output())![1];
    const phone = await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const p = await phone.newPage();
    await p.goto(`http://127.0.0.1:${fieldPort}/`);
    await p.getByRole('heading', { name: '请扫描办公室的二维码' }).waitFor();
    const p2 = await phone.newPage();
    await p2.goto(`http://127.0.0.1:${fieldPort}/#t=${'x'.repeat(43)}`);
    await p2.getByText('口令不正确').waitFor();
    await p2.screenshot({ path: join(ARTIFACTS, 'field-no-token.png') });
    expect(token.length).toBe(43);
    await phone.close();
    await server.stop();
    delete process.env.DRAINDESK_FIELD_HOST;
  });

  it('shows the demo township’s blockages: counts, the oldest open one, a timeline, in Chinese and English', async () => {
    const server = await serve(['--data', mkdtempSync(join(tmpdir(), 'draindesk-e2e-field-')), '--demo']);
    const desk = await deskPage(browser());
    await desk.page.goto(`${server.url}#/blockages`);
    await desk.page.getByTestId('blockage-row').first().waitFor();
    await desk.page.locator('[data-testid=network-map][data-map-state=idle]').waitFor({ timeout: 30_000 });
    expect(Number(await desk.page.getByTestId('count-open').textContent())).toBeGreaterThan(0);
    await desk.page.getByText('最久未处理').waitFor();
    await desk.page.getByTestId('blockage-row').first().click();
    await desk.page.getByTestId('timeline-event').first().waitFor();
    await desk.page.locator('[data-testid=network-map][data-map-state=idle]').waitFor({ timeout: 30_000 });
    await desk.page.screenshot({ path: join(ARTIFACTS, 'desk-blockages-demo.png') });
    await desk.page.getByRole('button', { name: 'English' }).click();
    await desk.page.getByRole('heading', { name: 'Blockage dispatch' }).waitFor();
    await desk.page.screenshot({ path: join(ARTIFACTS, 'desk-blockages-en.png') });
    await desk.page.getByRole('button', { name: '中文' }).click();
    expect(desk.errors).toEqual([]);
    await desk.context.close();
    await server.stop();
  });
});
