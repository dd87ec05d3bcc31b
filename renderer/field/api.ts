import type { PhoneInput, PhoneOutput, PhoneProcedureName } from '../../shared/contract/field';
import type { WireError } from '../../shared/contract/errors';
import { UPLOAD_CONTENT_TYPE, UPLOAD_INPUT_HEADER, encodeUploadInput } from '../../shared/contract/uploads';

const TOKEN_KEY = 'draindesk.field.token';

/**
 * The team token: taken from the QR link's #t=… once, kept on the phone, and removed from the
 * address bar so it does not show in screenshots or get shared by copying the URL.
 */
export function loadToken(): string | null {
  const m = /(?:^#|&)t=([A-Za-z0-9_-]{20,200})/.exec(location.hash);
  if (m) {
    localStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', location.pathname + location.search);
    return m[1]!;
  }
  return localStorage.getItem(TOKEN_KEY);
}

export function forgetToken(): void {
  localStorage.removeItem(TOKEN_KEY);
}

/** A failed call: `offline` when the server could not be reached (retry later), else the server's error. */
export class PhoneError extends Error {
  constructor(
    readonly status: number,
    readonly wire: WireError,
    readonly offline: boolean,
  ) {
    super(wire.message);
  }
}

/** Base64 (as the outbox keeps a photo) back to its bytes. */
function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The request for one call: JSON, or — with a photo — the photo's bytes as the body and the rest
 * of the input in a header (a third smaller than base64 in JSON on a weak signal).
 */
function requestFor(token: string, input: unknown): RequestInit {
  const json: RequestInit = { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input), cache: 'no-store' };
  const photo = (input as { photo?: { fileName: string; dataBase64: string } }).photo;
  if (!photo) return json;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(photo.dataBase64);
  } catch {
    // Not base64 after all: send it as it is and let the server say what is wrong.
    return json;
  }
  const rest = { ...(input as object), photo: { fileName: photo.fileName } };
  return {
    method: 'POST',
    headers: { 'Content-Type': UPLOAD_CONTENT_TYPE, [UPLOAD_INPUT_HEADER]: encodeUploadInput(rest), Authorization: `Bearer ${token}` },
    body: bytes,
    cache: 'no-store',
  };
}

/** Call one phone procedure on the field server with the team token. */
export async function phoneCall<P extends PhoneProcedureName>(token: string, name: P, input: PhoneInput<P>): Promise<PhoneOutput<P>> {
  let res: Response;
  try {
    res = await fetch(`api/${name}`, requestFor(token, input));
  } catch {
    throw new PhoneError(0, { code: 'internal', message: '连不上办公室电脑（没有网络或服务已关闭）', messageEn: 'Cannot reach the office' }, true);
  }
  const body = (await res.json().catch(() => null)) as { error?: WireError } | null;
  if (res.ok) return body as PhoneOutput<P>;
  const wire = body?.error ?? { code: 'internal' as const, message: `服务器返回 ${res.status}`, messageEn: `Server answered ${res.status}` };
  // 5xx and a server that is shutting down are worth retrying; 4xx are answers.
  throw new PhoneError(res.status, wire, res.status >= 500);
}
