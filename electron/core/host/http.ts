import { isProcedureName } from '../../../shared/contract';
import { DESK_UPLOAD_FIELDS, uploadField } from '../../../shared/contract/uploads';
import type { Dispatch } from '../api/dispatch';
import { appSite, loopbackAccess, startHost, type Host, type HostTimeouts } from './http/index';

export interface HttpHostOptions {
  dispatch: Dispatch;
  /** The built renderer (dist/renderer); null serves the API only. */
  staticDir: string | null;
  port: number;
  host?: string;
  /** The one body-size limit (JSON or a file as bytes); default 150 MB. */
  maxBodyBytes?: number;
  health?: () => Record<string, unknown>;
  timeouts?: Partial<HostTimeouts>;
}

export type HttpHost = Host;

/** Browser mode: the built renderer and the desk's API on 127.0.0.1, never on another interface. */
export async function startHttpHost(opts: HttpHostOptions): Promise<HttpHost> {
  let port = opts.port;
  const host = await startHost<null>({
    name: 'desk',
    host: opts.host ?? '127.0.0.1',
    port: opts.port,
    api: {
      has: isProcedureName,
      call: (procedure, input) => opts.dispatch(procedure, input),
      uploadField: (procedure) => uploadField(DESK_UPLOAD_FIELDS, procedure),
    },
    access: loopbackAccess(() => port),
    site: opts.staticDir ? appSite(opts.staticDir) : null,
    maxBodyBytes: opts.maxBodyBytes ?? 150 * 1048576,
    ...(opts.health ? { health: opts.health } : {}),
    ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
  });
  port = host.port;
  return host;
}
