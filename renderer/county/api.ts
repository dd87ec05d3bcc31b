import type { CountyReport, CountySession, TownshipDashboard } from '../../shared/contract/county';
import type { WireError } from '../../shared/contract/errors';

/** A failed county call with the server's bilingual message. */
export class CountyApiError extends Error {
  constructor(readonly wire: WireError, readonly status: number) {
    super(wire.message);
  }
}

async function call<T>(path: string, body: unknown, csrf: string | null): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new CountyApiError({ code: 'internal', message: '无法连接县服务器，请检查网络', messageEn: 'Cannot reach the county server; check the network' }, 0);
  }
  const json = (await res.json().catch(() => null)) as { error?: WireError } | null;
  if (!res.ok) throw new CountyApiError(json?.error ?? { code: 'internal', message: `服务器返回 ${res.status}`, messageEn: `Server answered ${res.status}` }, res.status);
  return json as T;
}

/** The whole county's bounding box (null while no township has synced). */
export interface CountyExtent {
  bbox: [number, number, number, number] | null;
}

/** The county API the page uses; the CSRF token from login goes with every POST. */
export const countyApi = {
  session: () => call<CountySession>('/county/api/session', undefined, null),
  login: (name: string, password: string) => call<CountySession>('/county/api/login', { name, password }, null),
  logout: (csrf: string) => call<{ ok: true }>('/county/api/logout', {}, csrf),
  extent: () => call<CountyExtent>('/county/api/extent', undefined, null),
  report: (csrf: string, date: string) => call<CountyReport>('/county/api/report', { date }, csrf),
  township: (csrf: string, townshipId: string, date: string) => call<TownshipDashboard>('/county/api/township', { townshipId, date }, csrf),
};
