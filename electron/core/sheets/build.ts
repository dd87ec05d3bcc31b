import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { SHEET_PRINT_PAGE } from '../../../shared/contract/sheets';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * For the CLI in a source checkout (as `npm run serve` does): build the renderer when the print view
 * is missing or older than its sources. A renderer named by DRAINDESK_RENDERER_DIR is used as is.
 */
export function ensurePrintViewBuilt(root = process.cwd()): void {
  if (process.env.DRAINDESK_RENDERER_DIR) return;
  const built = join(root, 'dist/renderer', SHEET_PRINT_PAGE);
  const sources = [join(root, 'renderer'), join(root, 'shared')].filter((d) => existsSync(d));
  if (sources.length === 0) return;
  if (existsSync(built) && Math.max(...sources.map(newest)) <= statSync(built).mtimeMs) return;
  console.error('正在构建界面（打印页面）… Building the UI (print view)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  if (r.status !== 0) {
    throw new AppError('internal', { zh: '界面构建失败（npx vite build），无法生成日报', en: 'Building the UI failed (npx vite build); the sheet cannot be rendered' });
  }
}
