import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { AppError, HTTP_STATUS } from '../../shared/contract/errors';
import { parseInput } from '../../shared/contract/validation';
import { readBody } from '../../electron/core/host/http/body';

export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** Answer JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  // A length, not chunks: a client (or a proxy) reading an error answer knows where it ends.
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(text.length), ...headers });
  res.end(text);
}

/** Answer bytes of a given type. */
export function sendBytes(res: ServerResponse, status: number, body: Buffer, type: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(body.length), ...headers });
  res.end(body);
}

/** Answer an error as `{ error: { code, message, messageEn } }`; anything not an AppError is a 500 that names no internals. */
export function sendError(res: ServerResponse, error: unknown): void {
  const app =
    error instanceof AppError
      ? error
      : new AppError('internal', { zh: '服务器内部错误，请查看服务器日志', en: 'Internal server error; see the server log' });
  if (!(error instanceof AppError)) console.error(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, HTTP_STATUS[app.code], { error: app.toWire() });
}

/** The field server's body reader: a limit in bytes, 413 over it. */
export { readBody };

/** Read a JSON body and check it against a schema: 400 naming the field when it does not fit. */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, limit: number): Promise<z.output<S>> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new AppError('invalid_input', { zh: '请求须为 JSON（Content-Type: application/json）', en: 'Requests must be JSON (Content-Type: application/json)' });
  }
  const text = (await readBody(req, limit)).toString('utf8');
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new AppError('bad_json', { zh: `请求不是有效的 JSON：${(error as Error).message}`, en: `The request is not valid JSON: ${(error as Error).message}` });
  }
  return parseInput(schema, value) as z.output<S>;
}
