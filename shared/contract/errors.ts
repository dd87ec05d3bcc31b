/**
 * Errors that cross a boundary (IPC, HTTP, field server, CLI) carry a stable code and a message a
 * user can act on, in Chinese first and English second.
 */
export const ERROR_CODES = [
  'invalid_input',
  'bad_json',
  'unknown_procedure',
  'not_found',
  'conflict',
  'forbidden',
  'unauthorized',
  'payload_too_large',
  'bad_request',
  'method_not_allowed',
  'headers_too_large',
  'request_timeout',
  'unavailable',
  'db_corrupt',
  'db_newer_version',
  'db_readonly',
  'db_busy',
  'import_invalid',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A message in both UI languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** What an error looks like on the wire. */
export interface WireError {
  code: ErrorCode;
  /** Chinese, shown by default. */
  message: string;
  /** English, shown when the UI is switched to English. */
  messageEn: string;
  /** Machine-readable detail, e.g. the field paths of invalid input or row numbers of a bad file. */
  details?: unknown;
}

/** An error meant for the user: thrown anywhere in the core, answered as a WireError. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(code: ErrorCode, message: Bilingual, details?: unknown) {
    super(message.en);
    this.name = 'AppError';
    this.code = code;
    this.messageZh = message.zh;
    this.messageEn = message.en;
    this.details = details;
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.messageZh, messageEn: this.messageEn };
    if (this.details !== undefined) wire.details = this.details;
    return wire;
  }
}

/** HTTP status for each code, used by browser mode and the field server. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  bad_json: 400,
  unknown_procedure: 404,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  payload_too_large: 413,
  bad_request: 400,
  method_not_allowed: 405,
  headers_too_large: 431,
  request_timeout: 408,
  unavailable: 503,
  db_corrupt: 500,
  db_newer_version: 500,
  db_readonly: 500,
  db_busy: 503,
  import_invalid: 422,
  internal: 500,
};

export function isWireError(value: unknown): value is WireError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as WireError).code === 'string' &&
    typeof (value as WireError).message === 'string'
  );
}
