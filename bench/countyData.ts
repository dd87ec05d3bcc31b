// The synthetic county shared by `bench -- county-sync` and `bench -- county-map`: one township's
// 50,000 ditches pushed through POST /sync/push as its desk would, the others copied beside it in
// PostGIS (shifted), so a million segments load in minutes rather than the hours twenty pushes take.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ChangeEntry } from '../shared/contract/changeFeed';
import { formatHlc } from '../shared/sync/hlc';
import type { TileRepository } from '../server/db/repositories/tileRepository';
import { pushAll } from '../tests/helpers/deskFeed';
import { blockageRow, ditchRow, enrolTownship, type TestServer } from '../tests/unit/server/helpers';

export const SEGMENTS = 50_000;
const SIDE = Math.ceil(Math.sqrt(SEGMENTS));
const STEP = 0.0015;
/** Degrees between two townships' south-west corners (a grid of five townships a row). */
export const TOWNSHIP_SPAN = SIDE * STEP + 0.05;
/** The first township's south-west corner. */
export const ORIGIN = { lon: 124, lat: 43.3 };

function kindOf(i: number): string {
  return i % 100 === 0 ? 'river' : i % 20 === 0 ? 'main' : i % 5 === 0 ? 'branch' : 'field';
}

/** Every how many ditches one is blocked with a reported blockage on it (county-map's data; county-sync has none). */
export const BLOCKED_EVERY = 1000;

/**
 * A township's 50,000 ditch inserts, as its desk's feed would push them; with `blockages`, every
 * BLOCKED_EVERY-th ditch is blocked and a reported blockage sits at its middle.
 */
export function townshipEntries(townshipId: string, origin: string, opts: { blockages?: boolean } = {}): ChangeEntry[] {
  const wall = Date.now() - 3600_000;
  const out: ChangeEntry[] = [];
  const push = (table: string, id: string, row: Record<string, unknown>) =>
    out.push({
      changeId: randomUUID(), townshipId, table, rowId: id, op: 'insert' as const, row,
      hlc: formatHlc({ wallMs: wall, counter: out.length, origin }), baseHlc: null, origin, batchId: 'initial', source: 'import', at: new Date(wall).toISOString(),
    });
  for (let i = 0; i < SEGMENTS; i++) {
    const id = randomUUID();
    const lon = ORIGIN.lon + (i % SIDE) * STEP;
    const lat = ORIGIN.lat + Math.floor(i / SIDE) * STEP;
    const blocked = opts.blockages === true && i % BLOCKED_EVERY === 7;
    const coordinates = [[lon, lat], [lon + STEP * 0.8, lat + STEP * 0.3]];
    push('ditch', id, ditchRow(townshipId, id, lon, lat, { kind: kindOf(i), condition: blocked ? 'blocked' : 'clear', geometry: JSON.stringify({ type: 'LineString', coordinates }) }));
    if (blocked) {
      const b = randomUUID();
      push('blockage', b, blockageRow(townshipId, b, lon + STEP * 0.4, lat + STEP * 0.15, { ditch_id: id }));
    }
  }
  return out;
}

/** The tile holding (lon, lat) at zoom z. */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

/** The 95th percentile of xs. */
export const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

/** Enrol the first township and push its entries through the real endpoint; answers its id, key, entries and the push's wall time. */
export async function pushFirstTownship(server: TestServer, entries: (townshipId: string) => ChangeEntry[]): Promise<{ townshipId: string; key: string; entries: ChangeEntry[]; pushMs: number }> {
  const t = await enrolTownship(server, '乡镇01');
  const list = entries(t.townshipId);
  const t0 = performance.now();
  const pushed = await pushAll(server.url, t.key, list);
  const pushMs = performance.now() - t0;
  if (pushed.accepted !== list.length) throw new Error(`only ${pushed.accepted} of ${list.length} accepted`);
  return { townshipId: t.townshipId, key: t.key, entries: list, pushMs };
}

/** Copy the first township's PostGIS features to `townships - 1` more townships beside it (five a row); answers the feature count. */
export async function cloneTownships(server: TestServer, firstId: string, townships: number): Promise<number> {
  const pool = server.ctx.pool;
  for (let k = 1; k < townships; k++) {
    const id = `bench-township-${k}`;
    await pool.query('INSERT INTO township (id, name, enrolled_at) VALUES ($1, $2, now())', [id, `乡镇${String(k + 1).padStart(2, '0')}`]);
    await pool.query(
      `INSERT INTO replica_feature (township_id, layer, row_id, kind, status, name, geom, geom_3857)
       SELECT $1, layer, row_id, kind, status, name, g, ST_Transform(g, 3857)
       FROM (SELECT layer, row_id, kind, status, name, ST_Translate(geom, $2, $3) AS g FROM replica_feature WHERE township_id = $4) s`,
      [id, (k % 5) * TOWNSHIP_SPAN, Math.floor(k / 5) * TOWNSHIP_SPAN, firstId],
    );
  }
  await pool.query('ANALYZE replica_feature');
  return Number((await pool.query('SELECT count(*) AS n FROM replica_feature')).rows[0].n);
}

/** Cut every tile of `list` one after another; p95 in ms and bytes in all. */
export async function timeTiles(repo: TileRepository, list: readonly [number, number, number][], opts: { table?: string; generalise?: boolean } = {}): Promise<{ p95: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (const [z, x, y] of list) {
    const s = performance.now();
    bytes += (await repo.tile(z, x, y, opts)).length;
    times.push(performance.now() - s);
  }
  return { p95: p95(times), bytes };
}
