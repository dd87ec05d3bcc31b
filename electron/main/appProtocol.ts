import { readFile } from 'node:fs/promises';
import { appCsp } from '../../shared/security/csp';
import { contentType, resolveStaticPath } from '../core/host/staticFiles';
import { isAppUrl } from './security';

/**
 * Serve the built renderer on app://draindesk/ with a path-traversal check and the app's CSP
 * (mattermost/desktop does the same). Anything outside the folder or another host is a 404.
 */
export function createAppProtocolHandler(root: string) {
  return async (request: { url: string }): Promise<Response> => {
    if (!isAppUrl(request.url)) return new Response('Not found', { status: 404 });
    const file = resolveStaticPath(root, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404 });
    const type = contentType(file);
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = appCsp();
    return new Response(new Uint8Array(await readFile(file)), { status: 200, headers });
  };
}
