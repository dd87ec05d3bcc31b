import type { ServerMigration } from './types';
import { migration0001 } from './0001-sync-replica';
import { migration0002 } from './0002-county-overview';

/** Every schema version of the county database in order. Append only: a shipped migration is never edited. */
export const serverMigrations: readonly ServerMigration[] = [migration0001, migration0002];

/** The schema version this build of the server writes. */
export const SERVER_LATEST_VERSION = checkRegistry(serverMigrations);

function checkRegistry(list: readonly ServerMigration[]): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`server migration registry out of order: ${m.name} has version ${m.version}, expected ${i + 1}`);
    }
  });
  return list.length;
}

export type { ServerMigration } from './types';
