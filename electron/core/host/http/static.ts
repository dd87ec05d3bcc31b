import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { AppError } from '../../../../shared/contract/errors';
import { appCsp, fieldCsp } from '../../../../shared/security/csp';
import { readStatic, resolveStaticPath } from '../staticFiles';
import { SECURITY_HEADERS, sendError } from './respond';
import type { StaticSite } from './types';

/** Not found, without echoing the path (the answer must not repeat what a probe asked for). */
function notFound(res: ServerResponse): void {
  sendError(res, new AppError('not_found', { zh: '没有这个文件', en: 'No such file' }));
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, extra: Record<string, string> = {}): void {
  const { body, type } = readStatic(file);
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': type, ...extra };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = extra['Content-Security-Policy'] ?? appCsp();
    headers['Cache-Control'] = 'no-store';
  }
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The desk's app (dist/renderer): any file in the folder, client-side routes fall back to index.html. */
export function appSite(dir: string): StaticSite {
  return (req, res, path) => {
    // Client-side routes (no dot in the last segment) fall back to the app's index.html.
    const file = resolveStaticPath(dir, path) ?? (/\.[a-z0-9]+$/i.test(path) ? null : resolveStaticPath(dir, '/index.html'));
    if (!file) return notFound(res);
    sendFile(req, res, file);
  };
}

/**
 * The phone's page: field.html at `/`, and flat files in assets/ (no subfolders, no dot files,
 * no encoded tricks) — nothing else from disk, however the path is spelled.
 */
export function fieldSite(dir: string | null): StaticSite {
  return (req, res, path) => {
    if (path === '/' || path === '/index.html' || path === '/field.html') {
      const file = dir ? resolveStaticPath(dir, '/field.html') : null;
      if (!file) {
        return sendError(res, new AppError('unavailable', { zh: '现场页面尚未构建（npm run build:renderer）', en: 'The field page is not built (npm run build:renderer)' }));
      }
      return sendFile(req, res, file, { 'Content-Security-Policy': fieldCsp() });
    }
    // The installable app: its service worker (at the root, so it controls the page), manifest and icon.
    if (path === '/field-sw.js' || path === '/field.webmanifest' || path === '/icon.png') {
      const file = dir ? resolveStaticPath(dir, path) : null;
      if (!file) return notFound(res);
      return sendFile(req, res, file, { 'Cache-Control': 'no-cache' });
    }
    const asset = /^\/assets\/([A-Za-z0-9_-][A-Za-z0-9_.-]{0,200})$/.exec(path);
    if (!asset || !dir || asset[1]!.includes('..')) return notFound(res);
    const file = resolveStaticPath(join(dir, 'assets'), `/${asset[1]}`);
    if (!file) return notFound(res);
    sendFile(req, res, file, { 'Cache-Control': 'public, max-age=31536000, immutable' });
  };
}
