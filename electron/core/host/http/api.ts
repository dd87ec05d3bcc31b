import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../../../shared/contract/errors';
import { UPLOAD_CONTENT_TYPE } from '../../../../shared/contract/uploads';
import { readBody, refuse } from './body';
import { decodeSegment } from './requestTarget';
import { sendError, sendJson } from './respond';
import type { HostOptions } from './types';

/** What the API route of a host needs: its table, who may call, the body limit (the county server mounts it too). */
export type ApiRoute<C> = Pick<HostOptions<C>, 'access' | 'api' | 'maxBodyBytes'>;
import { uploadInput } from './uploadInput';

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * `POST /api/<procedure>`: admitted caller, known procedure, POST, who is calling, then the body
 * (JSON, or a file as bytes for the procedures that take one) within the port's one size limit.
 * Everything that can be refused is refused before the body is read.
 */
export async function handleApi<C>(req: IncomingMessage, res: ServerResponse, rawName: string, opts: ApiRoute<C>): Promise<void> {
  const refused = opts.access.admit(req);
  if (refused) return refuse(req, res, refused);
  const procedure = decodeSegment(rawName);
  if (procedure === null || !opts.api.has(procedure)) {
    const shown = (procedure ?? rawName).slice(0, 100);
    return refuse(req, res, new AppError('unknown_procedure', { zh: `没有这个接口：${shown}`, en: `No such call: ${shown}` }));
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return refuse(req, res, new AppError('method_not_allowed', { zh: '请用 POST 调用接口', en: 'Use POST for API calls' }));
  }
  let caller: C;
  try {
    caller = await opts.access.caller(req);
  } catch (error) {
    if (error instanceof AppError) return refuse(req, res, error);
    throw error;
  }
  const type = mediaType(req);
  const field = type === UPLOAD_CONTENT_TYPE ? opts.api.uploadField(procedure) : null;
  // A JSON (or bytes) content type makes any cross-site call a CORS preflight, which we never answer.
  if (type !== 'application/json' && field === null) {
    return refuse(
      req,
      res,
      new AppError('invalid_input', {
        zh: type === UPLOAD_CONTENT_TYPE ? `接口 ${procedure} 不接收文件，请求须为 JSON` : '请求须为 JSON（Content-Type: application/json）',
        en: type === UPLOAD_CONTENT_TYPE ? `${procedure} takes no file; send JSON` : 'Requests must be JSON (Content-Type: application/json)',
      }),
    );
  }
  let body: Buffer;
  try {
    body = await readBody(req, opts.maxBodyBytes);
  } catch (error) {
    if (error instanceof AppError && error.code === 'payload_too_large') return refuse(req, res, error);
    // The client hung up mid-body: nobody is left to answer.
    req.socket.destroy();
    return;
  }
  let input: unknown;
  try {
    if (field !== null) input = uploadInput(req, field, body);
    else {
      const text = body.toString('utf8');
      input = text.trim() === '' ? {} : JSON.parse(text);
    }
  } catch (error) {
    if (error instanceof AppError) return sendError(res, error);
    const message = (error as Error).message.slice(0, 200);
    return sendError(res, new AppError('bad_json', { zh: `请求不是有效的 JSON：${message}`, en: `The request is not valid JSON: ${message}` }));
  }
  const result = await opts.api.call(procedure, input, caller);
  if (result.ok) sendJson(res, 200, result.value ?? null);
  else sendError(res, result.error);
}
