import type { Readable, Writable } from 'node:stream';

/** A DevTools protocol event: its method, parameters and (for a page) its session. */
export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

/** The DevTools protocol over Chromium's debugging pipe (`--remote-debugging-pipe`, fds 3 and 4). */
export interface CdpConnection {
  /** Send a command (to a page when `sessionId` is given) and resolve with its result. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  /** Listen to every event; returns a function that stops listening. */
  onEvent(listener: (event: CdpEvent) => void): () => void;
  /** Called once when the pipe closes (Chromium exited or was closed). */
  onClose(listener: () => void): void;
  readonly closed: boolean;
}

interface Reply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
}

/**
 * Speak the protocol on a pipe pair: messages are JSON, each ended by a NUL byte. Commands sent
 * before Chromium is up wait in the pipe, so a page can be asked for while it starts.
 */
export function cdpOverPipe(toBrowser: Writable, fromBrowser: Readable): CdpConnection {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; method: string }>();
  const listeners = new Set<(event: CdpEvent) => void>();
  const closeListeners: (() => void)[] = [];
  let buffered: Buffer[] = [];

  const dispatch = (text: string) => {
    const message = JSON.parse(text) as Reply;
    if (message.id !== undefined) {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (!waiting) return;
      if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
      else waiting.resolve(message.result ?? {});
      return;
    }
    const event: CdpEvent = { method: message.method!, params: message.params ?? {}, ...(message.sessionId ? { sessionId: message.sessionId } : {}) };
    for (const listener of listeners) listener(event);
  };

  fromBrowser.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      buffered.push(chunk.subarray(start, end));
      // A message that cannot be read (or a listener that throws) must not end the process that
      // prints: it is logged, and a command waiting for it fails on its own timeout.
      try {
        dispatch(Buffer.concat(buffered).toString('utf8'));
      } catch (error) {
        console.error('[print] DevTools message not handled', error);
      }
      buffered = [];
      start = end + 1;
    }
    if (start < chunk.length) buffered.push(chunk.subarray(start));
  });
  const close = () => {
    if (closed) return;
    closed = true;
    for (const waiting of pending.values()) waiting.reject(new Error(`${waiting.method}: the print browser closed`));
    pending.clear();
    for (const listener of closeListeners) listener();
  };
  fromBrowser.on('close', close);
  fromBrowser.on('error', close);
  toBrowser.on('error', close);

  return {
    send: <T>(method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
      new Promise<T>((resolve, reject) => {
        if (closed) return reject(new Error(`${method}: the print browser closed`));
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: Record<string, unknown>) => void, reject, method });
        toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose: (listener) => void closeListeners.push(listener),
    get closed() {
      return closed;
    },
  };
}
