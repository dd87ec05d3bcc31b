import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../shared/contract/errors';
import { appCsp } from '../../shared/security/csp';
import { refuse } from '../../electron/core/host/http/body';
import { readStatic, resolveStaticPath } from '../../electron/core/host/staticFiles';
import type { ServerContext } from '../context';
import { SECURITY_HEADERS } from './respond';

/** The county page and its assets from the built renderer; `/` opens the county page. */
export function handleStatic(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): void {
  // Pages are read, never written to: anything but GET/HEAD is a 405 (its body is not read).
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    refuse(req, res, new AppError('method_not_allowed', { zh: '此地址只接受 GET, HEAD', en: 'This address accepts GET, HEAD only' }));
    return;
  }
  if (path === '/' || path === '/county') {
    const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
    res.writeHead(302, { ...SECURITY_HEADERS, Location: `/county.html${query}` });
    res.end();
    return;
  }
  // Only the county page and shared assets: the desk's own pages are not served by the county server.
  const allowed = path === '/county.html' || path.startsWith('/assets/') || path.startsWith('/fonts/') || path.startsWith('/glyphs/');
  const file = allowed ? resolveStaticPath(ctx.rendererDir, path) : null;
  if (!file) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 未找到 Not found');
    return;
  }
  const { body, type } = readStatic(file);
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': type };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = appCsp();
  else headers['Cache-Control'] = 'public, max-age=3600';
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
