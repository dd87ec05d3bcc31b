import type { HandlersFor } from '../../api/handlerTypes';
import { getSeries, getTotals } from './totalsService';

export const totalsHandlers: HandlersFor<'totals.get' | 'totals.series'> = {
  'totals.get': (input, ctx) => getTotals(ctx, input.date),
  'totals.series': (input, ctx) => getSeries(ctx, input.from, input.to),
};
