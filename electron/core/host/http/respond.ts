import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AppError, HTTP_STATUS, type WireError } from '../../../../shared/contract/errors';

/** Headers on every answer of every port. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** A JSON answer; `close` asks the client to open a new connection for its next request. */
export function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent || res.writableEnded) return;
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  };
  if (close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

/** The one error shape of every port: `{ error: { code, message, messageEn, details? } }` with the code's status. */
export function sendError(res: ServerResponse, error: WireError | AppError, close = false): void {
  const wire = error instanceof AppError ? error.toWire() : error;
  sendJson(res, HTTP_STATUS[wire.code], { error: wire }, close);
}

/**
 * An error written straight to a socket, for requests node:http could not parse (no
 * ServerResponse exists for them). Always closes: the bytes after a broken request mean nothing.
 */
export function writeRawError(socket: Socket, error: AppError): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const wire = error.toWire();
  const body = JSON.stringify({ error: wire });
  const status = HTTP_STATUS[wire.code];
  const head = [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    ...Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}`),
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  // A client that never reads must not hold the socket open.
  setTimeout(() => socket.destroy(), 2000).unref();
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
};

/** The 500 of a fault in the host itself (never a procedure's own error): vague on purpose. */
export function internalError(): AppError {
  return new AppError('internal', { zh: '服务器内部错误，数据未被改动，请稍后重试', en: 'Internal server error; nothing was changed, try again later' });
}
