/**
 * The LAN field server for phones (issue 5): the one HTTP host with the phone's handler table and
 * a team-token policy. It listens on every interface but answers only the phone procedures (each
 * needs a token), its health check, and the built field page with its assets — nothing else.
 */
import type { Server } from 'node:http';
import { AppError } from '../../../shared/contract/errors';
import { isPhoneProcedure } from '../../../shared/contract/phone';
import { PHONE_UPLOAD_FIELDS, uploadField } from '../../../shared/contract/uploads';
import type { CoreContext } from '../context';
import { bearerAccess, fieldSite, startHost, type HostOptions, type HostTimeouts } from '../host/http/index';
import { authenticate } from '../services/teams/tokens';
import type { PhoneCaller } from './phoneApi';
import { createPhoneDispatch } from './phoneDispatch';

export interface FieldServerOptions {
  /** The core's context; the server acts with source 'field'. */
  ctx: CoreContext;
  /** The built renderer (dist/renderer, holding field.html and assets/); null: API only. */
  staticDir: string | null;
  port: number;
  /** 0.0.0.0 (the LAN) in the app; tests use 127.0.0.1. */
  host?: string;
  /** The one body-size limit; a resized photo is well under 1 MB, the limit for one is 6 MB. */
  maxBodyBytes?: number;
  timeouts?: Partial<HostTimeouts>;
  /** A certificate: the same server is offered over HTTPS too, on `securePort`. */
  tls?: { cert: string; key: string };
  /** The HTTPS port (default: the next one after `port`, or any free one when `port` is 0). */
  securePort?: number;
}

export interface FieldServer {
  port: number;
  /** The HTTPS port, when a certificate was given. */
  securePort: number | null;
  host: string;
  startedAt: string;
  stats: { requests: number; lastRequestAt: string | null };
  server: Server;
  close(): Promise<void>;
}

/** Start the field server. Resolves once it listens; rejects (e.g. port in use) with a clear AppError. */
export async function startFieldServer(opts: FieldServerOptions): Promise<FieldServer> {
  const host = opts.host ?? '0.0.0.0';
  const { ctx } = opts;
  const stats = { requests: 0, lastRequestAt: null as string | null };
  const dispatch = createPhoneDispatch(ctx);
  let stop: () => void = () => undefined;
  try {
    const hostOptions = {
      name: 'field',
      host,
      port: opts.port,
      api: { has: isPhoneProcedure, call: dispatch, uploadField: (procedure) => uploadField(PHONE_UPLOAD_FIELDS, procedure) },
      // The token first: without a valid one nothing else is even read.
      access: bearerAccess((token) => authenticate(ctx, token)),
      site: fieldSite(opts.staticDir),
      maxBodyBytes: opts.maxBodyBytes ?? 10 * 1048576,
      health: () => ({ app: 'DrainDesk field' }),
      // The database closed under a running server (the office closed it): say so and stop.
      available: () => {
        if (ctx.db.open) return null;
        stop();
        return new AppError('unavailable', { zh: '现场服务已关闭', en: 'The field server is closed' });
      },
      onRequest: () => {
        stats.requests++;
        stats.lastRequestAt = new Date().toISOString();
      },
      ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
    } satisfies HostOptions<PhoneCaller>;
    const started = await startHost<PhoneCaller>(hostOptions);
    const secure = opts.tls
      ? await startHost<PhoneCaller>({ ...hostOptions, name: 'field-https', port: opts.securePort ?? (opts.port === 0 ? 0 : opts.port + 1), tls: opts.tls }).catch(async (error: unknown) => {
          await started.close();
          throw error;
        })
      : null;
    stop = () => {
      started.server.close();
      secure?.server.close();
    };
    const close = async () => {
      await Promise.all([started.close(), secure?.close()]);
    };
    return { port: started.port, securePort: secure?.port ?? null, host, startedAt: new Date().toISOString(), stats, server: started.server, close };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new AppError('conflict', { zh: `端口 ${opts.port} 已被其他程序占用，请在设置中换一个端口`, en: `Port ${opts.port} is in use by another program; choose another port` });
    }
    if (code === 'EACCES') {
      throw new AppError('forbidden', { zh: `没有权限使用端口 ${opts.port}，请换一个大于 1024 的端口`, en: `No permission for port ${opts.port}; choose one above 1024` });
    }
    throw error;
  }
}
