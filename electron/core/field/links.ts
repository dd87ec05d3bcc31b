/**
 * Where a new phone token's QR code points (issue 12): an enrolled desk's phones use the county
 * server's public address (HTTPS with a real certificate, reachable on mobile data, the token
 * arriving there with the next sync); the LAN field server's addresses follow when it is on.
 * A desk that is not enrolled has only the LAN addresses, as before.
 */
import QRCode from 'qrcode';
import type { IssuedToken } from '../../../shared/contract/field';
import { serverPhoneUrl } from '../../../shared/contract/sync';
import type { CoreContext } from '../context';
import { SyncStateRepository, type SyncLink } from '../db/repositories/syncStateRepository';
import { fieldAddresses, runningServer } from './registry';

type PhoneLink = Omit<IssuedToken['links'][number], 'qrSvg'>;

/** The county server's phone page for an enrolment: its public address, else the one the desk enrolled at. */
export function countyPhoneUrl(link: Pick<SyncLink, 'publicUrl' | 'serverUrl'>): string {
  return serverPhoneUrl(link.publicUrl ?? link.serverUrl);
}

/** The phone page on the county server, when this desk is enrolled with one. */
export function countyPhoneLink(ctx: Pick<CoreContext, 'db'>): PhoneLink | null {
  const link = new SyncStateRepository(ctx.db).get();
  if (!link) return null;
  const url = countyPhoneUrl(link);
  return { kind: 'county', address: new URL(url).host, url };
}

/** Every address a phone may open the page at, best first: the county server, then the LAN ones (only while that server runs, when enrolled). */
export function phoneLinks(ctx: CoreContext): PhoneLink[] {
  const county = countyPhoneLink(ctx);
  const lan = county && !runningServer(ctx) ? [] : fieldAddresses(ctx).map((a) => ({ kind: 'lan' as const, ...a }));
  return county ? [county, ...lan] : lan;
}

/** The links with the token in their #fragment (never sent to a server or a Referer), each with its QR code. */
export async function withLinks(ctx: CoreContext, issued: { token: IssuedToken['token']; secret: string }): Promise<IssuedToken> {
  const links = await Promise.all(
    phoneLinks(ctx).map(async (l) => {
      const full = `${l.url}#t=${issued.secret}`;
      const qrSvg = await QRCode.toString(full, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
      return { ...l, url: full, qrSvg };
    }),
  );
  return { ...issued, links };
}
