import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pbf': 'application/x-protobuf',
  '.wasm': 'application/wasm',
};

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Map a URL path onto a file under `root`, or null when it would leave the folder (`..`,
 * encoded separators, absolute paths) or does not exist. Used by browser mode and by the
 * desktop app's custom protocol.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const full = resolve(join(base, rel));
  if (full !== base && !full.startsWith(base + sep)) return null;
  const file = full === base || (existsSync(full) && statSync(full).isDirectory()) ? join(full, 'index.html') : full;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Read a static file for serving. */
export function readStatic(file: string): { body: Buffer; type: string } {
  return { body: readFileSync(file), type: contentType(file) };
}
