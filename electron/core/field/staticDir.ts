import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The built renderer (dist/renderer) holding field.html: the one the entry point gave the core,
 * else from DRAINDESK_RENDERER_DIR, else beside the bundled core (dist/electron → dist/renderer),
 * else the working folder's dist/renderer. Null when the field page is not built.
 */
export function rendererDir(given?: string | null): string | null {
  const candidates = [
    given ?? null,
    process.env.DRAINDESK_RENDERER_DIR ?? null,
    typeof __dirname === 'string' ? resolve(__dirname, '../renderer') : null,
    resolve(process.cwd(), 'dist/renderer'),
  ];
  for (const dir of candidates) if (dir && existsSync(join(dir, 'field.html'))) return dir;
  return null;
}
