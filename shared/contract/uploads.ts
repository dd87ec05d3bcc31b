/**
 * Files as bytes over HTTP (issue 16): instead of a file inside a JSON string, a client may send
 * `POST /api/<procedure>` with `Content-Type: application/octet-stream`, the file itself as the
 * body, and the rest of the input as JSON (percent-encoded) in the `X-DrainDesk-Input` header.
 * The host puts the bytes in the procedure's file field below, so the contract, its checks and
 * the handlers stay the same for IPC, JSON and bytes. Only these procedures take bytes.
 */

/** The request header carrying the JSON input of a bytes upload. */
export const UPLOAD_INPUT_HEADER = 'X-DrainDesk-Input';

/** The content type of a bytes upload. */
export const UPLOAD_CONTENT_TYPE = 'application/octet-stream';

/** The desk's procedures that take a file, and the (dotted) input field its bytes fill, as base64. */
export const DESK_UPLOAD_FIELDS = {
  'import.preview': 'dataBase64',
  'rainfall.previewImport': 'contentBase64',
  'rainfall.import': 'contentBase64',
} as const;

/** The phone's procedures that take a photo. */
export const PHONE_UPLOAD_FIELDS = {
  'phone.update': 'photo.dataBase64',
  'phone.report': 'photo.dataBase64',
} as const;

export type DeskUploadProcedure = keyof typeof DESK_UPLOAD_FIELDS;

/** The input field a procedure's bytes fill, or null when it takes no file. */
export function uploadField(table: Readonly<Record<string, string>>, procedure: string): string | null {
  return Object.prototype.hasOwnProperty.call(table, procedure) ? table[procedure]! : null;
}

/** The JSON input of a bytes upload as a header value (headers carry Latin-1 only). */
export function encodeUploadInput(input: unknown): string {
  return encodeURIComponent(JSON.stringify(input ?? {}));
}
