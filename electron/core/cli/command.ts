import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../../shared/contract/errors';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../shared/contract';
import { openCore, type Core } from '../app';
import { defaultDataDir } from '../paths';
import { createHeadlessSheetRenderer } from '../sheets/headless';

/** One `npm run cli -- <name>` command. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[]): Promise<void>;
}

/** Parse a command's flags strictly: an unknown flag is an error, not silently ignored. */
export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    throw new AppError('invalid_input', {
      zh: `参数有误：${(error as Error).message}（用 --help 查看用法）`,
      en: `Bad arguments: ${(error as Error).message} (see --help)`,
    });
  }
}

/**
 * Open the data folder for a command, run it, and always close the database and the sheet
 * printer (headless Chromium, launched only if the command prints).
 */
export async function withCore<T>(dataDir: string | undefined, fn: (core: Core) => Promise<T>): Promise<T> {
  const sheetRenderer = createHeadlessSheetRenderer();
  const core = await openCore({ dataDir: dataDir ?? defaultDataDir(), transport: 'cli', source: 'cli', sheetRenderer });
  try {
    return await fn(core);
  } finally {
    core.close();
    await sheetRenderer.close();
  }
}

/** Call a procedure through the same dispatcher the UI uses; throw its error for the CLI to print. */
export async function call<P extends ProcedureName>(core: Core, procedure: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P>> {
  const result = await core.dispatch(procedure, input);
  if (!result.ok) throw new AppError(result.error.code, { zh: result.error.message, en: result.error.messageEn }, result.error.details);
  return result.value as ProcedureOutput<P>;
}

export const DATA_FLAG_HELP = `  --data DIR   数据文件夹 data folder (default: ${defaultDataDir()})`;
