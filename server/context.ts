import type { Hlc } from '../shared/sync/hlc';
import type { ServerPool } from './db/pool';
import type { PhoneState } from './phone/gateway';
import type { ReportCache } from './county/reportCache';

/** Everything the server's handlers use; no module globals. */
export interface ServerContext {
  pool: ServerPool;
  /** The server's own origin in clocks and feed entries (its conflict entries). */
  installationId: string;
  /** The last clock the server made or saw, so its own entries sort after what it received. */
  clock: { last: Hlc | null };
  /** Where the built renderer is (dist/renderer), for the county page and its print view. */
  rendererDir: string;
  /** The address users reach the server at (behind a proxy it differs from the listening one). */
  publicUrl: string | null;
  now(): Date;
  /** Phones (issue 12): each township's warm desk copy and the queue of calls on it. */
  phones: PhoneState;
  /** The county report's township lines, reused until a township's data change (county/reportCache.ts). */
  reports: ReportCache;
}

/** The server's origin id in every clock it makes. */
export const SERVER_ORIGIN = 'county-server';
