import { AppError } from '../../../../shared/contract/errors';
import type { RainOptions } from '../../../../shared/contract/rainfall';
import type { CoreContext } from '../../context';
import { RainRepository } from '../../db/repositories/rainRepository';
import { readSetting, writeSettings } from '../settings/store';

/** The settings key of how the township's rain is formed (its changes are in the rainfall history and undo). */
export const RAIN_OPTIONS_KEY = 'rainfall.options';

/** How the township's daily rainfall is formed (default: the mean of the stations that reported). */
export function getRainOptions(ctx: CoreContext): RainOptions {
  return readSetting(ctx, RAIN_OPTIONS_KEY);
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
  if (JSON.stringify(getRainOptions(ctx)) === JSON.stringify(value)) return value;
  writeSettings(ctx, { [RAIN_OPTIONS_KEY]: value });
  return value;
}
