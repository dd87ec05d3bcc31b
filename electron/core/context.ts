import type { Database } from 'better-sqlite3';
import type { SystemInfo } from '../../shared/contract/system';
import type { SyncRuntime, SyncLoopOptions } from './services/sync/runtime';
import type { TransportOptions } from './services/sync/transport';
import type { CoreState } from './state';
import type { NetworkParser } from './importers/worker/networkParser';
import type { DatabaseHolder } from './db/holder';
import type { SheetPdfRenderer } from './sheets/port';

/** Where an operation came from; kept on history rows. */
export type Source = 'desk' | 'field' | 'import' | 'cli' | 'demo';

/** Everything a handler may use. Handlers get it; they never reach for globals. */
export interface CoreContext {
  /** The open database: read per call, since a restore replaces it while the app runs. */
  readonly db: Database;
  /** The township of the open database (a restored file may hold another one). */
  readonly townshipId: string;
  /** Holds the open database and swaps it for a restore. */
  database: DatabaseHolder;
  /** Turns a sheet's print view into PDF: given by the entry point (Electron, headless Chromium, a test). */
  sheetRenderer: SheetPdfRenderer;
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
  /** The built renderer folder the entry point serves (browser mode knows it); the field server looks beside the core when absent. */
  rendererDir?: string;
  /** better-sqlite3's native build for this runtime (Electron's), for in-memory databases (GeoPackage). */
  sqliteBinding?: string;
}

/**
 * The same context with some members replaced, still reading the database live (a plain spread
 * would copy the connection a restore is about to close).
 */
export function withOverrides(base: CoreContext, overrides: Partial<Omit<CoreContext, 'db' | 'townshipId'>>): CoreContext {
  const ctx = Object.defineProperties({}, {
    ...Object.getOwnPropertyDescriptors(base),
    db: { get: () => base.db, enumerable: true },
    townshipId: { get: () => base.townshipId, enumerable: true },
  }) as CoreContext;
  return Object.assign(ctx, overrides);
}
