import { readFileSync } from 'node:fs';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../shared/contract/errors';
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
  let path: string;
  try {
    path = new URL(req.url ?? '/', 'http://x').pathname;
  } catch {
    throw new AppError('invalid_input', { zh: '请求地址不正确', en: 'Malformed request URL' });
  }
  if (path === '/api/health') return sendJson(res, 200, { ok: true, service: 'draindesk-county-server' });
  if (await handleSync(ctx, req, res, path)) return;
  if (await handlePhone(ctx, req, res, path)) return;
  if (await handleCounty(ctx, req, res, path)) return;
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
  // A client that sends garbage gets a 400 and the server carries on.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
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
