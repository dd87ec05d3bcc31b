/**
 * The LAN field server for phones (issue 5). A separate node:http server from browser mode: it
 * listens on every interface, but answers only its own routes, and every API call needs a team
 * token. It serves the built field page and its assets, nothing else from disk.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppError, HTTP_STATUS, type WireError } from '../../../shared/contract/errors';
import { isPhoneProcedure, phoneProcedures } from '../../../shared/contract/field';
import { parseInput } from '../../../shared/contract/validation';
import { withOverrides, type CoreContext } from '../context';
import { classifySqliteError } from '../db/sqliteErrors';
import { readStatic, resolveStaticPath } from '../host/staticFiles';
import { authenticate } from '../services/teams/tokens';
import { runPhoneProcedure } from './phoneApi';

export interface FieldServerOptions {
  /** The core's context; the server acts with source 'field'. */
  ctx: CoreContext;
  /** The built renderer (dist/renderer, holding field.html and assets/); null: API only. */
  staticDir: string | null;
  port: number;
  /** 0.0.0.0 (the LAN) in the app; tests use 127.0.0.1. */
  host?: string;
  /** Largest request body; a resized photo is well under 1 MB, the limit for one is 6 MB. */
  maxBodyBytes?: number;
}

export interface FieldServer {
  port: number;
  host: string;
  startedAt: string;
  stats: { requests: number; lastRequestAt: string | null };
  server: Server;
  close(): Promise<void>;
}

/** The field page's Content-Security-Policy: everything from itself, images also from data:/blob: (photo previews). */
export function fieldCsp(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: WireError): void {
  sendJson(res, HTTP_STATUS[error.code], { error });
}

/** Any thrown value as a wire error; unexpected ones are logged and kept vague (nothing leaks to phones). */
function toWireError(error: unknown, ctx: Pick<CoreContext, 'databaseFile'>): WireError {
  if (error instanceof AppError) return error.toWire();
  const sqlite = classifySqliteError(error, ctx.databaseFile);
  if (sqlite) return sqlite.toWire();
  console.error('[field] unexpected error', error);
  return new AppError('internal', { zh: '服务器内部错误，数据未被改动，请稍后重试', en: 'Internal server error; nothing was changed, try again later' }).toWire();
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () =>
      new AppError('payload_too_large', {
        zh: `上传内容过大（上限 ${Math.round(limit / 1048576)} MB）`,
        en: `Upload too large (limit ${Math.round(limit / 1048576)} MB)`,
      });
    if (declared > limit) {
      reject(tooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? m[1]! : null;
}

/** A page served by us posts with an Origin equal to our Host; anything else is another site. */
function foreignOrigin(req: IncomingMessage): AppError | null {
  const origin = req.headers.origin;
  if (!origin) return null;
  let host = '';
  try {
    host = new URL(origin).host;
  } catch {
    // unparseable: foreign
  }
  if (host && host === req.headers.host) return null;
  return new AppError('forbidden', { zh: `拒绝来自 ${origin} 的跨站请求`, en: `Refused cross-site request from ${origin}` });
}

async function handleApi(req: IncomingMessage, res: ServerResponse, name: string, opts: FieldServerOptions, fieldCtx: CoreContext): Promise<void> {
  const refused = foreignOrigin(req);
  if (refused) return sendError(res, refused.toWire());
  if (!isPhoneProcedure(name)) {
    return sendError(res, new AppError('not_found', { zh: `没有这个接口：${name}`, en: `No such call: ${name}` }).toWire());
  }
  if (req.method !== 'POST') return sendError(res, new AppError('invalid_input', { zh: '请用 POST 调用接口', en: 'Use POST for API calls' }).toWire());
  // The token first: without a valid one nothing else is even read.
  let caller;
  try {
    caller = authenticate(fieldCtx, bearer(req));
  } catch (error) {
    req.resume();
    return sendError(res, toWireError(error, fieldCtx));
  }
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    req.resume();
    return sendError(res, new AppError('invalid_input', { zh: '请求须为 JSON（Content-Type: application/json）', en: 'Requests must be JSON (Content-Type: application/json)' }).toWire());
  }
  let input: unknown;
  try {
    const text = (await readBody(req, opts.maxBodyBytes ?? 10 * 1048576)).toString('utf8');
    input = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    if (error instanceof AppError) return sendError(res, error.toWire());
    return sendError(res, new AppError('bad_json', { zh: `请求不是有效的 JSON：${(error as Error).message}`, en: `The request is not valid JSON: ${(error as Error).message}` }).toWire());
  }
  try {
    const def = phoneProcedures[name];
    const parsed = parseInput(def.input, input);
    const value = runPhoneProcedure(fieldCtx, caller, name, parsed);
    sendJson(res, 200, def.output.parse(value));
  } catch (error) {
    sendError(res, toWireError(error, fieldCtx));
  }
}

function handleStatic(req: IncomingMessage, res: ServerResponse, path: string, staticDir: string | null): void {
  const notFound = () => {
    res.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 未找到 Not found');
  };
  if (path === '/' || path === '/index.html' || path === '/field.html') {
    const file = staticDir ? resolveStaticPath(staticDir, '/field.html') : null;
    if (!file) {
      res.writeHead(503, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('现场页面尚未构建（npm run build:renderer）。The field page is not built.');
      return;
    }
    res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': fieldCsp() });
    res.end(req.method === 'HEAD' ? undefined : readStatic(file).body);
    return;
  }
  // Only flat files in assets/: no subfolders, no dot files, no encoded tricks.
  const asset = /^\/assets\/([A-Za-z0-9_-][A-Za-z0-9_.-]{0,200})$/.exec(path);
  if (!asset || !staticDir || asset[1]!.includes('..')) return notFound();
  const file = resolveStaticPath(join(staticDir, 'assets'), `/${asset[1]}`);
  if (!file) return notFound();
  const { body, type } = readStatic(file);
  res.writeHead(200, { ...HEADERS, 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Start the field server. Resolves once it listens; rejects (e.g. port in use) with a clear AppError. */
export function startFieldServer(opts: FieldServerOptions): Promise<FieldServer> {
  const host = opts.host ?? '0.0.0.0';
  const fieldCtx: CoreContext = withOverrides(opts.ctx, { source: 'field' });
  const stats = { requests: 0, lastRequestAt: null as string | null };
  const server = createServer((req, res) => {
    stats.requests++;
    stats.lastRequestAt = new Date().toISOString();
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      path = '';
    }
    void (async () => {
      try {
        if (!fieldCtx.db.open) {
          res.writeHead(503, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('服务已关闭 Server closed');
          server.close();
          return;
        }
        if (path === '/api/health') return sendJson(res, 200, { ok: true, app: 'DrainDesk field' });
        const api = /^\/api\/([a-z]+\.[A-Za-z]+)$/.exec(path);
        if (api) return await handleApi(req, res, api[1]!, opts, fieldCtx);
        if (path.startsWith('/api/')) {
          return sendError(res, new AppError('not_found', { zh: `没有这个接口：${path}`, en: `No such call: ${path}` }).toWire());
        }
        if (req.method === 'GET' || req.method === 'HEAD') return handleStatic(req, res, path, opts.staticDir);
        sendError(res, new AppError('not_found', { zh: `没有这个地址：${path}`, en: `No such path: ${path}` }).toWire());
      } catch (error) {
        console.error('[field] request failed', error);
        if (!res.headersSent) sendError(res, new AppError('internal', { zh: '服务器内部错误', en: 'Internal server error' }).toWire());
      }
    })();
  });
  // Phones on a weak signal: don't let one stalled upload hold a socket for ever.
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  return new Promise((resolveServer, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new AppError('conflict', { zh: `端口 ${opts.port} 已被其他程序占用，请在设置中换一个端口`, en: `Port ${opts.port} is in use by another program; choose another port` }));
      } else if (error.code === 'EACCES') {
        reject(new AppError('forbidden', { zh: `没有权限使用端口 ${opts.port}，请换一个大于 1024 的端口`, en: `No permission for port ${opts.port}; choose one above 1024` }));
      } else reject(error);
    });
    server.listen(opts.port, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolveServer({
        port,
        host,
        startedAt: new Date().toISOString(),
        stats,
        server,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
