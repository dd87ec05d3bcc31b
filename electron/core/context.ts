import type { Database } from 'better-sqlite3';
import type { SystemInfo } from '../../shared/contract/system';
import type { SyncRuntime, SyncLoopOptions } from './services/sync/runtime';
import type { TransportOptions } from './services/sync/transport';
import type { CoreState } from './state';
import type { NetworkParser } from './importers/worker/networkParser';

/** Where an operation came from; kept on history rows. */
export type Source = 'desk' | 'field' | 'import' | 'cli' | 'demo';

/** Everything a handler may use. Handlers get it; they never reach for globals. */
export interface CoreContext {
  db: Database;
  townshipId: string;
  dataDir: string;
  databaseFile: string;
  backupsDir: string;
  appVersion: string;
  transport: SystemInfo['transport'];
  source: Source;
  /** The clock, injectable so tests and the demo can fix "today". */
  now(): Date;
  /** The background sync with the county server (issue 11); made on first use, outlives calls. */
  sync?: SyncRuntime;
  /** Sync's timeouts, retries and loop pace (tests shorten them). */
  syncOptions?: { transport?: Partial<Omit<TransportOptions, 'serverUrl' | 'key' | 'caFile'>>; loop?: SyncLoopOptions };
  /** What the core keeps in memory between calls (previews, sheets being issued, open servers). */
  state: CoreState;
  /** Where import files are parsed: a worker thread in browser mode and the desktop core; inline when absent. */
  networkParser?: NetworkParser;
  /** better-sqlite3's native build for this runtime (Electron's), for in-memory databases (GeoPackage). */
  sqliteBinding?: string;
}
