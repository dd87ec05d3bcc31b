/** Messages between the core and its parse worker (structured-clone data only). */
import type { MessagePort } from 'node:worker_threads';
import type { NetworkPreview } from '../network/types';
import type { PrepareContext, PreparedItem, PrepareOptions } from '../../services/imports/prepareImport';

/** A file to parse. The worker keeps its preview under `id` (a few at a time) for a later prepare. */
export interface ParseRequest {
  kind: 'parse';
  id: number;
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Commit-time work on a preview the worker keeps: prepareImport's items are posted on `port`
 * one by one, each followed by a bump of `signal[0]`, so the core can wait for them without its
 * event loop (it is inside the import's transaction); `signal[1]`, set by the core, stops the work.
 */
export interface PrepareRequest {
  kind: 'prepare';
  id: number;
  options: PrepareOptions;
  context: PrepareContext;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/** What the worker posts on a prepare's port: the items, a refusal, the preview no longer held, or an internal failure. */
export type PrepareMessage = { item: PreparedItem } | { appError: WireAppError } | { gone: true } | { internal: string };

/** An AppError as it crosses the thread boundary. */
export interface WireAppError {
  code: string;
  zh: string;
  en: string;
  details?: unknown;
}

/**
 * Features of a preview that cross back to the core: the ones its sample shows. The worker keeps
 * the whole preview for the commit (prepare), so the 50,000 features of a big file are not
 * copied to the core and back into objects there (most of a second) only to be converted again.
 */
export const PREVIEW_SAMPLE_SIZE = 20;

/** The preview (its features cut to the sample: the worker holds them all), or the refusal, or an internal failure's message. */
export type ParseResponse =
  | { id: number; ok: true; preview: NetworkPreview }
  | { id: number; ok: false; appError: WireAppError }
  | { id: number; ok: false; internal: string };
