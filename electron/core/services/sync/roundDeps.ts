import type { Database } from 'better-sqlite3';
import type { SyncConflictRepository } from '../../db/repositories/syncConflictRepository';
import type { SyncStateRepository } from '../../db/repositories/syncStateRepository';
import type { SyncFeed } from './feedPort';
import type { SyncWire } from './wire';

/** What one sync round works with; built per round from the context (deps.ts). */
export interface RoundDeps {
  db: Database;
  dataDir: string;
  now(): Date;
  feed: SyncFeed;
  links: SyncStateRepository;
  conflicts: SyncConflictRepository;
  wire: SyncWire;
}
