import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Result } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/contract/errors';

/** What a host answers under `POST /api/<procedure>`: one audience's handler table behind its dispatcher. */
export interface ApiTable<Caller> {
  /** Whether the procedure exists (checked before the body is read: an unknown one costs nothing). */
  has(procedure: string): boolean;
  /** Run it for an admitted caller. Never throws: failures are wire errors. */
  call(procedure: string, input: unknown, caller: Caller): Promise<Result<unknown>>;
  /** The dotted input field a bytes upload fills for this procedure, or null (JSON only). */
  uploadField(procedure: string): string | null;
}

/** Who may talk to a host, checked before any body is read. */
export interface AccessPolicy<Caller> {
  /** Every API and health request: a refusal (403 …) is the answer. */
  admit(req: IncomingMessage): AppError | null;
  /** Who is calling a procedure; throws (or rejects with) an AppError (401 …) to refuse. */
  caller(req: IncomingMessage): Caller | Promise<Caller>;
}

/** Files served for GET and HEAD outside /api/ (the path as received, still percent-encoded). */
export type StaticSite = (req: IncomingMessage, res: ServerResponse, path: string) => void;

/** How long a socket may take, in ms (issue 16: slow-header and idle sockets are closed on every port). */
export interface HostTimeouts {
  /** From connecting to the end of the request headers. */
  headersMs: number;
  /** From connecting to the end of the whole request (a large upload on a weak signal). */
  requestMs: number;
  /** A kept-alive connection waiting for its next request. */
  keepAliveMs: number;
  /** A socket on which nothing moves at all. */
  idleMs: number;
  /** How often node:http checks the two first (its own default of 30 s lets a slow client linger). */
  checkEveryMs: number;
}

export interface HostOptions<Caller> {
  /** For logs: 'desk', 'field', 'county'. */
  name: string;
  host: string;
  port: number;
  api: ApiTable<Caller>;
  access: AccessPolicy<Caller>;
  site: StaticSite | null;
  /** The one body-size limit of this port, for JSON and bytes alike; over it: JSON 413. */
  maxBodyBytes: number;
  /** Extra members of the `GET /api/health` answer. */
  health?: () => Record<string, unknown>;
  /** Checked first for every request: an error (503 …) answers it and closes the connection. */
  available?: () => AppError | null;
  /** Called for every request that parsed (request counters). */
  onRequest?: () => void;
  timeouts?: Partial<HostTimeouts>;
  /** A certificate and key (PEM): the port speaks HTTPS. */
  tls?: { cert: string; key: string };
}

export interface Host {
  /** http://<host>:<port>/ */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}
