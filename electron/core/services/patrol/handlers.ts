import type { HandlersFor } from '../../api/handlerTypes';
import { coverageOn, tracksOn } from './views';

export const patrolHandlers: HandlersFor<'patrol.tracks' | 'patrol.coverage'> = {
  'patrol.tracks': (input, ctx) => tracksOn(ctx, input.date),
  'patrol.coverage': (input, ctx) => coverageOn(ctx, input.date),
};
