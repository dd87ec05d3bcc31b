/**
 * Where network files are parsed: inline (tests, the CLI, which have no one else to serve) or in
 * a worker thread (browser mode and the desktop core, which must keep answering the desk and the
 * field server meanwhile). The worker is started on first use, bounded in memory, and replaced if
 * it dies (a file that exhausts its heap is refused; the host lives on). It is part of the
 * CoreContext, so its lifetime is the core's: `close()` ends it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../../shared/contract/errors';
import { parseNetworkFile } from '../network/parse';
import type { NetworkPreview } from '../network/types';
import type { PrepareContext, PreparedItem, PreparedStream, PrepareOptions } from '../../services/imports/prepareImport';
import type { ParseRequest, ParseResponse, PrepareMessage, PrepareRequest } from './protocol';

/** Parses a network file into its preview. */
export interface NetworkParser {
  parse(fileName: string, bytes: Uint8Array): Promise<NetworkPreview>;
  /**
   * The commit-time preparation of a preview this parser made, run beside the caller (see
   * prepareImport.ts); null for a preview it did not make (the caller prepares it inline). A
   * preview it made but no longer holds is refused as expired: the core has only its sample.
   */
  prepare?(preview: NetworkPreview, options: PrepareOptions, context: PrepareContext): PreparedStream | null;
  close(): Promise<void>;
}

/** How long the core waits for the worker's next prepared item before taking it for dead (a stopped worker cannot say so: the core's event loop is held). */
const PREPARE_STALL_MS = 60_000;

/** Heap the worker may use: far above any real file's preview, far below the machine's memory. */
const WORKER_HEAP_MB = 1536;

/**
 * Young generation of the worker: a commit builds 50,000 rows there, short-lived, a slice at a
 * time; V8's small default made it collect (and copy the survivors) several times per slice.
 */
const WORKER_YOUNG_MB = 64;

/** A preview whose features the worker has let go (it keeps the last few, like the PreviewStore) or lost with a restart. */
function previewGone(): AppError {
  return new AppError('not_found', {
    zh: '导入预览已过期或不存在，请重新选择文件',
    en: 'The import preview has expired or does not exist; choose the file again',
  });
}

/** The parser that runs in the caller's thread. */
export function inlineParser(): NetworkParser {
  return { parse: (fileName, bytes) => parseNetworkFile(fileName, bytes), close: async () => undefined };
}

/**
 * The worker script next to this module: the bundled .cjs in the app; under tsx (browser mode,
 * tests) the .ts source, loaded through tsx's register API inside the worker, since loader flags
 * do not reach worker threads.
 */
function workerEntry(): { code: string; eval: boolean } {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const dir = dirname(here);
  const bundled = join(dir, 'parse-worker.cjs');
  if (here.endsWith('.cjs') && existsSync(bundled)) return { code: bundled, eval: false };
  const source = pathToFileURL(join(dir, 'parseWorker.ts')).href;
  return { code: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`, eval: true };
}

/** A parser that sends each file to a worker thread, one at a time in order. */
export function workerParser(sqliteBinding?: string): NetworkParser {
  let worker: Worker | null = null;
  let nextId = 1;
  // Which parse (the worker keeps its preview under that id) each preview came from.
  const parsedAs = new WeakMap<NetworkPreview, { worker: Worker; id: number }>();
  const pending = new Map<number, { resolve(p: NetworkPreview): void; reject(e: unknown): void }>();

  const start = (): Worker => {
    const entry = workerEntry();
    const w = new Worker(entry.code, { eval: entry.eval, workerData: { sqliteBinding }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    w.on('message', (response: ParseResponse) => {
      const waiting = pending.get(response.id);
      if (!waiting) return;
      pending.delete(response.id);
      if (pending.size === 0) w.unref();
      if (response.ok) {
        parsedAs.set(response.preview, { worker: w, id: response.id });
        waiting.resolve(response.preview);
      }
      else if ('appError' in response) waiting.reject(new AppError(response.appError.code as ErrorCode, { zh: response.appError.zh, en: response.appError.en }, response.appError.details));
      else waiting.reject(new Error(response.internal));
    });
    const fail = (why: unknown) => {
      if (worker === w) worker = null;
      const message = why instanceof Error ? why.message : String(why);
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(
          new AppError('import_invalid', {
            zh: `读取文件时用尽了内存或中断(${message}),文件过大或已损坏,未导入任何内容`,
            en: `reading the file ran out of memory or stopped (${message}); it is too large or damaged, and nothing was imported`,
          }),
        );
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
    w.unref();
    return w;
  };

  return {
    parse(fileName, bytes) {
      worker ??= start();
      const id = nextId++;
      const request: ParseRequest = { kind: 'parse', id, fileName, bytes };
      return new Promise<NetworkPreview>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Held while a file is being parsed (a process with nothing else to do waits for it), let go when idle.
        (worker as Worker).ref();
        (worker as Worker).postMessage(request);
      });
    },
    prepare(preview, options, context) {
      const from = parsedAs.get(preview);
      if (!from) return null;
      if (from.worker !== worker) throw previewGone();
      const { port1, port2 } = new MessageChannel();
      const signal = new SharedArrayBuffer(8);
      const counts = new Int32Array(signal);
      const request: PrepareRequest = { kind: 'prepare', id: from.id, options, context, port: port2, signal };
      from.worker.postMessage(request, [port2]);
      const stop = () => {
        Atomics.store(counts, 1, 1);
        port1.close();
      };
      const receive = (): PrepareMessage => {
        for (;;) {
          const seen = Atomics.load(counts, 0);
          const got = receiveMessageOnPort(port1);
          if (got) return got.message as PrepareMessage;
          if (Atomics.wait(counts, 0, seen, PREPARE_STALL_MS) === 'timed-out') {
            throw new AppError('import_invalid', {
              zh: '导入时后台读取文件的线程没有响应，未导入任何内容，请重新选择文件',
              en: 'The background thread reading the file stopped answering during the import; nothing was imported. Choose the file again',
            });
          }
        }
      };
      const unwrap = (message: PrepareMessage): PreparedItem => {
        if ('item' in message) return message.item;
        stop();
        if ('appError' in message) throw new AppError(message.appError.code as ErrorCode, { zh: message.appError.zh, en: message.appError.en }, message.appError.details);
        throw new Error('internal' in message ? message.internal : 'import preparation ended early');
      };
      // The first answer says whether the worker still holds the preview (it keeps the last few).
      const first = receive();
      if ('gone' in first) {
        stop();
        throw previewGone();
      }
      let ahead: PreparedItem | null = unwrap(first);
      return {
        inWorker: true,
        next() {
          const item = ahead ?? unwrap(receive());
          ahead = null;
          return item;
        },
        close: stop,
      };
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
