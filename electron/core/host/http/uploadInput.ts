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
export function uploadInput(req: IncomingMessage, field: string, bytes: Buffer): Record<string, unknown> {
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
  const root = input as Record<string, unknown>;
  const keys = field.split('.');
  let at = root;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (next === undefined) at[key] = {};
    else if (typeof next !== 'object' || next === null || Array.isArray(next)) throw badInput(`${key} is not an object`);
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = bytes.toString('base64');
  return root;
}
