import type { Database } from 'better-sqlite3';
import type { SystemInfo } from '../../shared/contract/system';
import type { DivisionIndex } from './services/setup/divisionIndex';

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
  /** The national division list, read on first use and kept for the life of the core. */
  divisions(): DivisionIndex;
}
