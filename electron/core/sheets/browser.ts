import { chromium, type Browser } from 'playwright-core';
import { findBrowser, HEADLESS_ARGS } from './browserPath';

export { browserCandidates, findBrowser, HEADLESS_ARGS } from './browserPath';

/** Headless Chromium with software WebGL (the map), no network calls of its own. */
export function launchPrintBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findBrowser(), headless: true, args: HEADLESS_ARGS });
}

