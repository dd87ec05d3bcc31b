import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's postgresql-15 package puts the server programs. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const PG_INSTALL_HINT = 'sudo apt-get install -y postgresql-15-postgis-3';

export interface TestCluster {
  /** postgres://postgres@127.0.0.1:PORT/draindesk, a database with PostGIS created. */
  url: string;
  port: number;
  /** Connection string for another database in the same cluster. */
  urlFor(database: string): string;
  /** Create a fresh empty database (with PostGIS) and answer its URL. */
  createDatabase(name: string): string;
  /** Run SQL with psql in a database, `input` on its standard input (for COPY … FROM STDIN). */
  psql(sql: string, database: string, input?: string): string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

function asPostgres(args: string[], input?: string): string {
  // initdb and postgres refuse to run as root: run them as the postgres system user.
  const asRoot = process.getuid?.() === 0;
  const [cmd, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args;
  const r = spawnSync(cmd!, rest, { encoding: 'utf8', input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * Start a throwaway PostgreSQL cluster on a temp folder and a free port, with a `draindesk`
 * database that has PostGIS. Fails (never skips) with the install line where PostgreSQL is missing.
 */
export async function startTestCluster(): Promise<TestCluster> {
  if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync('/usr/share/postgresql/15/extension/postgis.control')) {
    throw new Error(`PostgreSQL 15 with PostGIS 3 is needed for these tests and was not found in ${PG_BIN}. Install it with: ${PG_INSTALL_HINT}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-pg-'));
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  asPostgres([join(PG_BIN, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=40 -c shared_buffers=64MB`;
  asPostgres([join(PG_BIN, 'pg_ctl'), '-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const psql = (sql: string, db = 'postgres', input?: string) =>
    asPostgres([join(PG_BIN, 'psql'), '-h', dir, '-p', String(port), '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-qc', sql], input);
  const createDatabase = (name: string) => {
    psql(`CREATE DATABASE ${name}`);
    psql('CREATE EXTENSION postgis', name);
    return urlFor(name);
  };
  const url = createDatabase('draindesk');
  let stopped = false;
  return {
    url,
    port,
    urlFor,
    createDatabase,
    psql,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres([join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
