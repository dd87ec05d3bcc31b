/**
 * The core's running field server, at most one. It is kept in the core's state (CoreContext.state,
 * shared by every call's context), so it outlives the calls that start and stop it.
 */
import type { FieldStatus } from '../../../shared/contract/field';
import type { CoreContext } from '../context';
import { fieldPort } from './config';
import { fieldUrls } from './lan';
import { startFieldServer, type FieldServer } from './server';
import { fieldCertificate } from './tls';
import { rendererDir } from './staticDir';

/** The running server for this database, if any (one whose database was closed is dropped). */
export function runningServer(ctx: Pick<CoreContext, 'state' | 'db'>): FieldServer | null {
  const server = ctx.state.fieldServer;
  if (server && !ctx.db.open) {
    ctx.state.fieldServer = null;
    void server.close();
    return null;
  }
  return server;
}

/** Where phones reach the field page: each LAN address, or the one address it is bound to (tests). */
export function fieldAddresses(ctx: CoreContext): { address: string; url: string }[] {
  const server = runningServer(ctx);
  if (server && server.host !== '0.0.0.0') {
    const bound = [{ address: server.host, url: `http://${server.host}:${server.port}/` }];
    return server.securePort ? [{ address: server.host, url: `https://${server.host}:${server.securePort}/` }, ...bound] : bound;
  }
  const port = server?.port ?? fieldPort(ctx);
  // HTTPS first: only there do phones give GPS and keep the page for use with no signal.
  return fieldUrls(port, server ? server.securePort : port + 1);
}

export function fieldStatus(ctx: CoreContext): FieldStatus {
  const server = runningServer(ctx);
  return {
    running: server !== null,
    port: fieldPort(ctx),
    listeningPort: server?.port ?? null,
    urls: server ? fieldAddresses(ctx).map((u) => u.url) : [],
    startedAt: server?.startedAt ?? null,
    requests: server?.stats.requests ?? 0,
    lastRequestAt: server?.stats.lastRequestAt ?? null,
  };
}

/**
 * Turn the field server on (on the saved port unless one is given; 0 picks a free one). If it
 * already runs on that port nothing changes; on another port it is restarted there.
 */
export async function startField(ctx: CoreContext, opts: { port?: number | undefined; host?: string } = {}): Promise<FieldStatus> {
  const port = opts.port ?? fieldPort(ctx);
  const current = runningServer(ctx);
  if (current && (port === 0 || current.port === port)) return fieldStatus(ctx);
  if (current) await stopField(ctx);
  // DRAINDESK_FIELD_HOST lets tests and CI keep it on loopback; the app listens on the LAN.
  const host = opts.host ?? process.env.DRAINDESK_FIELD_HOST ?? '0.0.0.0';
  const tls = await fieldCertificate(ctx.dataDir);
  const server = await startFieldServer({ ctx, staticDir: rendererDir(ctx.rendererDir), port, host, tls });
  ctx.state.fieldServer = server;
  return fieldStatus(ctx);
}

/** Turn it off: the port is released and phones get no answer until it is on again. */
export async function stopField(ctx: Pick<CoreContext, 'state'>): Promise<void> {
  const server = ctx.state.fieldServer;
  ctx.state.fieldServer = null;
  await server?.close();
}
