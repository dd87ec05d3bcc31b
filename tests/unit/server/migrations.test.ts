import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateServer, serverSchemaVersion } from '../../../server/db/migrate';
import { SERVER_LATEST_VERSION, serverMigrations, type ServerMigration } from '../../../server/db/migrations';
import { migration0001 } from '../../../server/db/migrations/0001-sync-replica';
import { migration0002 } from '../../../server/db/migrations/0002-county-overview';
import { openPool, type ServerPool } from '../../../server/db/pool';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';

let cluster: TestCluster;
const pools: ServerPool[] = [];
let n = 0;

async function freshPool(): Promise<ServerPool> {
  const pool = await openPool(cluster.createDatabase(`m${++n}`));
  pools.push(pool);
  return pool;
}

beforeAll(async () => {
  cluster = await startTestCluster();
}, 120_000);
afterAll(async () => {
  for (const p of pools) await p.end();
  cluster?.stop();
});

const tables = async (pool: ServerPool) =>
  (await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys' ORDER BY 1`)).rows.map((r) => r.table_name);

describe('server migrations', () => {
  it('has contiguous versions', () => {
    expect(serverMigrations.map((m) => m.version)).toEqual(serverMigrations.map((_, i) => i + 1));
    expect(SERVER_LATEST_VERSION).toBe(serverMigrations.length);
  });

  it('migrates an empty database to the latest version once, and tracks it', async () => {
    const pool = await freshPool();
    expect(await migrateServer(pool)).toEqual({ from: 0, to: SERVER_LATEST_VERSION });
    expect(await serverSchemaVersion(pool)).toBe(SERVER_LATEST_VERSION);
    expect(await migrateServer(pool)).toEqual({ from: SERVER_LATEST_VERSION, to: SERVER_LATEST_VERSION });
  });

  it('applies every step in one transaction: a failing step leaves the database as it was', async () => {
    const pool = await freshPool();
    const broken: ServerMigration = { version: 2, name: 'broken', up: async (c) => void (await c.query('SELECT * FROM no_such_table')) };
    await expect(migrateServer(pool, [migration0001, broken])).rejects.toThrow(/no_such_table/);
    expect(await tables(pool)).toEqual([]);
    expect(await serverSchemaVersion(pool)).toBe(0);
  });

  it('refuses a database from a newer server without touching it', async () => {
    const pool = await freshPool();
    await migrateServer(pool);
    await pool.query('UPDATE schema_version SET version = $1', [SERVER_LATEST_VERSION + 1]);
    const before = await tables(pool);
    await expect(migrateServer(pool)).rejects.toMatchObject({ code: 'db_newer_version' });
    expect(await tables(pool)).toEqual(before);
    expect(await serverSchemaVersion(pool)).toBe(SERVER_LATEST_VERSION + 1);
  });

  it('0001 sync-replica: PostGIS geometry with GiST indexes, and typed views over the replica', async () => {
    const pool = await freshPool();
    await migrateServer(pool, [migration0001]);
    const gist = (await pool.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'replica_feature' AND indexdef LIKE '%USING gist%' ORDER BY 1`)).rows;
    expect(gist.map((r) => r.indexname)).toEqual(['replica_feature_geom', 'replica_feature_geom_3857']);
    const cols = (await pool.query(`SELECT f_geometry_column AS c, srid FROM geometry_columns WHERE f_table_name = 'replica_feature' ORDER BY 1`)).rows;
    expect(cols).toEqual([{ c: 'geom', srid: 4326 }, { c: 'geom_3857', srid: 3857 }]);
    const views = (await pool.query(`SELECT table_name FROM information_schema.views WHERE table_schema = 'public' AND table_name LIKE '%_replica' ORDER BY 1`)).rows;
    expect(views.map((r) => r.table_name)).toEqual(expect.arrayContaining(['ditch_replica', 'blockage_event_replica', 'deployment_replica', 'team_replica']));
  });
  it('0002 county-overview: ditches already replicated are marked stale, and every later write marks its cells', async () => {
    const pool = await freshPool();
    await migrateServer(pool, [migration0001]);
    await pool.query(`INSERT INTO township (id, name, enrolled_at) VALUES ('t1', '双河乡', now())`);
    const line = (lon: number) => `ST_SetSRID(ST_GeomFromText('LINESTRING(${lon} 43.3, ${lon + 0.001} 43.301)'), 4326)`;
    await pool.query(`INSERT INTO replica_feature (township_id, layer, row_id, geom, geom_3857) VALUES ('t1', 'ditch', 'a', ${line(124)}, ST_Transform(${line(124)}, 3857))`);
    await migrateServer(pool, [migration0001, migration0002]);
    const stale = async () => (await pool.query('SELECT cell FROM replica_feature_overview_stale ORDER BY cell')).rows.map((r) => String(r.cell));
    const [cellA] = await stale();
    expect(cellA).toBeDefined();
    await pool.query('DELETE FROM replica_feature_overview_stale');
    // A ditch moved 0.5° east: both the cell it left and the one it entered are stale.
    await pool.query(`UPDATE replica_feature SET geom = ${line(124.5)}, geom_3857 = ST_Transform(${line(124.5)}, 3857) WHERE row_id = 'a'`);
    const moved = await stale();
    expect(moved).toHaveLength(2);
    expect(moved).toContain(cellA);
    await pool.query('DELETE FROM replica_feature_overview_stale');
    await pool.query(`DELETE FROM replica_feature WHERE row_id = 'a'`);
    expect(await stale()).toEqual(moved.filter((c) => c !== cellA));
    // Points are not in the overview: a blockage marks nothing.
    await pool.query('DELETE FROM replica_feature_overview_stale');
    await pool.query(`INSERT INTO replica_feature (township_id, layer, row_id, geom, geom_3857) VALUES ('t1', 'blockage', 'b', ST_SetSRID(ST_MakePoint(124, 43.3), 4326), ST_Transform(ST_SetSRID(ST_MakePoint(124, 43.3), 4326), 3857))`);
    expect(await stale()).toEqual([]);
  });
});
