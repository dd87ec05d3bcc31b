import type { Result } from '../../shared/contract';
import { AppError } from '../../shared/contract/errors';
import { isTrustedSender, type FrameLike } from './security';

export const INVOKE_CHANNEL = 'draindesk:invoke';

/** The part of IpcMainInvokeEvent the handler reads. */
export interface InvokeEventLike {
  senderFrame: FrameLike | null;
}

export type Relay = (procedure: string, input: unknown) => Promise<Result<unknown>>;

/**
 * The one IPC handler: refuse untrusted senders and malformed calls, relay the rest to the core
 * (which validates the input against the contract). Returns a Result, never throws across IPC.
 */
export function createInvokeHandler(relay: Relay) {
  return async (event: InvokeEventLike, procedure: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: new AppError('forbidden', { zh: '拒绝来自非本程序页面的调用', en: 'Refused a call from outside the app' }).toWire() };
    }
    if (typeof procedure !== 'string' || procedure.length > 100) {
      return { ok: false, error: new AppError('unknown_procedure', { zh: '操作名称无效', en: 'Invalid procedure name' }).toWire() };
    }
    return relay(procedure, input);
  };
}
