import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, deskPage, chromiumForFile, mapIdle, serve } from './harness';

const browser = chromiumForFile();

type Drawn = { id: string; condition: string; layer: string };

/** The ditches maplibre drew (from the core's tiles), read through the map the page exposes. */
function drawn(page: Page, layers: string[]): Promise<Drawn[]> {
  return page.evaluate((ids) => {
    const map = (window as unknown as { __draindeskMap: { queryRenderedFeatures(o: unknown): { properties: Record<string, unknown>; layer: { id: string } }[] } }).__draindeskMap;
    return map.queryRenderedFeatures({ layers: ids }).map((f) => ({ id: String(f.properties.id), condition: String(f.properties.condition), layer: f.layer.id }));
  }, layers);
}

const zoomTo = (page: Page, zoom: number) => page.evaluate((z) => (window as unknown as { __draindeskMap: { jumpTo(o: unknown): void } }).__draindeskMap.jumpTo({ zoom: z }), zoom);

describe('the map page from the core’s vector tiles', () => {
  it('holds no GeoJSON of the network, selects what is clicked, and shows an edit at every zoom it was cached at', async () => {
    const server = await serve(['--data', mkdtempSync(join(tmpdir(), 'draindesk-e2e-tiles-')), '--demo']);
    const { page, context, errors } = await deskPage(browser());
    try {
      const calls: string[] = [];
      page.on('request', (r) => {
        const m = /\/api\/([\w.]+)$/.exec(r.url());
        if (m) calls.push(m[1]!);
      });
      await page.goto(server.url);
      await expect.poll(async () => (await drawn(page, ['ditch-line'])).length, { timeout: 30_000 }).toBeGreaterThan(300);
      await mapIdle(page);
      expect(calls).toContain('network.tile');
      expect(calls).not.toContain('network.mapFeatures');
      expect(calls).not.toContain('network.list');

      // Zoom in on a clear ditch near the middle and click it: its panel opens and the map rings it.
      type PageMap = { getCanvas(): HTMLCanvasElement; queryRenderedFeatures(b: unknown, o: unknown): { properties: Record<string, unknown>; geometry: { coordinates: number[][] } }[]; project(c: number[]): { x: number; y: number }; jumpTo(o: unknown): void };
      await page.evaluate(() => {
        const map = (window as unknown as { __draindeskMap: PageMap }).__draindeskMap;
        const c = map.getCanvas();
        const hit = map.queryRenderedFeatures([[c.clientWidth / 2 - 150, c.clientHeight / 2 - 150], [c.clientWidth / 2 + 150, c.clientHeight / 2 + 150]], { layers: ['ditch-line'] }).find((f) => f.properties.condition === 'clear' && f.properties.kind === 'branch');
        const [a, b] = hit!.geometry.coordinates as [number[], number[]];
        map.jumpTo({ center: [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2], zoom: 16 });
      });
      await mapIdle(page);
      const target = await page.evaluate(() => {
        const map = (window as unknown as { __draindeskMap: PageMap }).__draindeskMap;
        const c = map.getCanvas();
        return { x: c.clientWidth / 2, y: c.clientHeight / 2 };
      });
      const box = (await page.getByTestId('network-map').boundingBox())!;
      await page.mouse.click(box.x + target.x, box.y + target.y);
      const panel = page.getByTestId('feature-panel');
      await panel.waitFor();
      expect(await panel.getAttribute('aria-label')).toBe('沟渠');
      const id = (await panel.getAttribute('data-feature-id'))!;
      await expect.poll(async () => (await drawn(page, ['selected-line'])).length, { timeout: 10_000 }).toBeGreaterThan(0);

      // Zoomed in, the ditch is set blocked: red at once, and still red after zooming out to
      // tiles maplibre had kept from before the edit.
      await zoomTo(page, 15);
      await mapIdle(page);
      await zoomTo(page, 12);
      await mapIdle(page);
      await zoomTo(page, 15);
      await mapIdle(page);
      await panel.getByLabel('状况').selectOption('blocked');
      await panel.getByRole('button', { name: '保存修改' }).click();
      await panel.getByRole('status').filter({ hasText: '已保存' }).waitFor();
      const condition = async () => (await drawn(page, ['ditch-line'])).filter((f) => f.id === id).map((f) => f.condition);
      await expect.poll(condition, { timeout: 10_000 }).toContain('blocked');
      expect(await condition()).not.toContain('clear');
      await zoomTo(page, 12);
      await mapIdle(page);
      await expect.poll(condition, { timeout: 10_000 }).toContain('blocked');
      expect(await condition()).not.toContain('clear');
      await page.screenshot({ path: join(ARTIFACTS, 'map-tiles-edited.png') });

      // Layer toggles hide what the tiles draw.
      await page.getByRole('checkbox', { name: /沟渠/ }).uncheck();
      await mapIdle(page);
      expect(await drawn(page, ['ditch-line'])).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
