import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { SHEET_PRINT_PAGE } from '../../../shared/contract/sheets';

/**
 * The built renderer holding print.html: DRAINDESK_RENDERER_DIR, else beside a bundled core
 * (dist/electron → dist/renderer), else the working folder's dist/renderer.
 */
export function printRendererDir(): string {
  const candidates = [
    process.env.DRAINDESK_RENDERER_DIR ?? null,
    typeof __dirname === 'string' ? resolve(__dirname, '../renderer') : null,
    resolve(process.cwd(), 'dist/renderer'),
  ];
  for (const dir of candidates) if (dir && existsSync(join(dir, SHEET_PRINT_PAGE))) return dir;
  throw new AppError('not_found', {
    zh: '找不到调度日报的打印页面（dist/renderer/print.html），请先运行 npm run build:renderer',
    en: 'The sheet print view is not built (dist/renderer/print.html); run npm run build:renderer first',
  });
}
