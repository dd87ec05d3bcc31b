import { AppError, type WireError } from '../../../shared/contract/errors';
import { isProcedureName, procedures, type Result } from '../../../shared/contract';
import { parseInput } from '../../../shared/contract/validation';
import { withOverrides, type CoreContext } from '../context';
import { classifySqliteError } from '../db/sqliteErrors';
import type { Handler } from './handlerTypes';
import { handlers } from './handlers';

export type Dispatch = (procedure: string, input: unknown, overrides?: Partial<Omit<CoreContext, 'db' | 'townshipId'>>) => Promise<Result<unknown>>;

/** Any thrown value as a user-facing wire error; unexpected ones are logged and kept vague. */
export function toWireError(error: unknown, ctx: Pick<CoreContext, 'databaseFile'>): WireError {
  if (error instanceof AppError) return error.toWire();
  const sqlite = classifySqliteError(error, ctx.databaseFile);
  if (sqlite) return sqlite.toWire();
  console.error('[core] unexpected error', error);
  return new AppError('internal', {
    zh: `程序内部错误：${error instanceof Error ? error.message : String(error)}。数据未被改动；请重试或联系维护人员。`,
    en: `Internal error: ${error instanceof Error ? error.message : String(error)}. No data was changed; try again or contact support.`,
  }).toWire();
}

/**
 * The one entry every transport calls: look the procedure up, parse its input strictly with the
 * contract, run the handler, and check the output against the contract too.
 */
export function createDispatch(base: CoreContext): Dispatch {
  return async (procedure, input, overrides) => {
    const ctx = overrides ? withOverrides(base, overrides) : base;
    // Counted as running, so a restore waits for this call and this call waits for a restore.
    const leave = await base.database.enter();
    try {
      if (!isProcedureName(procedure)) {
        throw new AppError('unknown_procedure', {
          zh: `没有这个操作：${procedure}`,
          en: `No such procedure: ${procedure}`,
        });
      }
      const def = procedures[procedure];
      const parsed = parseInput(def.input, input === undefined ? {} : input);
      const handler = handlers[procedure] as Handler<typeof procedure>;
      const value = await handler(parsed as never, ctx);
      const trusted = (def as { trustOutput?: true }).trustOutput === true;
      return { ok: true, value: trusted ? value : def.output.parse(value) };
    } catch (error) {
      return { ok: false, error: toWireError(error, ctx) };
    } finally {
      leave();
    }
  };
}
