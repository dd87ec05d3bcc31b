import type { z } from 'zod';
import { AppError, type WireError } from '../../../shared/contract/errors';
import type { Result } from '../../../shared/contract';
import { parseInput } from '../../../shared/contract/validation';
import type { CoreContext } from '../context';
import { classifySqliteError } from '../db/sqliteErrors';

/**
 * Any thrown value as a user-facing wire error. Unexpected ones are logged; the desk (the office's
 * own PC) is told what failed, callers from the network (`exposeInternal: false`) only that it did.
 */
export function toWireError(error: unknown, ctx: Pick<CoreContext, 'databaseFile'>, exposeInternal = true): WireError {
  if (error instanceof AppError) return error.toWire();
  const sqlite = classifySqliteError(error, ctx.databaseFile);
  if (sqlite) return sqlite.toWire();
  console.error('[core] unexpected error', error);
  if (!exposeInternal) {
    return new AppError('internal', { zh: '服务器内部错误，数据未被改动，请稍后重试', en: 'Internal server error; nothing was changed, try again later' }).toWire();
  }
  return new AppError('internal', {
    zh: `程序内部错误：${error instanceof Error ? error.message : String(error)}。数据未被改动；请重试或联系维护人员。`,
    en: `Internal error: ${error instanceof Error ? error.message : String(error)}. No data was changed; try again or contact support.`,
  }).toWire();
}

/** A procedure as the runner needs it: the contract's schemas (and whether to trust the output). */
export interface RunnableDef {
  input: z.ZodType;
  output: z.ZodType;
  trustOutput?: true;
}

/**
 * One call of one procedure, the same for every audience (desk, phone): parse the input strictly
 * with the contract, run the handler, check the output against the contract, and turn anything
 * thrown into a wire error. Never throws.
 */
export async function runProcedure(
  def: RunnableDef,
  run: (parsed: unknown) => unknown,
  input: unknown,
  ctx: Pick<CoreContext, 'databaseFile'>,
  exposeInternal = true,
): Promise<Result<unknown>> {
  try {
    const parsed = parseInput(def.input, input === undefined ? {} : input);
    const value = await run(parsed);
    return { ok: true, value: def.trustOutput === true ? value : def.output.parse(value) };
  } catch (error) {
    return { ok: false, error: toWireError(error, ctx, exposeInternal) };
  }
}
