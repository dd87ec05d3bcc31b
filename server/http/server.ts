import { readFileSync } from 'node:fs';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../shared/contract/errors';
import { requestPath } from '../../electron/core/host/http/requestTarget';
import { answerClientError } from '../../electron/core/host/http/server';
import { hasBody, refuse } from '../../electron/core/host/http/body';
import type { ServerContext } from '../context';
import { closePhones } from '../phone/gateway';
import { handleCounty } from './countyRoutes';
import { sendError, sendJson } from './respond';
import { handlePhone } from './phoneRoutes';
import { handleStatic } from './staticRoutes';
import { handleSync } from './syncRoutes';

export interface ServerHostOptions {
  port: number;
  host?: string;
  /** PEM files: with both, the server speaks HTTPS itself (else run it behind a TLS proxy). */
  tlsCert?: string;
  tlsKey?: string;
}

export interface ServerHost {
  url: string;
  server: Server;
  close(): Promise<void>;
}

async function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // HTTP/0.9 (no version on the request line) is no client of ours.
  if (req.httpVersionMajor !== 1) throw new AppError('invalid_input', { zh: '只接受 HTTP/1.x 请求', en: 'Only HTTP/1.x requests are accepted' });
  // The desk host's defensive reading: only origin-form targets, no control bytes or broken escapes.
  const path = requestPath(req.url);
  if (path === null) throw new AppError('invalid_input', { zh: '请求地址不正确', en: 'Malformed request URL' });
  // A GET or HEAD with a body is how requests get smuggled past proxies; nothing here takes one.
  if ((req.method === 'GET' || req.method === 'HEAD') && hasBody(req)) {
    return refuse(req, res, new AppError('bad_request', { zh: 'GET 请求不能带请求体', en: 'A GET request cannot carry a body' }), true);
  }
  if (path === '/api/health') return sendJson(res, 200, { ok: true, service: 'draindesk-county-server' });
  if (await handleSync(ctx, req, res, path)) return;
  if (await handlePhone(ctx, req, res, path)) return;
  if (await handleCounty(ctx, req, res, path)) return;
  if (path.startsWith('/api/')) throw new AppError('not_found', { zh: `没有这个接口：${path.slice(5, 105)}`, en: `No such call: ${path.slice(5, 105)}` });
  handleStatic(ctx, req, res, path);
}

/** Start the county server on a port (0: a free one) and answer its URL. */
export async function startServerHost(ctx: ServerContext, opts: ServerHostOptions): Promise<ServerHost> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    route(ctx, req, res).catch((error: unknown) => sendError(res, error));
  };
  const tls = opts.tlsCert && opts.tlsKey;
  const server: Server = tls ? createHttps({ cert: readFileSync(opts.tlsCert!), key: readFileSync(opts.tlsKey!) }, handler) : createHttp(handler);
  // Idle keep-alive sockets stay open longer than clients (and proxies) keep them, so a client
  // never reuses a socket the server is just closing ("other side closed" mid-sync).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 120_000;
  // A client that sends garbage gets the desk host's raw 400/408/431 and the server carries on.
  server.on('clientError', answerClientError);
  const host = opts.host ?? '0.0.0.0';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => void closePhones(ctx.phones).then(() => resolveClose()));
      }),
  };
}
