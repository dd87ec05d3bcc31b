/** Messages between the core and its parse worker (structured-clone data only). */
import type { NetworkPreview } from '../network/types';

/** A file to parse. */
export interface ParseRequest {
  id: number;
  fileName: string;
  bytes: Uint8Array;
}

/** An AppError as it crosses the thread boundary. */
export interface WireAppError {
  code: string;
  zh: string;
  en: string;
  details?: unknown;
}

/** The preview, or the refusal, or an internal failure's message. */
export type ParseResponse =
  | { id: number; ok: true; preview: NetworkPreview }
  | { id: number; ok: false; appError: WireAppError }
  | { id: number; ok: false; internal: string };
