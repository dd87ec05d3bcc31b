import { AppError, type Result } from '../../../shared/contract';
import { isPhoneProcedure, phoneProcedures } from '../../../shared/contract/phone';
import { runProcedure } from '../api/runProcedure';
import type { CoreContext } from '../context';
import { phoneHandlers, type PhoneCaller, type PhoneHandler } from './phoneApi';

/** One phone call, for a caller the field server has already authenticated by its token. */
export type PhoneDispatch = (procedure: string, input: unknown, caller: PhoneCaller) => Promise<Result<unknown>>;

/**
 * The phone's dispatcher: the same runner as the desk's (strict input, checked output, one error
 * mapping), over the phone's own table, acting with source 'field'. Unexpected errors stay vague:
 * phones are on the network, not the office's own PC.
 */
export function createPhoneDispatch(ctx: CoreContext): PhoneDispatch {
  const fieldCtx: CoreContext = { ...ctx, source: 'field' };
  return (procedure, input, caller) => {
    if (!isPhoneProcedure(procedure)) {
      const error = new AppError('not_found', { zh: `没有这个接口：${procedure}`, en: `No such call: ${procedure}` });
      return Promise.resolve({ ok: false, error: error.toWire() });
    }
    const handler = phoneHandlers[procedure] as PhoneHandler<typeof procedure>;
    return runProcedure(phoneProcedures[procedure], (parsed) => handler(parsed as never, fieldCtx, caller), input, fieldCtx, false);
  };
}
