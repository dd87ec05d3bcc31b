import type { HandlersFor } from '../../api/handlerTypes';
import { listVillages, networkSummary, searchNetwork } from './networkQueries';
import { createFeature, deleteFeature, getFeature, listFeatures, mapFeatures, networkHistory, undoLastChange, updateFeature } from './networkService';

export const networkHandlers: HandlersFor<
  | 'network.list'
  | 'network.get'
  | 'network.mapFeatures'
  | 'network.create'
  | 'network.update'
  | 'network.delete'
  | 'network.undo'
  | 'network.history'
  | 'network.search'
  | 'network.villages'
  | 'network.summary'
> = {
  'network.list': (input, ctx) => listFeatures(ctx, input.layers, input.bbox),
  'network.get': (input, ctx) => getFeature(ctx, input.layer, input.id),
  'network.mapFeatures': (input, ctx) => mapFeatures(ctx, input.layers),
  'network.create': (input, ctx) => createFeature(ctx, input),
  'network.update': (input, ctx) => updateFeature(ctx, input),
  'network.delete': (input, ctx) => deleteFeature(ctx, input.layer, input.id),
  'network.undo': (_input, ctx) => undoLastChange(ctx),
  'network.history': (input, ctx) => networkHistory(ctx, input.limit),
  'network.search': (input, ctx) => searchNetwork(ctx, input.query, input.limit),
  'network.villages': (_input, ctx) => listVillages(ctx),
  'network.summary': (_input, ctx) => networkSummary(ctx),
};
