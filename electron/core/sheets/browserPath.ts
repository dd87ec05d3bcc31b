// Which Chromium prints, and with which flags, without playwright-core: the sheet renderer starts
// Chromium itself (startedBrowser.ts; issue 15), tests and benches through playwright (browser.ts).
import { existsSync } from 'node:fs';
import { AppError } from '../../../shared/contract/errors';

/** Chromium-family browsers the CLI can print with, most preferred first. */
export function browserCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const programFiles = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((d): d is string => Boolean(d));
  return [
    env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/microsoft-edge',
    ...programFiles.flatMap((d) => [`${d}\\Microsoft\\Edge\\Application\\msedge.exe`, `${d}\\Google\\Chrome\\Application\\chrome.exe`]),
  ].filter((p): p is string => Boolean(p));
}

/** The first browser that exists, or an error telling the user how to name one. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const found = browserCandidates(env).find((p) => existsSync(p));
  if (found) return found;
  throw new AppError('not_found', {
    zh: '找不到用于生成 PDF 的 Chromium 浏览器；请安装 chromium，或用环境变量 CHROMIUM_PATH 指定浏览器程序',
    en: 'No Chromium browser found to make the PDF; install chromium or set CHROMIUM_PATH to a browser executable',
  });
}

/**
 * Headless Chromium flags: software WebGL for the map, and no network calls of its own (this
 * office is often offline). Tests and benches launch with the same flags.
 */
export const HEADLESS_ARGS = [
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];
