import type { Database } from 'better-sqlite3';
import type { SystemInfo } from '../../shared/contract/system';
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
  /** Where import files are parsed: a worker thread in browser mode and the desktop core; inline when absent. */
  networkParser?: NetworkParser;
  /** better-sqlite3's native build for this runtime (Electron's), for in-memory databases (GeoPackage). */
  sqliteBinding?: string;
}
