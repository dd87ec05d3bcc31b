import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, deskPage, chromiumForFile, serve, type Served } from './harness';

const FIXTURES = join(process.cwd(), 'tests/fixtures/network');
const browser = chromiumForFile();

/** Wait until maplibre has drawn everything (the map says so on its container). */
async function mapIdle(page: Page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=network-map]')?.getAttribute('data-map-state') === 'idle', null, { timeout: 60_000 });
}

/** What maplibre actually rendered for a layer, read through the map the page exposes. */
function rendered(page: Page, layers: string[]) {
  return page.evaluate((ids) => {
    const map = (window as unknown as { __draindeskMap: { queryRenderedFeatures(o: unknown): { properties: Record<string, unknown>; layer: { id: string; paint: Record<string, unknown> } }[] } }).__draindeskMap;
    const hex = (c: unknown) => {
      const { r, g, b } = (c ?? {}) as { r?: number; g?: number; b?: number };
      return r === undefined ? null : `#${[r, g ?? 0, b ?? 0].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('')}`;
    };
    return map.queryRenderedFeatures({ layers: ids }).map((f) => ({ name: String(f.properties.name), id: String(f.properties.id), layer: f.layer.id, color: hex(f.layer.paint['line-color'] ?? f.layer.paint['circle-color']) }));
  }, layers);
}

async function importFile(page: Page, file: string, crsLabel?: string) {
  await page.getByRole('button', { name: '导入', exact: true }).click();
  // The file travels as its bytes, not as base64 inside a JSON string.
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/import.preview'));
  await page.getByTestId('import-file').setInputFiles(file);
  const upload = await sent;
  expect(upload.headers()['content-type']).toBe('application/octet-stream');
  expect(JSON.parse(decodeURIComponent(upload.headers()['x-draindesk-input']!))).toEqual({ fileName: basename(file) });
  await page.getByTestId('import-preview').waitFor();
  if (crsLabel) await page.getByLabel(crsLabel).check();
  await page.getByRole('dialog').getByRole('button', { name: '导入', exact: true }).click();
  // This import's own notice (an earlier import's may still be showing), then the dialog is gone.
  await page.getByRole('status').filter({ hasText: `已导入 ${basename(file)}` }).waitFor();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await mapIdle(page);
}

describe('the network map', () => {
  let server: Served;
  afterAll(async () => server?.stop());

  it('imports a KML and a zipped Shapefile through the UI, shows them, and edits a ditch’s condition', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-map-'));
    server = await serve(['--data', dataDir]);
    const { page, errors, context } = await deskPage(browser());
    await page.goto(server.url);
    // An empty data folder opens on the first-run setup (tests/e2e/setup.test.ts); this test skips it.
    await page.getByRole('button', { name: '跳过，以后再设置' }).click();
    await page.getByText('还没有沟渠网络').waitFor();

    const kml = join(dataDir, '三家子村.kml');
    copyFileSync(join(FIXTURES, 'ovital-field-team.ovkml'), kml);
    await importFile(page, kml, 'GCJ-02（高德、奥维 9.3 以后）');
    const names = async () => (await rendered(page, ['ditch-line', 'blockage-symbol', 'culvert-symbol', 'area-fill'])).map((f) => f.name);
    await expect.poll(names, { timeout: 20_000 }).toContain('一号支沟');
    const fromKml = new Set(await names());

    // The shapefile's features are drawn too. (Not a count: the camera fits the larger network, and
    // at the zoom it lands on a dense tile may draw several ditches as one line.)
    await importFile(page, join(FIXTURES, 'ditches-culverts-gbk.zip'));
    await expect.poll(async () => (await names()).some((n) => Boolean(n) && !fromKml.has(n)), { timeout: 20_000 }).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'map-imported.png') });

    // Find 一号支沟, open it from search, set it blocked, and see the map draw it red.
    await page.getByLabel('搜索沟渠、涵管、堵点、村…').fill('一号支沟');
    await page.getByRole('option', { name: /一号支沟/ }).first().click();
    const panel = page.getByTestId('feature-panel');
    await panel.waitFor();
    const id = await panel.getAttribute('data-feature-id');
    const colour = async () => (await rendered(page, ['ditch-line', 'ditch-silted'])).find((f) => f.id === id)?.color;
    expect(await colour()).not.toBe('#d7261e');
    await panel.getByLabel('状况').selectOption('blocked');
    await panel.getByRole('button', { name: '保存修改' }).click();
    await panel.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await mapIdle(page);
    await expect.poll(colour, { timeout: 20_000 }).toBe('#d7261e');

    // Undo puts the colour back.
    await page.getByRole('button', { name: '撤销' }).click();
    await page.getByRole('status').filter({ hasText: '已撤销' }).waitFor();
    await expect.poll(colour, { timeout: 20_000 }).not.toBe('#d7261e');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a file that is not what its name says, naming it, and imports nothing', async () => {
    const { page, context } = await deskPage(browser());
    await page.goto(server.url);
    await expect.poll(async () => (await rendered(page, ['ditch-line'])).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await mapIdle(page);
    const before = (await rendered(page, ['ditch-line'])).length;
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'bad-truncated.kml'));
    const banner = page.getByRole('dialog').getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('bad-truncated.kml');
    await page.getByRole('button', { name: '取消' }).click();
    expect((await rendered(page, ['ditch-line'])).length).toBe(before);
    await context.close();
  });

  it('on software WebGL draws coarser while the map is dragged, keeps the drag going, and is sharp again at rest', async () => {
    const { page, context, errors } = await deskPage(browser());
    await page.goto(server.url);
    await expect.poll(async () => (await rendered(page, ['ditch-line'])).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await mapIdle(page);
    type Probe = { width: number; full: number; renderer: string; x: number };
    // The canvas's drawing-buffer width, the full-resolution width, and where the view's starting centre is now drawn.
    const probe = () =>
      page.evaluate(() => {
        const map = (window as unknown as { __draindeskMap: { getCanvas(): HTMLCanvasElement; project(l: unknown): { x: number } } }).__draindeskMap;
        const w = window as unknown as { __start?: unknown };
        const c = map.getCanvas();
        const gl = c.getContext('webgl2')!;
        const info = gl.getExtension('WEBGL_debug_renderer_info')!;
        w.__start ??= (map as unknown as { getCenter(): unknown }).getCenter();
        return { width: c.width, full: Math.round(c.clientWidth * devicePixelRatio), renderer: String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)), x: map.project(w.__start).x } satisfies Probe;
      });
    const rest = await probe();
    expect(rest.renderer).toMatch(/SwiftShader/);
    expect(rest.width).toBe(rest.full);
    const box = (await page.getByTestId('network-map').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 60, cy, { steps: 4 });
    const dragging = await probe();
    await page.screenshot({ path: join(ARTIFACTS, 'map-dragging.png') });
    await page.mouse.move(cx + 240, cy, { steps: 8 });
    await page.mouse.up();
    await mapIdle(page);
    const after = await probe();
    // Half the linear resolution while moving (a quarter of the pixels), the full one at rest.
    expect(dragging.width).toBe(Math.round(rest.full / 2));
    expect(after.width).toBe(after.full);
    // The drag was not cut short by the switch: the view followed the mouse the whole 240 px.
    expect(after.x - rest.x).toBeGreaterThan(200);
    await page.screenshot({ path: join(ARTIFACTS, 'map-after-drag.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the demo township with sample-data marking, good enough for a county leader', async () => {
    const demo = await serve(['--data', mkdtempSync(join(tmpdir(), 'draindesk-e2e-demo-')), '--demo']);
    const { page, context, errors } = await deskPage(browser());
    await page.goto(demo.url);
    await page.getByText('示例数据').first().waitFor();
    await expect.poll(async () => (await rendered(page, ['ditch-line'])).length, { timeout: 20_000 }).toBeGreaterThan(300);
    await mapIdle(page);
    const drawn = await rendered(page, ['ditch-line', 'blockage-symbol', 'area-label', 'ditch-label']);
    expect(drawn.some((f) => f.layer === 'area-label' && f.name === '三合堡村')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'map-demo.png') });
    await page.getByLabel('定位到村').selectOption('三合堡村');
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'map-demo-village.png') });
    expect(errors).toEqual([]);
    await context.close();
    await demo.stop();
  });
});
