import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { AppError } from '../../../../shared/contract/errors';
import { handleApi } from './api';
import { hasBody, refuse } from './body';
import { requestPath } from './requestTarget';
import { internalError, sendError, sendJson, writeRawError } from './respond';
import type { Host, HostOptions, HostTimeouts } from './types';

export const DEFAULT_TIMEOUTS: HostTimeouts = {
  headersMs: 15_000,
  requestMs: 120_000,
  keepAliveMs: 5_000,
  idleMs: 60_000,
  checkEveryMs: 2_000,
};

/** The answer to bytes node:http could not parse as a request, by what went wrong. */
function clientErrorAnswer(error: NodeJS.ErrnoException): AppError {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new AppError('headers_too_large', { zh: '请求头过大', en: 'Request headers too large' });
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new AppError('request_timeout', { zh: '请求太慢，连接已关闭', en: 'The request took too long; the connection was closed' });
  }
  return new AppError('bad_request', { zh: '请求格式无效', en: 'Malformed request' }, { reason: error.code ?? 'unknown' });
}

/**
 * node:http's `clientError`: bytes it could not parse as a request get a raw 400/408/431 with the
 * JSON error and the socket closes (the county server answers its garbage the same way).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset, or a socket already answering a request: nothing useful can be written.
  const busy = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || busy) {
    socket.destroy();
    return;
  }
  writeRawError(socket, clientErrorAnswer(error));
}

function refuseMethod(req: IncomingMessage, res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  refuse(req, res, new AppError('method_not_allowed', { zh: `此地址只接受 ${allow}`, en: `This address accepts ${allow} only` }));
}

async function route<C>(req: IncomingMessage, res: ServerResponse, opts: HostOptions<C>): Promise<void> {
  const path = requestPath(req.url);
  // Never keep a connection whose request made no sense.
  if (path === null) return refuse(req, res, new AppError('bad_request', { zh: '请求地址无效', en: 'Invalid request target' }), true);
  opts.onRequest?.();
  // A GET or HEAD with a body is how requests get smuggled past proxies; nothing of ours takes one.
  if ((req.method === 'GET' || req.method === 'HEAD') && hasBody(req)) {
    return refuse(req, res, new AppError('bad_request', { zh: 'GET 请求不能带请求体', en: 'A GET request cannot carry a body' }), true);
  }
  const unavailable = opts.available?.();
  if (unavailable) {
    sendError(res, unavailable, true);
    return;
  }
  if (path === '/api/health') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuseMethod(req, res, 'GET, HEAD');
    const refused = opts.access.admit(req);
    if (refused) return sendError(res, refused);
    return sendJson(res, 200, { ok: true, ...(opts.health?.() ?? {}) });
  }
  const api = /^\/api\/([^/]+)$/.exec(path);
  if (api) return handleApi(req, res, api[1]!, opts);
  if (opts.site && !path.startsWith('/api/')) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuseMethod(req, res, 'GET, HEAD');
    return opts.site(req, res, path);
  }
  const shown = path.slice(0, 200);
  refuse(req, res, new AppError('not_found', { zh: `没有这个地址：${shown}`, en: `No such path: ${shown}` }));
}

/**
 * One HTTP host for every port (browser mode, the LAN field server, next the county server),
 * parameterised by a handler table and an access policy. However malformed, every request gets a
 * 4xx/5xx (or a clean close for bytes that are not HTTP) and a fault in one request never takes
 * the process down: paths are parsed defensively, each request runs inside its own guard, and
 * parser errors are answered in `clientError`.
 */
export function startHost<C>(opts: HostOptions<C>): Promise<Host> {
  const t = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const httpOptions = {
    headersTimeout: t.headersMs,
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    connectionsCheckingInterval: t.checkEveryMs,
  };
  // HTTPS when a certificate is given: the same server, requests and guards, over TLS.
  const server: Server = opts.tls ? (createTlsServer({ ...httpOptions, cert: opts.tls.cert, key: opts.tls.key }) as unknown as Server) : createServer(httpOptions);
  // A failed TLS handshake (a phone that does not trust the certificate yet) ends only that socket.
  server.on('tlsClientError', (_error: Error, socket: Socket) => socket.destroy());
  server.setTimeout(t.idleMs, (socket: Socket) => socket.destroy());
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // A stream error with no listener would be thrown; here it only ends this request.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    route(req, res, opts).catch((error: unknown) => {
      console.error(`[${opts.name}] request failed`, error);
      if (!res.headersSent) sendError(res, internalError(), true);
      else res.destroy();
    });
  });
  server.on('clientError', answerClientError);
  // CONNECT (a proxy tunnel) is not for us; without this node:http would just drop the socket.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    writeRawError(socket, new AppError('method_not_allowed', { zh: '不支持 CONNECT', en: 'CONNECT is not supported' }));
  });
  return new Promise((resolveHost, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      // After listening, a server error (e.g. EMFILE on accept) is logged, never thrown.
      server.on('error', (error) => console.error(`[${opts.name}] server error`, error));
      const port = (server.address() as AddressInfo).port;
      resolveHost({
        url: `${opts.tls ? 'https' : 'http'}://${opts.host}:${port}/`,
        port,
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
