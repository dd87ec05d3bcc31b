import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { openCore } from '../../electron/core/app';
import { HEADLESS_ARGS } from '../../electron/core/sheets/browser';

export const ARTIFACTS = join(process.cwd(), 'tests/e2e/artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** Browser mode on a data folder, started exactly as `npm run serve` starts it. */
export interface Served {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/host/serve.ts', '--port', '0', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          process: child,
          output: () => out,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}

/** Debian's Chromium, headless, with software WebGL for the map and no calls to the internet (plus any extra flags). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', ...HEADLESS_ARGS, ...extraArgs],
  });
}

/**
 * One Chromium for a test file: launched before its tests, closed after them. Call the returned
 * function inside a test to get it (it is not running yet when the file is loaded).
 */
export function chromiumForFile(extraArgs: readonly string[] = []): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium(extraArgs);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running yet: call browser() inside a test or hook');
    return browser;
  };
}

/** A desk-sized page that fails the test on any uncaught page error. */
export async function deskPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** A data folder made exactly as users make it: `npm run cli -- demo --data DIR`. */
export async function demoFolder(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-'));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', 'demo', '--data', dataDir], { cwd: process.cwd() });
  return dataDir;
}

/** Waits until the page's network map says it is idle (everything drawn). */
export async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[data-testid=network-map]')?.getAttribute('data-map-state') === 'idle',
    null,
    { timeout: 60_000 },
  );
}

/** The LAN field page's plain-HTTP address of a server started with `--field-port 0` (loopback is a secure context). */
export async function fieldUrlOf(server: Served): Promise<string> {
  const port = () => /field server\) on port (\d+)/.exec(server.output())?.[1];
  const deadline = Date.now() + 20_000;
  while (!port() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!port()) throw new Error(`the field server did not start:\n${server.output()}`);
  return `http://127.0.0.1:${port()}/`;
}

/** Calls a data folder's core directly before the server starts (seeding), failing on any error. */
export async function seedFolder<T>(dataDir: string, fn: (must: <R>(procedure: string, input: unknown) => Promise<R>) => Promise<T>): Promise<T> {
  const core = await openCore({ dataDir, transport: 'test' });
  const must = async <R,>(procedure: string, input: unknown): Promise<R> => {
    const r = await core.dispatch(procedure, input);
    if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
    return r.value as R;
  };
  try {
    return await fn(must);
  } finally {
    core.close();
  }
}
