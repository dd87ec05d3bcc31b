import type { HandlersFor } from '../../api/handlerTypes';
import { seedDemoInto } from '../../demo';
import { applySetup, knownTownship, setupStatus, skipSetup } from './setupService';
import { testTiandituKey } from './tianditu';

export const setupHandlers: HandlersFor<
  'setup.status' | 'setup.divisions' | 'setup.searchTownships' | 'setup.township' | 'setup.apply' | 'setup.skip' | 'setup.sample' | 'basemap.testTianditu'
> = {
  'setup.status': (_input, ctx) => setupStatus(ctx),
  'setup.divisions': (input, ctx) => ctx.divisions().childrenOf(input.parent ?? ''),
  'setup.searchTownships': (input, ctx) => ctx.divisions().search(input.query, input.limit ?? 30),
  'setup.township': (input, ctx) => knownTownship(ctx, input.code),
  'setup.apply': (input, ctx) => applySetup(ctx, input),
  'setup.skip': (_input, ctx) => skipSetup(ctx),
  'setup.sample': (_input, ctx) => ({ features: seedDemoInto(ctx).features }),
  'basemap.testTianditu': (input) => testTiandituKey(input.key),
};
