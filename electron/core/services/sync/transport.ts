import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { Agent, fetch, type Dispatcher } from 'undici';
import { SyncFailure, failureForNetwork, failureForStatus } from './failure';

/** How the desk reaches one county server. */
export interface TransportOptions {
  /** e.g. https://fxb.example.gov.cn (a path prefix is kept: https://host/draindesk). */
  serverUrl: string;
  /** The desk's long-lived key (absent while enrolling). */
  key?: string | null;
  /** A PEM file with the certificate(s) of a county server that uses a self-signed certificate. */
  caFile?: string | null;
  /** Per request; a pull of 500 entries over mobile data still fits. */
  timeoutMs?: number;
  /** Attempts for a transient failure (network, 5xx) within one call. */
  attempts?: number;
  /** Wait before the n-th retry (ms); injectable so tests do not sleep. */
  retryDelayMs?: (attempt: number) => number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Certificates we trust: Node's bundled roots, the operating system's store where this runtime
 * can read it (Node 22.15+, i.e. Electron), and the county's own certificate when one is given.
 */
function trustedCas(caFile: string | null | undefined): string[] | undefined {
  if (!caFile) return undefined; // undici's default: Node's bundled roots (plus NODE_EXTRA_CA_CERTS)
  let extra: string;
  try {
    extra = readFileSync(caFile, 'utf8');
  } catch (error) {
    throw new SyncFailure('local', {
      zh: `读不了证书文件 ${caFile}：${(error as Error).message}`,
      en: `Cannot read the certificate file ${caFile}: ${(error as Error).message}`,
    });
  }
  if (!extra.includes('-----BEGIN CERTIFICATE-----')) {
    throw new SyncFailure('local', {
      zh: `证书文件 ${caFile} 不是 PEM 格式的证书（应以 -----BEGIN CERTIFICATE----- 开头）`,
      en: `The certificate file ${caFile} is not a PEM certificate (it should start with -----BEGIN CERTIFICATE-----)`,
    });
  }
  const system = (tls as { getCACertificates?: (kind: string) => string[] }).getCACertificates?.('system') ?? [];
  return [...tls.rootCertificates, ...system, extra];
}

/**
 * JSON and blob calls to the county server over Node's fetch (undici), with a timeout per request,
 * a few retries with back-off for transient failures, and every failure classified (SyncFailure).
 */
export class SyncTransport {
  private readonly base: string;
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly retryDelayMs: (attempt: number) => number;

  constructor(private readonly opts: TransportOptions) {
    this.base = opts.serverUrl.trim().replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.attempts = Math.max(1, opts.attempts ?? 3);
    this.retryDelayMs = opts.retryDelayMs ?? ((n) => 300 * 2 ** (n - 1));
    const ca = trustedCas(opts.caFile);
    this.dispatcher = new Agent({
      connect: { timeout: this.timeoutMs, ...(ca ? { ca } : {}) },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  /** POST a JSON body, answer the parsed JSON (a non-2xx answer throws its SyncFailure). */
  async postJson(path: string, body: unknown): Promise<unknown> {
    const res = await this.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    try {
      return JSON.parse(res.text) as unknown;
    } catch {
      throw new SyncFailure('server_error', { zh: `县服务器的回答不是 JSON（${path}）`, en: `The county server's answer is not JSON (${path})` });
    }
  }

  /** Upload a blob under its SHA-256 (PUT is idempotent on the server: same hash, same bytes). */
  async putBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    await this.request(`/sync/blob/${sha256}`, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
  }

  /** Download a blob; null when the server does not have it. */
  async getBlob(sha256: string): Promise<Buffer | null> {
    try {
      const res = await this.request(`/sync/blob/${sha256}`, { method: 'GET' }, true);
      return res.bytes;
    } catch (error) {
      if (error instanceof SyncFailure && error.httpStatus === 404) return null;
      throw error;
    }
  }

  /** Release the connection pool. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async request(
    path: string,
    init: { method: string; body?: string | Uint8Array; headers?: Record<string, string> },
    binary = false,
  ): Promise<{ text: string; bytes: Buffer }> {
    const url = `${this.base}${path}`;
    const headers: Record<string, string> = { accept: binary ? 'application/octet-stream' : 'application/json', ...init.headers };
    if (this.opts.key) headers.authorization = `Bearer ${this.opts.key}`;
    let last: SyncFailure | null = null;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) await sleep(this.retryDelayMs(attempt - 1));
      try {
        const res = await fetch(url, {
          method: init.method,
          headers,
          ...(init.body !== undefined ? { body: init.body } : {}),
          dispatcher: this.dispatcher,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const bytes = Buffer.from(await res.arrayBuffer());
        if (res.ok) return { text: binary ? '' : bytes.toString('utf8') || 'null', bytes };
        last = failureForStatus(res.status, path, parseMaybe(bytes));
      } catch (error) {
        if (error instanceof SyncFailure) throw error;
        last = failureForNetwork(error, url, this.timeoutMs);
      }
      if (!last.transient) throw last;
    }
    throw last!;
  }
}

function parseMaybe(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
