import type { PoolClient } from 'pg';

/** One schema step of the county database. `up` runs inside the runner's transaction; it must not commit. */
export interface ServerMigration {
  version: number;
  name: string;
  up(client: PoolClient): Promise<void>;
}
