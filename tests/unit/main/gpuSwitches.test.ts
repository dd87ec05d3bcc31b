import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyGpuSwitches, GPU_SWITCHES } from '../../../electron/main/gpuSwitches';
import { HEADLESS_ARGS } from '../../../electron/core/sheets/browserPath';

describe('the desk’s Chromium switches', () => {
  it('allows software WebGL, so a PC without a usable GPU still draws the map', () => {
    const appended: [string, string | undefined][] = [];
    applyGpuSwitches({ appendSwitch: (name, value) => void appended.push([name, value]) });
    expect(appended).toEqual([['enable-unsafe-swiftshader', undefined]]);
  });

  it('are what the e2e tests and benches run Chromium with, so they draw the map as such a desk does', () => {
    for (const [name] of GPU_SWITCHES) expect(HEADLESS_ARGS).toContain(`--${name}`);
  });

  it('are set by the main process before Electron is ready (Chromium reads them at start)', () => {
    const main = readFileSync('electron/main/index.ts', 'utf8');
    const applied = main.indexOf('applyGpuSwitches(app.commandLine)');
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(main.indexOf('app.whenReady()'));
  });
});
