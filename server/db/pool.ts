import pg from 'pg';
import { AppError } from '../../shared/contract/errors';

/** A pool of connections to the county database. */
export type ServerPool = pg.Pool;

/** Open a pool on a `postgres://` URL; one connection is tried so a wrong URL fails here, clearly. */
export async function openPool(url: string, max = 10): Promise<ServerPool> {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new AppError('invalid_input', { zh: `--pg 应为 postgres://用户@主机:端口/数据库，而不是 ${url}`, en: `--pg must be postgres://user@host:port/database, not ${url}` });
  }
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server drops (a restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    const c = await pool.connect();
    c.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new AppError('internal', {
      zh: `无法连接数据库 ${redact(url)}：${(error as Error).message}`,
      en: `Cannot connect to the database ${redact(url)}: ${(error as Error).message}`,
    });
  }
  return pool;
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Run `work` in one transaction: committed when it returns, rolled back when it throws. */
export async function withTransaction<T>(pool: ServerPool, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}
