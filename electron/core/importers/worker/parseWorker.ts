/**
 * The parse worker: network files are parsed here, off the host's event loop, so the desk and
 * the field server keep answering while a 100 MB KML is read. One request at a time; an
 * AppError travels back as data, anything else as an internal message. The last few previews
 * stay here so that committing one converts, validates and builds its rows here too, slice by
 * slice, while the core inserts the slice before (services/imports/prepareImport.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/contract/errors';
import { parseNetworkFile } from '../network/parse';
import type { NetworkPreview } from '../network/types';
import { prepareImport } from '../../services/imports/prepareImport';
import { PREVIEW_SAMPLE_SIZE, type ParseRequest, type ParseResponse, type PrepareMessage, type PrepareRequest, type WireAppError } from './protocol';

if (!parentPort) throw new Error('parseWorker must run in a worker thread');
const port = parentPort;

/** Previews kept for a commit, newest last: as many as the core's PreviewStore keeps. */
const KEPT = 4;
const kept = new Map<number, NetworkPreview>();

function wire(error: AppError): WireAppError {
  return { code: error.code, zh: error.messageZh, en: error.messageEn, details: error.details };
}

function parse(request: ParseRequest): void {
  const sqliteBinding = (workerData as { sqliteBinding?: string } | null)?.sqliteBinding;
  void parseNetworkFile(request.fileName, request.bytes, sqliteBinding ? { sqliteBinding } : {}).then(
    (preview) => {
      kept.set(request.id, preview);
      while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
      port.postMessage({ id: request.id, ok: true, preview: { ...preview, features: preview.features.slice(0, PREVIEW_SAMPLE_SIZE) } } satisfies ParseResponse);
    },
    (error: unknown) => {
      const response: ParseResponse =
        error instanceof AppError ? { id: request.id, ok: false, appError: wire(error) } : { id: request.id, ok: false, internal: error instanceof Error ? error.message : String(error) };
      port.postMessage(response);
    },
  );
}

/** Post each prepared item, bumping the signal after each so the waiting core wakes. */
function prepare(request: PrepareRequest): void {
  const signal = new Int32Array(request.signal);
  const post = (message: PrepareMessage) => {
    request.port.postMessage(message);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  const preview = kept.get(request.id);
  if (!preview) {
    post({ gone: true });
    return;
  }
  try {
    for (const item of prepareImport(preview, request.options, request.context)) {
      // signal[1] is the core's stop: it failed or finished early, the rest is not wanted.
      if (Atomics.load(signal, 1) !== 0) break;
      post({ item });
    }
  } catch (error) {
    post(error instanceof AppError ? { appError: wire(error) } : { internal: error instanceof Error ? error.message : String(error) });
  } finally {
    request.port.close();
  }
}

port.on('message', (request: ParseRequest | PrepareRequest) => {
  if (request.kind === 'prepare') prepare(request);
  else parse(request);
});
