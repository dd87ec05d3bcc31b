/**
 * The phone page and the field API on the county server (issue 12), mounted from the desk's own
 * host pieces so a phone sees the same routes and answers as on the LAN field server: the page and
 * its service worker, manifest and assets under `/field/` (the QR link is `<public URL>/field/#t=…`;
 * the service worker's scope stays off the county page), and `POST /api/phone.*` with
 * `Authorization: Bearer <team token>` (also under `/field/api/`, where the page's relative calls go).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../shared/contract/errors';
import { isPhoneProcedure } from '../../shared/contract/phone';
import { PHONE_UPLOAD_FIELDS, uploadField } from '../../shared/contract/uploads';
import { bearerAccess, bearerToken, fieldSite, handleApi, type ApiRoute } from '../../electron/core/host/http/index';
import { refuse } from '../../electron/core/host/http/body';
import { SERVER_PHONE_PATH } from '../../shared/contract/sync';
import type { ServerContext } from '../context';
import { authenticatePhone, callPhone, type CountyPhoneCaller } from '../phone/gateway';

/** The LAN field server's body limit: a resized photo is well under 1 MB, the limit for one is 6 MB. */
export const PHONE_MAX_BODY_BYTES = 10 * 1048576;

function phoneApi(ctx: ServerContext): ApiRoute<CountyPhoneCaller> {
  const policy = bearerAccess((token) => token);
  return {
    api: { has: isPhoneProcedure, call: (procedure, input, caller) => callPhone(ctx, procedure, input, caller), uploadField: (p) => uploadField(PHONE_UPLOAD_FIELDS, p) },
    // The token first: a phone without a valid one gets its 401 before the body is read.
    access: { admit: policy.admit, caller: (req) => authenticatePhone(ctx, bearerToken(req)) },
    maxBodyBytes: PHONE_MAX_BODY_BYTES,
  };
}

/** Answers true when the path was the phone's (page, assets or API). */
export async function handlePhone(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const api = /^(?:\/field)?\/api\/(phone\.[^/]*)$/.exec(path);
  if (api) {
    await handleApi(req, res, api[1]!, phoneApi(ctx));
    return true;
  }
  const base = SERVER_PHONE_PATH.slice(0, -1);
  if (path !== base && !path.startsWith(SERVER_PHONE_PATH)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    refuse(req, res, new AppError('method_not_allowed', { zh: '此地址只接受 GET, HEAD', en: 'This address accepts GET, HEAD only' }));
    return true;
  }
  if (path === base) {
    // /field → /field/, so the page's relative addresses (api/, assets/, field-sw.js) land under it.
    res.writeHead(301, { Location: SERVER_PHONE_PATH, 'Cache-Control': 'no-store' });
    res.end();
    return true;
  }
  fieldSite(ctx.rendererDir)(req, res, path.slice(base.length));
  return true;
}
