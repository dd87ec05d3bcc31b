import type { Result } from '../../shared/contract';
import { AppError } from '../../shared/contract/errors';

export interface CoreRequest {
  id: number;
  procedure: string;
  input: unknown;
}
export interface CoreReply {
  id: number;
  result: Result<unknown>;
}

/** The part of Electron's UtilityProcess the relay talks to. */
export interface CorePort {
  postMessage(message: CoreRequest): void;
  on(event: 'message', listener: (message: CoreReply) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
}

/**
 * Main only relays: each call gets an id, goes to the core process, and resolves when the reply
 * with that id comes back. If the core exits, every waiting call is answered with an error.
 */
export function createCoreRelay(port: CorePort) {
  let next = 1;
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  port.on('message', (reply) => {
    const done = waiting.get(reply.id);
    if (!done) return;
    waiting.delete(reply.id);
    done(reply.result);
  });
  port.on('exit', (code) => {
    const error = new AppError('internal', {
      zh: `数据服务意外退出（代码 ${code}），这次操作没有得到确认：请查看结果后再重试。`,
      en: `The data service stopped unexpectedly (code ${code}) before confirming this call; check its outcome and retry if needed.`,
    }).toWire();
    for (const done of waiting.values()) done({ ok: false, error });
    waiting.clear();
  });
  return (procedure: string, input: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      port.postMessage({ id, procedure, input });
    });
}
