import type { HandlersFor } from '../../api/handlerTypes';
import { listConflicts, resolveConflict } from './conflicts';
import { disconnect, enrol, syncNow, syncStatus } from './service';

export const syncHandlers: HandlersFor<'sync.status' | 'sync.enrol' | 'sync.now' | 'sync.disconnect' | 'sync.conflicts' | 'sync.resolveConflict'> = {
  'sync.status': (_input, ctx) => syncStatus(ctx),
  'sync.enrol': (input, ctx) => enrol(ctx, input),
  'sync.now': (_input, ctx) => syncNow(ctx),
  'sync.disconnect': (_input, ctx) => disconnect(ctx),
  'sync.conflicts': (input, ctx) => listConflicts(ctx, input.includeReviewed ?? false),
  'sync.resolveConflict': (input, ctx) => resolveConflict(ctx, input.id, input.reapplyLoser),
};
