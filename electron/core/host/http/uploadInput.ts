import type { IncomingMessage } from 'node:http';
import { AppError } from '../../../../shared/contract/errors';
import { UPLOAD_INPUT_HEADER } from '../../../../shared/contract/uploads';

function badInput(detail: string): AppError {
  return new AppError('bad_json', {
    zh: `${UPLOAD_INPUT_HEADER} 请求头不是有效的 JSON 对象（${detail}）`,
    en: `The ${UPLOAD_INPUT_HEADER} header is not a valid JSON object (${detail})`,
  });
}

/**
 * The input of a bytes upload: the JSON object in the X-DrainDesk-Input header, with the body's
 * bytes (as the base64 the contract expects) at the procedure's dotted file field, e.g.
 * `photo.dataBase64`. The contract then checks it exactly as if it had come as JSON.
 */
export function uploadInput(req: IncomingMessage, field: string, bytes: Uint8Array): Record<string, unknown> {
  const header = req.headers[UPLOAD_INPUT_HEADER.toLowerCase()];
  let input: unknown = {};
  if (typeof header === 'string' && header !== '') {
    let text: string;
    try {
      text = decodeURIComponent(header);
    } catch {
      throw badInput('percent-encoding');
    }
    try {
      input = JSON.parse(text);
    } catch (error) {
      throw badInput((error as Error).message);
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw badInput('not an object');
  return placeBytes(input as Record<string, unknown>, field, bytes);
}

/** Put a file's bytes at a dotted input field as the base64 the contract expects (creating parents). */
export function placeBytes(root: Record<string, unknown>, field: string, bytes: Uint8Array): Record<string, unknown> {
  const keys = field.split('.');
  let at = root;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (next === undefined) at[key] = {};
    else if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      throw new AppError('invalid_input', { zh: `输入中的 ${key} 应为对象`, en: `${key} in the input must be an object` });
    }
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return root;
}

/**
 * The desktop app's IPC carries a file as a Uint8Array at its field (structured clone, no
 * base64 in the renderer); turn it into what the contract expects before dispatch.
 */
export function bytesAtUploadField(input: unknown, field: string | null): unknown {
  if (field === null || typeof input !== 'object' || input === null) return input;
  const keys = field.split('.');
  let at = input as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) return input;
    at = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  const value = at[last];
  if (value instanceof Uint8Array) at[last] = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return input;
}
