// What a pan/zoom frame costs on software WebGL against the canvas's pixel count (issue 15): the
// bare maplibre page (no coarser-while-moving switch) panned and zoomed as `bench -- map` does, at
// pixel ratios 1, 0.5 and 0.25, alternated in one page; frames per second and the CPU all of
// Chromium spends per frame. The baseline is pixel ratio 1 in the same page and run.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { browserCpuMs, mapSession, ourBrowserPid, panZoomFps } from './mapPage';
import { importedNetwork } from './networkData';

const RATIOS = [1, 0.5, 0.25];
const ROUNDS = 2;
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;

export async function benchMapPixels(): Promise<void> {
  const dataDir = await importedNetwork(50_000, 5_000);
  const session = await mapSession(dataDir);
  try {
    const browser = ourBrowserPid();
    const { page } = await session.openBare();
    await page.evaluate(`(() => { window.__frames = 0; window.__bareMap.on('render', () => window.__frames++); })()`);
    console.log(`map pixels: bare maplibre page, 50,000 ditch segments + 5,000 points, ${load()}`);
    const costs: Record<number, { fps: number[]; cpu: number[] }> = Object.fromEntries(RATIOS.map((r) => [r, { fps: [], cpu: [] }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const ratio of RATIOS) {
        await page.evaluate(`window.__bareMap.setPixelRatio(${ratio})`);
        await page.waitForFunction(`(() => { const m = window.__bareMap; return m.loaded() && !m.isMoving(); })()`, null, { timeout: 120_000 });
        await page.waitForTimeout(500);
        await page.evaluate('window.__frames = 0');
        const cpu0 = browserCpuMs(browser);
        const fps = await panZoomFps(page, '__bareMap');
        const perFrame = (browserCpuMs(browser) - cpu0) / ((await page.evaluate('window.__frames')) as number);
        costs[ratio]!.fps.push(fps);
        costs[ratio]!.cpu.push(perFrame);
        console.log(`  pixel ratio ${ratio.toFixed(2)}: ${fps.toFixed(1)} fps, Chromium CPU ${perFrame.toFixed(0)} ms per frame; ${load()}`);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const full = mean(costs[1]!.cpu);
    for (const ratio of RATIOS) {
      const c = mean(costs[ratio]!.cpu);
      console.log(`${`pan/zoom frame at pixel ratio ${ratio} (${(ratio * ratio * 100).toFixed(0)} % of the pixels)`.padEnd(52)} ${c.toFixed(0).padStart(5)} ms CPU  ${mean(costs[ratio]!.fps).toFixed(1).padStart(5)} fps  ratio to 1: ${(c / full).toFixed(2)}×`);
    }
  } finally {
    await session.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
