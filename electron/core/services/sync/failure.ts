import { AppError, type ErrorCode } from '../../../../shared/contract/errors';
import type { SyncProblem } from '../../../../shared/contract/syncDesk';

/**
 * Why talking to the county server failed, classified so the loop knows what to do next:
 * `unreachable` and `server_error` are retried with back-off (the desk says 离线); `revoked` and
 * `forbidden` stop the loop until the office re-keys; `rejected` is a request the server refused.
 */
export class SyncFailure extends AppError {
  constructor(
    readonly kind: SyncProblem,
    message: { zh: string; en: string },
    readonly httpStatus: number | null = null,
  ) {
    super(CODES[kind], message);
    this.name = 'SyncFailure';
  }

  /** Whether trying again later may succeed without anyone changing anything. */
  get transient(): boolean {
    return this.kind === 'unreachable' || this.kind === 'server_error';
  }
}

const CODES: Record<SyncProblem, ErrorCode> = {
  unreachable: 'unreachable',
  server_error: 'unreachable',
  revoked: 'unauthorized',
  forbidden: 'forbidden',
  rejected: 'invalid_input',
  local: 'internal',
};

/** The failure for an HTTP answer that is not 2xx, with the server's own message when it sent one. */
export function failureForStatus(status: number, path: string, body: unknown): SyncFailure {
  const server = serverMessage(body);
  const said = server ? `（服务器说：${server}）` : '';
  const saidEn = server ? ` (the server said: ${server})` : '';
  if (status === 401) {
    return new SyncFailure(
      'revoked',
      {
        zh: `县服务器不认这台电脑的密钥（已注销或已失效）${said}。请在 设置 → 联网同步 用新的注册码重新注册。`,
        en: `The county server does not accept this desk's key (revoked or unknown)${saidEn}. Enrol again with a new code in Settings → Sync.`,
      },
      status,
    );
  }
  if (status === 403) {
    return new SyncFailure(
      'forbidden',
      {
        zh: `县服务器拒绝写入：这台电脑的密钥只能写本乡镇的数据${said}。同步已暂停，请联系县防汛办。`,
        en: `The county server refused the write: this desk's key may write only its own township's rows${saidEn}. Sync is paused; contact the county office.`,
      },
      status,
    );
  }
  if (status >= 500 || status === 408 || status === 429) {
    return new SyncFailure(
      'server_error',
      { zh: `县服务器暂时出错（${status}，${path}）${said}，稍后自动重试`, en: `The county server had an error (${status}, ${path})${saidEn}; retrying later` },
      status,
    );
  }
  return new SyncFailure(
    'rejected',
    { zh: `县服务器拒绝了请求（${status}，${path}）${said}`, en: `The county server refused the request (${status}, ${path})${saidEn}` },
    status,
  );
}

/** The failure for a request that never got an answer (refused, reset, timed out, bad certificate). */
export function failureForNetwork(error: unknown, url: string, timeoutMs: number): SyncFailure {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? '';
  const name = (error as { name?: string }).name ?? '';
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new SyncFailure('unreachable', {
      zh: `县服务器 ${timeoutMs / 1000} 秒内没有回应（${url}）`,
      en: `The county server did not answer within ${timeoutMs / 1000} s (${url})`,
    });
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new SyncFailure('unreachable', {
      zh: `无法验证县服务器的证书（${code}）。如果县里用的是自签名证书，请在 设置 → 联网同步 选择县里给的证书文件。`,
      en: `The county server's certificate could not be verified (${code}). If the county uses a self-signed certificate, choose its certificate file in Settings → Sync.`,
    });
  }
  const detail = code || cause?.message || (error instanceof Error ? error.message : String(error));
  return new SyncFailure('unreachable', {
    zh: `连不上县服务器（${detail}，${url}）。本机数据照常可用，联网后自动同步。`,
    en: `Cannot reach the county server (${detail}, ${url}). Everything keeps working here; it syncs when the network is back.`,
  });
}

function serverMessage(body: unknown): string | null {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === 'string' ? error.message.slice(0, 300) : null;
}
