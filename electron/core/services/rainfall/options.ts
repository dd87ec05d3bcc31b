import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import { rainOptionsSchema, type RainOptions } from '../../../../shared/contract/rainfall';
import type { CoreContext } from '../../context';
import { ChangeLog } from '../../db/repositories/changeLog';
import { RainRepository } from '../../db/repositories/rainRepository';
import { WorkOptionRepository } from '../../db/repositories/workOptionRepository';

export const RAIN_OPTIONS_KEY = 'rainfall.options';
const DEFAULT: RainOptions = { townshipValue: 'mean', stationId: null };

/** How the township's daily rainfall is formed (default: the mean of the stations that reported). */
export function getRainOptions(ctx: CoreContext): RainOptions {
  const stored = new WorkOptionRepository(ctx.db, ctx.townshipId).get(RAIN_OPTIONS_KEY);
  const parsed = rainOptionsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT;
}

/** Choose the mean of the stations, or one station; the change goes into the rainfall history. */
export function setRainOptions(ctx: CoreContext, next: RainOptions): RainOptions {
  const value: RainOptions = next.townshipValue === 'mean' ? { townshipValue: 'mean', stationId: null } : next;
  if (value.townshipValue === 'station') {
    const station = value.stationId ? new RainRepository(ctx.db, ctx.townshipId).station(value.stationId) : undefined;
    if (!station || station.deleted_at !== null) {
      throw new AppError('invalid_input', {
        zh: '按单站取值时，请选择一个现有的雨量站',
        en: 'Choose an existing station to take the township value from',
      }, { issues: [{ path: 'stationId', code: 'custom', message: '请选择一个现有的雨量站', messageEn: 'choose an existing station' }] });
    }
  }
  const repo = new WorkOptionRepository(ctx.db, ctx.townshipId);
  const before = repo.get(RAIN_OPTIONS_KEY) ?? null;
  if (JSON.stringify(getRainOptions(ctx)) === JSON.stringify(value)) return value;
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    repo.set(RAIN_OPTIONS_KEY, value, at);
    new ChangeLog(ctx.db, 'rain_change', ctx.townshipId).add({
      batchId: randomUUID(), entity: 'option', entityId: RAIN_OPTIONS_KEY, action: 'set', before, after: value, source: ctx.source, at,
    });
  })();
  return value;
}
