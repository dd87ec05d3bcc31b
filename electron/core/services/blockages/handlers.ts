import type { HandlersFor } from '../../api/handlerTypes';
import { confirmImport, previewImport } from './importReports';
import { addNote, assign, transition, undoLast } from './lifecycle';
import { readPhoto } from './photos';
import { changesSince, listBlockages } from './queries';
import { blockageRepo, detail } from './views';
import { AppError } from '../../../../shared/contract/errors';

export const blockageHandlers: HandlersFor<
  | 'blockages.list'
  | 'blockages.get'
  | 'blockages.transition'
  | 'blockages.assign'
  | 'blockages.note'
  | 'blockages.undo'
  | 'blockages.changesSince'
  | 'blockages.photo'
  | 'blockages.importPreview'
  | 'blockages.importConfirm'
> = {
  'blockages.list': (input, ctx) => listBlockages(ctx, input),
  'blockages.get': (input, ctx) => detail(ctx, input.id),
  'blockages.transition': (input, ctx) => transition(ctx, input),
  'blockages.assign': (input, ctx) => assign(ctx, input),
  'blockages.note': (input, ctx) => addNote(ctx, input),
  'blockages.undo': (_input, ctx) => undoLast(ctx),
  'blockages.changesSince': (input, ctx) => changesSince(ctx, input.cursor),
  'blockages.photo': (input, ctx) => {
    const event = blockageRepo(ctx).event(input.eventId);
    if (!event?.photo) throw new AppError('not_found', { zh: '这条记录没有照片', en: 'This event has no photo' });
    return readPhoto(ctx, event.photo);
  },
  'blockages.importPreview': (input, ctx) => previewImport(ctx, input),
  'blockages.importConfirm': (input, ctx) => confirmImport(ctx, input),
};
