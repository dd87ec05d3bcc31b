import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

let configured: string | null = null;

/** Tell the field server where the built renderer is (browser mode knows; tests may override). */
export function setRendererDir(dir: string | null): void {
  configured = dir;
}

/**
 * The built renderer (dist/renderer) holding field.html: as configured, else from
 * DRAINDESK_RENDERER_DIR, else beside the bundled core (dist/electron → dist/renderer), else the
 * working folder's dist/renderer. Null when the field page is not built.
 */
export function rendererDir(): string | null {
  const candidates = [
    configured,
    process.env.DRAINDESK_RENDERER_DIR ?? null,
    typeof __dirname === 'string' ? resolve(__dirname, '../renderer') : null,
    resolve(process.cwd(), 'dist/renderer'),
  ];
  for (const dir of candidates) if (dir && existsSync(join(dir, 'field.html'))) return dir;
  return null;
}
