import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../../../shared/contract/errors';
import { sendError } from './respond';

/** How long, and how much more, a refused body is read and thrown away so the client sees our answer. */
const LINGER_MS = 2000;
const LINGER_BYTES = 8 * 1048576;

/** The one body-size refusal of every port. */
export function tooLarge(limit: number): AppError {
  const size = limit >= 1048576 ? `${Math.round(limit / 1048576)} MB` : `${Math.round(limit / 1024)} KB`;
  return new AppError('payload_too_large', { zh: `请求内容过大（上限 ${size}）`, en: `Request body too large (limit ${size})` }, { limitBytes: limit });
}

/** Whether the request says it carries a body (a length above zero, or chunks). */
export function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Read a body of at most `limit` bytes as it streams. A declared length over the limit is
 * refused before one byte is read; a body that grows past it (chunked, or lying about its length)
 * is refused the moment it does — nothing beyond the limit is ever held in memory.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return fail(tooLarge(limit));
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (done) return;
      done = true;
      resolveBody(Buffer.concat(chunks, size));
    });
    // A client that hangs up mid-body: nothing to answer, nothing was written.
    req.on('error', (error) => fail(error));
    req.on('aborted', () => fail(new AppError('bad_request', { zh: '请求在上传途中中断', en: 'The request was cut off during upload' })));
  });
}

/**
 * After answering without reading the whole body (413, 401, a refused route): never hold it.
 * What is still arriving is read and dropped — so the client is not reset before our answer has
 * gone out — until node:http closes the connection after the answer (it was sent with
 * `Connection: close`), or at most LINGER_MS / LINGER_BYTES, when the socket is destroyed.
 */
export function discardRest(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  let more = 0;
  const stop = () => {
    clearTimeout(timer);
    if (!req.complete) req.socket.destroy();
  };
  const timer = setTimeout(stop, LINGER_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    more += chunk.length;
    if (more > LINGER_BYTES) stop();
  });
  req.on('end', () => clearTimeout(timer));
  req.on('error', () => clearTimeout(timer));
  req.resume();
}

/**
 * Refuse a request: answer, and if its body was not read (or `close`), close after the answer and
 * drop the rest of the body meanwhile.
 */
export function refuse(req: IncomingMessage, res: ServerResponse, error: AppError, close = false): void {
  const unread = hasBody(req) && !req.complete;
  sendError(res, error, unread || close);
  if (unread) discardRest(req);
}
