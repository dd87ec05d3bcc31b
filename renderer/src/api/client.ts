import type { DrainDeskBridge, ProcedureInput, ProcedureName, ProcedureOutput, Result } from '../../../shared/contract';
import type { WireError } from '../../../shared/contract/errors';
import { DESK_UPLOAD_FIELDS, UPLOAD_CONTENT_TYPE, UPLOAD_INPUT_HEADER, encodeUploadInput, type DeskUploadProcedure } from '../../../shared/contract/uploads';

declare global {
  interface Window {
    /** Present only in the desktop app, exposed by the preload script. */
    draindesk?: DrainDeskBridge;
  }
}

/** A failed call, carrying the core's bilingual message and details. */
export class ApiError extends Error {
  readonly wire: WireError;
  constructor(wire: WireError) {
    super(wire.message);
    this.name = 'ApiError';
    this.wire = wire;
  }
}

async function overHttp(procedure: string, input: unknown, file?: Blob): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(
      `/api/${procedure}`,
      file
        ? // A file travels as its bytes; the rest of the input rides in a header.
          { method: 'POST', headers: { 'Content-Type': UPLOAD_CONTENT_TYPE, [UPLOAD_INPUT_HEADER]: encodeUploadInput(input) }, body: file }
        : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input ?? {}) },
    );
  } catch {
    return {
      ok: false,
      error: { code: 'internal', message: '无法连接到 DrainDesk 服务，请确认它仍在运行。', messageEn: 'Cannot reach the DrainDesk server; check that it is still running.' },
    };
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, value: body };
  const error = (body as { error?: WireError } | null)?.error;
  return {
    ok: false,
    error: error ?? { code: 'internal', message: `服务器返回 ${response.status}`, messageEn: `Server answered ${response.status}` },
  };
}

/** Which transport this window uses: the desktop bridge when it exists, HTTP otherwise. */
export const transport: 'ipc' | 'http' = typeof window !== 'undefined' && window.draindesk ? 'ipc' : 'http';

/** Call one procedure of the contract; resolves to its output or throws an ApiError. */
export async function invoke<P extends ProcedureName>(procedure: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P>> {
  const result = window.draindesk ? await window.draindesk.invoke(procedure, input) : await overHttp(procedure, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as ProcedureOutput<P>;
}

type UploadField<P extends DeskUploadProcedure> = (typeof DESK_UPLOAD_FIELDS)[P];

/**
 * Call a procedure that takes a file, sending the file as bytes: the request body in browser mode,
 * a Uint8Array over IPC — never base64 inside a JSON string (a 100 MB file stalled the core).
 */
export async function invokeWithFile<P extends DeskUploadProcedure>(
  procedure: P,
  input: Omit<ProcedureInput<P>, UploadField<P>>,
  file: Blob,
): Promise<ProcedureOutput<P>> {
  const result = window.draindesk
    ? await window.draindesk.invoke(procedure, { ...input, [DESK_UPLOAD_FIELDS[procedure]]: new Uint8Array(await file.arrayBuffer()) })
    : await overHttp(procedure, input, file);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as ProcedureOutput<P>;
}
