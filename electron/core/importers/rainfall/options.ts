import { z } from 'zod';
import { AppError } from '../../../../shared/contract/errors';
import { isIsoDate } from './dates';
import type { BaselineParseOptions, RainfallParseOptions } from './types';

const day = z.string().refine(isIsoDate, { message: 'must be a YYYY-MM-DD date' });

const rainfallOptions = z.object({
  knownStations: z.array(z.string()),
  seasonStart: day,
  today: day,
  allowNewStations: z.boolean().optional(),
});

const baselineOptions = z.object({ seasonStart: day });

// Options come from the caller, not the user's file: a bad one is a programming error, said plainly.
function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new AppError('invalid_input', { zh: `导入参数有误：${detail}`, en: `Invalid import options: ${detail}` }, result.error.issues);
}

/** Validate the rainfall parser's options. */
export function checkRainfallOptions(value: RainfallParseOptions): RainfallParseOptions {
  return check(rainfallOptions, value);
}

/** Validate the baseline parser's options. */
export function checkBaselineOptions(value: BaselineParseOptions): BaselineParseOptions {
  return check(baselineOptions, value);
}
