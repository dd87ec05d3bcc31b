import type { HandlersFor } from '../../api/handlerTypes';
import { deploymentHistory, getDay, saveDay, undoLast } from './deploymentService';
import { getDeploymentOptions, setDeploymentOptions } from './options';
import { deploymentPlaces } from './places';

export const deploymentHandlers: HandlersFor<
  | 'deployments.day'
  | 'deployments.saveDay'
  | 'deployments.undo'
  | 'deployments.history'
  | 'deployments.places'
  | 'deployments.options'
  | 'deployments.setOptions'
> = {
  'deployments.day': (input, ctx) => getDay(ctx, input.date),
  'deployments.saveDay': (input, ctx) => saveDay(ctx, input.date, input.rows),
  'deployments.undo': (_input, ctx) => undoLast(ctx),
  'deployments.history': (input, ctx) => deploymentHistory(ctx, input.date, input.limit),
  'deployments.places': (_input, ctx) => deploymentPlaces(ctx),
  'deployments.options': (_input, ctx) => getDeploymentOptions(ctx),
  'deployments.setOptions': (input, ctx) => setDeploymentOptions(ctx, input),
};
