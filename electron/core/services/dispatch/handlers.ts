import type { HandlersFor } from '../../api/handlerTypes';
import { acceptPlan } from './accept';
import { setNeeds } from './needs';
import { planForDay } from './planService';

export const dispatchHandlers: HandlersFor<'dispatch.plan' | 'dispatch.accept' | 'dispatch.setNeeds'> = {
  'dispatch.plan': (input, ctx) => planForDay(ctx, input),
  'dispatch.accept': (input, ctx) => acceptPlan(ctx, input),
  'dispatch.setNeeds': (input, ctx) => setNeeds(ctx, input),
};
