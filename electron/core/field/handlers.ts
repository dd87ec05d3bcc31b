import type { HandlersFor } from '../api/handlerTypes';
import { issueToken, listTokens, renewToken, revokeToken } from '../services/teams/tokens';
import { saveFieldPort } from './config';
import { withLinks } from './links';
import { fieldStatus, runningServer, startField, stopField } from './registry';

export const fieldHandlers: HandlersFor<
  'field.status' | 'field.start' | 'field.stop' | 'field.setPort' | 'field.issueToken' | 'field.tokens' | 'field.revokeToken' | 'field.renewToken'
> = {
  'field.status': (_input, ctx) => fieldStatus(ctx),
  'field.start': (input, ctx) => startField(ctx, { port: input.port }),
  'field.stop': async (_input, ctx) => {
    await stopField(ctx);
    return fieldStatus(ctx);
  },
  'field.setPort': async (input, ctx) => {
    saveFieldPort(ctx, input.port);
    if (runningServer(ctx)) return startField(ctx, { port: input.port });
    return fieldStatus(ctx);
  },
  'field.issueToken': (input, ctx) => withLinks(ctx, issueToken(ctx, input.teamId, input.label)),
  'field.tokens': (input, ctx) => listTokens(ctx, input),
  'field.revokeToken': (input, ctx) => revokeToken(ctx, input.tokenId),
  'field.renewToken': (input, ctx) => withLinks(ctx, renewToken(ctx, input.tokenId)),
};
