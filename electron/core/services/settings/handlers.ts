import type { HandlersFor } from '../../api/handlerTypes';
import { getSettings, settingsHistory, undoSettings, updateSettings } from './settingsService';

export const settingsHandlers: HandlersFor<'settings.get' | 'settings.update' | 'settings.history' | 'settings.undo'> = {
  'settings.get': (_input, ctx) => getSettings(ctx),
  'settings.update': (input, ctx) => updateSettings(ctx, input),
  'settings.history': (input, ctx) => settingsHistory(ctx, input.limit),
  'settings.undo': (_input, ctx) => undoSettings(ctx),
};
