import type { HandlersFor } from '../../api/handlerTypes';
import { deleteTeam, listTeams, saveTeam } from './teamService';

export const teamHandlers: HandlersFor<'teams.list' | 'teams.save' | 'teams.delete'> = {
  'teams.list': (_input, ctx) => listTeams(ctx),
  'teams.save': (input, ctx) => saveTeam(ctx, input),
  'teams.delete': (input, ctx) => deleteTeam(ctx, input.id),
};
