import type pg from 'pg';
import { AppError } from '../../shared/contract/errors';
import { serverMigrations, type ServerMigration } from './migrations';
import { withTransaction, type ServerPool } from './pool';

/** The schema version recorded in the database (0 for an empty one). */
export async function serverSchemaVersion(c: pg.PoolClient | ServerPool): Promise<number> {
  const exists = await c.query(`SELECT to_regclass('public.schema_version') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return 0;
  const r = await c.query('SELECT version FROM schema_version');
  return r.rows[0]?.version ?? 0;
}

/**
 * Bring the county database to the latest version, all steps in one transaction: it reaches the
 * latest version or stays as it was. A database from a newer server is refused untouched.
 */
export async function migrateServer(pool: ServerPool, list: readonly ServerMigration[] = serverMigrations): Promise<{ from: number; to: number }> {
  return withTransaction(pool, async (c) => {
    // Two servers starting at once on one database migrate one after the other.
    await c.query('SELECT pg_advisory_xact_lock(7420011)');
    await c.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())');
    const from = await serverSchemaVersion(c);
    if (from > list.length) {
      throw new AppError('db_newer_version', {
        zh: `数据库来自更新版本的 DrainDesk 县级服务（数据版本 ${from}，本程序支持到 ${list.length}），未做改动；请升级服务程序`,
        en: `The database was written by a newer DrainDesk server (schema ${from}; this build knows up to ${list.length}); it was not modified. Update the server.`,
      });
    }
    for (const m of list.filter((x) => x.version > from)) await m.up(c);
    await c.query('DELETE FROM schema_version');
    await c.query('INSERT INTO schema_version (version) VALUES ($1)', [list.length]);
    return { from, to: list.length };
  });
}
