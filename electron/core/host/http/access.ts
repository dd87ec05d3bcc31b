import type { IncomingMessage } from 'node:http';
import { AppError } from '../../../../shared/contract/errors';
import type { AccessPolicy } from './types';

/**
 * The desk (browser mode): only pages that came from itself. The Host must be our loopback
 * address (against DNS rebinding) and a cross-site Origin is refused (against CSRF from other
 * pages); together with JSON-or-bytes bodies (never a CORS-simple type) no other page can call it.
 */
export function loopbackAccess(port: () => number): AccessPolicy<null> {
  return {
    admit(req) {
      const allowed = [`127.0.0.1:${port()}`, `localhost:${port()}`];
      const host = req.headers.host ?? '';
      if (!allowed.includes(host)) {
        return new AppError('forbidden', { zh: `拒绝来自 ${host.slice(0, 100)} 的请求`, en: `Refused request for host ${host.slice(0, 100)}` });
      }
      const origin = req.headers.origin;
      if (origin && !allowed.some((h) => origin === `http://${h}`)) {
        return new AppError('forbidden', { zh: `拒绝来自 ${origin.slice(0, 100)} 的跨站请求`, en: `Refused cross-site request from ${origin.slice(0, 100)}` });
      }
      return null;
    },
    caller: () => null,
  };
}

/** The token after `Authorization: Bearer`, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec((req.headers.authorization ?? '').trim());
  return m ? m[1]! : null;
}

/**
 * Phones (the LAN field server, later the county server): any Host (the phone knows us by a LAN
 * address), but a page posting from another site is refused, and every call needs a bearer token
 * that `authenticate` turns into the caller (or refuses with 401).
 */
export function bearerAccess<Caller>(authenticate: (token: string | null) => Caller): AccessPolicy<Caller> {
  return {
    admit(req) {
      const origin = req.headers.origin;
      if (!origin) return null;
      let host = '';
      try {
        host = new URL(origin).host;
      } catch {
        // unparseable: foreign
      }
      if (host && host === req.headers.host) return null;
      return new AppError('forbidden', { zh: `拒绝来自 ${origin.slice(0, 100)} 的跨站请求`, en: `Refused cross-site request from ${origin.slice(0, 100)}` });
    },
    caller: (req) => authenticate(bearerToken(req)),
  };
}
