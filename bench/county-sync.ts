// Issue 11's performance claims, each against a baseline measured in the same run:
//  1. initial sync of a 50,000-segment township through POST /sync/push (500 a batch, as a desk
//     sends them) vs PostgreSQL's own COPY of the same rows into a table of the feed's shape;
//  2. steady state: 100 edited ditches pushed and pulled back vs COPY of those 100 rows;
//  3. the county map's tiles at 20 townships × 50,000 segments (one million): p95 of ST_AsMVT over
//     the GiST-indexed table vs the same query on an unindexed copy.
// Targets: initial < 20 s, steady < 1 s, tile p95 < 100 ms.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ChangeEntry } from '../shared/contract/changeFeed';
import { formatHlc } from '../shared/sync/hlc';
import { TileRepository } from '../server/db/repositories/tileRepository';
import { pushAll } from '../tests/helpers/deskFeed';
import { startTestCluster } from '../tests/helpers/postgres';
import { startTestServer } from '../tests/unit/server/helpers';
import { cloneTownships, ORIGIN, pushFirstTownship, SEGMENTS, tileOf, timeTiles, TOWNSHIP_SPAN, townshipEntries } from './countyData';
import { report } from './lib';

const TOWNSHIPS = 20;

/** The entries as COPY text (tab-separated, \N for null) for the baseline. */
function copyText(entries: readonly ChangeEntry[]): string {
  const esc = (v: string | null) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
  return entries
    .map((e) => [e.changeId, e.townshipId, e.table, e.rowId, e.op, e.row ? JSON.stringify(e.row) : null, e.hlc, e.baseHlc, e.origin, e.batchId, e.source, e.at].map(esc).join('\t'))
    .join('\n') + '\n';
}

/** Initial and steady-state sync, and county tiles at one million segments. */
export async function benchCountySync(): Promise<void> {
  const cluster = await startTestCluster();
  const server = await startTestServer(cluster);
  try {
    const db = new URL(server.ctx.pool.options.connectionString!).pathname.slice(1);
    // 1. Initial sync.
    const t = await pushFirstTownship(server, (id) => townshipEntries(id, 'bench-desk'));
    const initial = t.pushMs;
    const entries = t.entries;
    cluster.psql(`CREATE TABLE copy_baseline (LIKE feed_entry INCLUDING DEFAULTS); ALTER TABLE copy_baseline DROP COLUMN seq`, db);
    const text = copyText(entries);
    const t1 = performance.now();
    cluster.psql('COPY copy_baseline (change_id, township_id, table_name, row_id, op, row, hlc, base_hlc, origin, batch_id, source, at) FROM STDIN', db, text);
    const copyMs = performance.now() - t1;
    report(`county: initial sync ${SEGMENTS.toLocaleString('en-US')} segments (target < 20 s)`, initial, copyMs);
    console.log(`  initial sync ${(initial / 1000).toFixed(1)} s ${initial < 20_000 ? '✓' : '✗'} under 20 s`);

    // 2. Steady state: 100 edits made on top of what the server has, pushed, then pulled by another desk.
    const edits = entries.slice(0, 100).map((e, i) => ({
      ...e, changeId: randomUUID(), op: 'update' as const, row: { ...e.row!, condition: 'silted' },
      hlc: formatHlc({ wallMs: Date.now(), counter: i, origin: 'bench-desk' }), baseHlc: e.hlc, batchId: 'steady',
    }));
    const cursor = (await (await fetch(`${server.url}/sync/pull`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t.key}` }, body: JSON.stringify({ since: '', limit: 1 }) })).json()) as { cursor: string };
    const t2 = performance.now();
    await pushAll(server.url, t.key, edits);
    let since = String(SEGMENTS);
    for (;;) {
      const r = (await (await fetch(`${server.url}/sync/pull`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t.key}` }, body: JSON.stringify({ since, limit: 500 }) })).json()) as { cursor: string; more: boolean };
      since = r.cursor;
      if (!r.more) break;
    }
    const steady = performance.now() - t2;
    void cursor;
    const t3 = performance.now();
    cluster.psql('COPY copy_baseline (change_id, township_id, table_name, row_id, op, row, hlc, base_hlc, origin, batch_id, source, at) FROM STDIN', db, copyText(edits));
    const copySteady = performance.now() - t3;
    report('county: steady sync 100 changes, push + pull (< 1 s)', steady, copySteady);
    console.log(`  steady sync ${steady.toFixed(0)} ms ${steady < 1000 ? '✓' : '✗'} under 1 s`);

    // 3. Tiles: 19 more townships beside the first (their features copied in PostGIS, shifted), one million in all.
    const pool = server.ctx.pool;
    const total = await cloneTownships(server, t.townshipId, TOWNSHIPS);
    await pool.query('CREATE TABLE replica_feature_unindexed AS SELECT * FROM replica_feature');
    await pool.query('ANALYZE replica_feature_unindexed');
    // Tiles a county user looks at: village zoom (14) and township zoom (12) over random spots of the county.
    let seed = 11;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const tiles: [number, number, number][] = Array.from({ length: 60 }, (_, i) => {
      const z = i % 3 === 0 ? 12 : 14;
      const lon = ORIGIN.lon + rand() * 5 * TOWNSHIP_SPAN;
      const lat = ORIGIN.lat + rand() * 4 * TOWNSHIP_SPAN;
      return [z, ...tileOf(lon, lat, z)];
    });
    const repo = new TileRepository(pool);
    await timeTiles(repo, tiles.slice(0, 5));
    const ours = await timeTiles(repo, tiles);
    const base = await timeTiles(repo, tiles.slice(0, 20), { table: 'replica_feature_unindexed' });
    if (ours.bytes === 0) throw new Error('tiles came back empty');
    report(`county: tile p95 at ${TOWNSHIPS} × ${SEGMENTS.toLocaleString('en-US')} (${total.toLocaleString('en-US')})`, ours.p95, base.p95);
    console.log(`  tile p95 ${ours.p95.toFixed(1)} ms ${ours.p95 < 100 ? '✓' : '✗'} under 100 ms (${(ours.bytes / tiles.length / 1024).toFixed(1)} KB a tile on average)`);
  } finally {
    await server.close();
    cluster.stop();
  }
}
