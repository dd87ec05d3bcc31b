import type { HandlersFor } from '../../api/handlerTypes';
import { importRain, previewImport } from './importService';
import { getRainOptions, setRainOptions } from './options';
import { rainGrid, rainHistory, saveRain, undoRain } from './rainfallService';
import { deleteStation, listStations, saveStation } from './stations';

export const rainfallHandlers: HandlersFor<
  | 'rainfall.stations'
  | 'rainfall.saveStation'
  | 'rainfall.deleteStation'
  | 'rainfall.grid'
  | 'rainfall.save'
  | 'rainfall.options'
  | 'rainfall.setOptions'
  | 'rainfall.previewImport'
  | 'rainfall.import'
  | 'rainfall.undo'
  | 'rainfall.history'
> = {
  'rainfall.stations': (_input, ctx) => listStations(ctx),
  'rainfall.saveStation': (input, ctx) => saveStation(ctx, input),
  'rainfall.deleteStation': (input, ctx) => deleteStation(ctx, input.id),
  'rainfall.grid': (input, ctx) => rainGrid(ctx, input.from, input.to),
  'rainfall.save': (input, ctx) => saveRain(ctx, input.readings, input.baseline),
  'rainfall.options': (_input, ctx) => getRainOptions(ctx),
  'rainfall.setOptions': (input, ctx) => setRainOptions(ctx, input),
  'rainfall.previewImport': (input, ctx) => previewImport(ctx, input),
  'rainfall.import': (input, ctx) => importRain(ctx, input),
  'rainfall.undo': (_input, ctx) => undoRain(ctx),
  'rainfall.history': (input, ctx) => rainHistory(ctx, input.limit),
};
