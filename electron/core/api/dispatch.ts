import { AppError } from '../../../shared/contract/errors';
import { isProcedureName, procedures, type Result } from '../../../shared/contract';
import type { CoreContext } from '../context';
import type { Handler } from './handlerTypes';
import { handlers } from './handlers';
import { runProcedure, toWireError } from './runProcedure';

export { toWireError };

export type Dispatch = (procedure: string, input: unknown, overrides?: Partial<CoreContext>) => Promise<Result<unknown>>;

/**
 * The one entry every transport calls: look the procedure up, parse its input strictly with the
 * contract, run the handler, and check the output against the contract too.
 */
export function createDispatch(base: CoreContext): Dispatch {
  return async (procedure, input, overrides) => {
    const ctx = overrides ? { ...base, ...overrides } : base;
    if (!isProcedureName(procedure)) {
      const error = new AppError('unknown_procedure', { zh: `没有这个操作：${procedure}`, en: `No such procedure: ${procedure}` });
      return { ok: false, error: error.toWire() };
    }
    const handler = handlers[procedure] as Handler<typeof procedure>;
    return runProcedure(procedures[procedure], (parsed) => handler(parsed as never, ctx), input, ctx);
  };
}
