import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { cdpOverPipe, type CdpConnection } from './cdp';
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

/** A print Chromium started by this process, spoken to over its debugging pipe. */
export interface StartedBrowser {
  cdp: CdpConnection;
  /** End it (it also ends when this process does: the pipe closes). */
  stop(): void;
  /** Why it exited, from the tail of its log, once it has. */
  readonly exitReason: string | null;
}

/**
 * Start the print Chromium (issue 15: no playwright-core to import first, about a second on an
 * office PC), with a throwaway profile removed when it exits. Commands can be sent at once: they
 * wait in the pipe until Chromium is up.
 */
export function startPrintBrowser(): StartedBrowser {
  const executable = findBrowser();
  const profile = mkdtempSync(join(tmpdir(), 'draindesk-print-'));
  const child = spawn(executable, [...PLAYWRIGHT_SWITCHES, ...HEADLESS_ARGS, `--user-data-dir=${profile}`, '--remote-debugging-pipe', '--no-startup-window'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  let log = '';
  let exitReason: string | null = null;
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => void (log = (log + chunk).slice(-2000)));
  child.once('error', (error) => void (exitReason = error.message));
  child.once('exit', (code, signal) => {
    exitReason ??= `exit ${code ?? signal}: ${log.trim().split('\n').slice(-2).join(' ')}`;
    // Chromium's helper processes may still be writing the profile when the main one exits: retry,
    // and never let a leftover temp folder throw out of an exit handler (it would end the process).
    void rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => undefined);
  });
  const cdp = cdpOverPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  return {
    cdp,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    get exitReason() {
      return exitReason;
    },
  };
}
