/**
 * The parse worker: network files are parsed here, off the host's event loop, so the desk and
 * the field server keep answering while a 100 MB KML is read. One request at a time; an
 * AppError travels back as data, anything else as an internal message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/contract/errors';
import { parseNetworkFile } from '../network/parse';
import type { ParseRequest, ParseResponse } from './protocol';

const port = parentPort;
if (!port) throw new Error('parseWorker must run in a worker thread');

port.on('message', (request: ParseRequest) => {
  const sqliteBinding = (workerData as { sqliteBinding?: string } | null)?.sqliteBinding;
  void parseNetworkFile(request.fileName, request.bytes, sqliteBinding ? { sqliteBinding } : {}).then(
    (preview) => port.postMessage({ id: request.id, ok: true, preview } satisfies ParseResponse),
    (error: unknown) => {
      const response: ParseResponse =
        error instanceof AppError
          ? { id: request.id, ok: false, appError: { code: error.code, zh: error.messageZh, en: error.messageEn, details: error.details } }
          : { id: request.id, ok: false, internal: error instanceof Error ? error.message : String(error) };
      port.postMessage(response);
    },
  );
});
