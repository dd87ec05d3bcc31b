import QRCode from 'qrcode';
import type { IssuedToken } from '../../../shared/contract/field';
import type { HandlersFor } from '../api/handlerTypes';
import type { CoreContext } from '../context';
import { issueToken, listTokens, renewToken, revokeToken } from '../services/teams/tokens';
import { saveFieldPort } from './config';
import { fieldAddresses, fieldStatus, runningServer, startField, stopField } from './registry';

/**
 * The field page's links for a new token, one per LAN address, each with its QR code. The token
 * travels in the #fragment, so it never reaches a server log or a Referer header.
 */
async function withLinks(ctx: CoreContext, issued: { token: IssuedToken['token']; secret: string }): Promise<IssuedToken> {
  const links = await Promise.all(
    fieldAddresses(ctx).map(async ({ address, url }) => {
      const full = `${url}#t=${issued.secret}`;
      const qrSvg = await QRCode.toString(full, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
      return { address, url: full, qrSvg };
    }),
  );
  return { ...issued, links };
}

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
