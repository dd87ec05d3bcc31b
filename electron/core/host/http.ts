import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, HTTP_STATUS, type WireError } from '../../../shared/contract/errors';
import { appCsp } from '../../../shared/security/csp';
import type { Dispatch } from '../api/dispatch';
import { readStatic, resolveStaticPath } from './staticFiles';

export interface HttpHostOptions {
  dispatch: Dispatch;
  /** The built renderer (dist/renderer); null serves the API only. */
  staticDir: string | null;
  port: number;
  host?: string;
  maxBodyBytes?: number;
  health?: () => Record<string, unknown>;
}

export interface HttpHost {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, error: WireError): void {
  sendJson(res, HTTP_STATUS[error.code], { error });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(
          new AppError('payload_too_large', {
            zh: `请求内容过大（上限 ${Math.round(limit / 1048576)} MB）`,
            en: `Request body too large (limit ${Math.round(limit / 1048576)} MB)`,
          }),
        );
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Browser mode only answers pages that came from itself: the Host must be our loopback address
 * (against DNS rebinding) and a cross-site Origin is refused (against CSRF from other web pages).
 */
function checkOrigin(req: IncomingMessage, port: number): AppError | null {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = req.headers.host ?? '';
  if (!allowedHosts.includes(host)) {
    return new AppError('forbidden', { zh: `拒绝来自 ${host} 的请求`, en: `Refused request for host ${host}` });
  }
  const origin = req.headers.origin;
  if (origin && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return new AppError('forbidden', { zh: `拒绝来自 ${origin} 的跨站请求`, en: `Refused cross-site request from ${origin}` });
  }
  return null;
}

async function handleApi(req: IncomingMessage, res: ServerResponse, procedure: string, opts: HttpHostOptions, port: number) {
  const refused = checkOrigin(req, port);
  if (refused) return sendError(res, refused.toWire());
  if (req.method !== 'POST') {
    return sendError(res, new AppError('invalid_input', { zh: '请用 POST 调用接口', en: 'Use POST for API calls' }).toWire());
  }
  // A JSON content type makes any cross-site call a CORS preflight, which we never answer.
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return sendError(res, new AppError('invalid_input', { zh: '请求须为 JSON（Content-Type: application/json）', en: 'Requests must be JSON (Content-Type: application/json)' }).toWire());
  }
  let input: unknown;
  try {
    const body = await readBody(req, opts.maxBodyBytes ?? 150 * 1048576);
    const text = body.toString('utf8');
    input = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    if (error instanceof AppError) return sendError(res, error.toWire());
    return sendError(res, new AppError('bad_json', { zh: `请求不是有效的 JSON：${(error as Error).message}`, en: `The request is not valid JSON: ${(error as Error).message}` }).toWire());
  }
  const result = await opts.dispatch(decodeURIComponent(procedure), input);
  if (result.ok) sendJson(res, 200, result.value ?? null);
  else sendError(res, result.error);
}

function handleStatic(req: IncomingMessage, res: ServerResponse, staticDir: string) {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  // Client-side routes (no dot in the last segment) fall back to the app's index.html.
  const file = resolveStaticPath(staticDir, path) ?? (/\.[a-z0-9]+$/i.test(path) ? null : resolveStaticPath(staticDir, '/index.html'));
  if (!file) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 未找到 Not found');
    return;
  }
  const { body, type } = readStatic(file);
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': type };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = appCsp();
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Browser mode: the built renderer and the API on 127.0.0.1, never on another interface. */
export function startHttpHost(opts: HttpHostOptions): Promise<HttpHost> {
  const host = opts.host ?? '127.0.0.1';
  let port = opts.port;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const api = /^\/api\/(.+)$/.exec(path);
    void (async () => {
      try {
        if (path === '/api/health') {
          const refused = checkOrigin(req, port);
          if (refused) return sendError(res, refused.toWire());
          return sendJson(res, 200, { ok: true, ...(opts.health?.() ?? {}) });
        }
        if (api) return await handleApi(req, res, api[1]!, opts, port);
        if (opts.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return handleStatic(req, res, opts.staticDir);
        sendError(res, new AppError('not_found', { zh: `没有这个地址：${path}`, en: `No such path: ${path}` }).toWire());
      } catch (error) {
        console.error('[http] request failed', error);
        if (!res.headersSent) sendError(res, new AppError('internal', { zh: '服务器内部错误', en: 'Internal server error' }).toWire());
      }
    })();
  });
  return new Promise((resolveHost, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      port = (server.address() as AddressInfo).port;
      resolveHost({
        url: `http://${host}:${port}/`,
        server,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
