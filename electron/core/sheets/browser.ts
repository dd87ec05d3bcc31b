import { chromium, type Browser } from 'playwright-core';
import { findBrowser, HEADLESS_ARGS } from './browserPath';
import type { StartedBrowser } from './startedBrowser';

export { browserCandidates, findBrowser, HEADLESS_ARGS } from './browserPath';

/** Headless Chromium with software WebGL (the map), no network calls of its own. */
export function launchPrintBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findBrowser(), headless: true, args: HEADLESS_ARGS });
}

/**
 * Playwright's handle on a Chromium started by `startPrintBrowser` (over its DevTools endpoint);
 * closing the handle stops that Chromium.
 */
export async function connectPrintBrowser(started: StartedBrowser): Promise<Browser> {
  try {
    const browser = await chromium.connectOverCDP(await started.endpoint);
    browser.on('disconnected', () => started.stop());
    return browser;
  } catch (error) {
    started.stop();
    throw error;
  }
}
