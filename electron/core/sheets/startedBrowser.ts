import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { findBrowser, HEADLESS_ARGS } from './browserPath';

/**
 * The switches Playwright 1.65 launches Chromium with (those that apply on a desktop OS), so a
 * Chromium started here prints exactly as one `chromium.launch` starts: same colour profile, no
 * background throttling of the print view's frames, no first-run or extension work.
 */
const PLAYWRIGHT_SWITCHES = [
  '--disable-field-trial-config',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-back-forward-cache',
  '--disable-breakpad',
  '--disable-component-extensions-with-background-pages',
  '--no-default-browser-check',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch',
  '--allow-pre-commit-input',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--force-color-profile=srgb',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain',
  '--no-service-autorun',
  '--disable-search-engine-choice-screen',
  '--disable-infobars',
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4',
  '--no-sandbox',
];

/** How long Chromium may take to open its DevTools endpoint. */
const START_TIMEOUT_MS = 60_000;

/** A print Chromium started by this process: its DevTools endpoint once up, and how to stop it. */
export interface StartedBrowser {
  endpoint: Promise<string>;
  stop(): void;
}

/**
 * Start the print Chromium now, without playwright-core (issue 15): importing playwright-core
 * takes about as long as Chromium takes to start, so the two run side by side and
 * `connectPrintBrowser` attaches once both are done. Chromium listens for DevTools on a free
 * loopback port (the same machine only; browser mode's own API is there already) with a throwaway
 * profile; `stop` (or this process exiting) ends it and removes the profile.
 */
export function startPrintBrowser(): StartedBrowser {
  let executable: string;
  try {
    executable = findBrowser();
  } catch (error) {
    const endpoint = Promise.reject(error as Error);
    endpoint.catch(() => undefined);
    return { endpoint, stop: () => undefined };
  }
  const profile = mkdtempSync(join(tmpdir(), 'draindesk-print-'));
  const child = spawn(executable, [...PLAYWRIGHT_SWITCHES, ...HEADLESS_ARGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', '--no-startup-window'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => {
    process.off('exit', kill);
    rmSync(profile, { recursive: true, force: true });
  });
  const endpoint = new Promise<string>((resolve, reject) => {
    let log = '';
    const fail = (why: string) =>
      reject(new AppError('internal', { zh: `用于生成 PDF 的 Chromium 没有启动（${why}）`, en: `The Chromium that makes the PDF did not start (${why})` }));
    const timer = setTimeout(() => fail(`${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      log = (log + chunk).slice(-4000);
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error.message);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(`exit ${code ?? 'signal'}: ${log.trim().split('\n').slice(-2).join(' ')}`);
    });
  });
  endpoint.catch(() => undefined);
  return { endpoint, stop: () => void (child.exitCode === null && child.signalCode === null && kill()) };
}
