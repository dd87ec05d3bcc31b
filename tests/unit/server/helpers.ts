import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { ChangeEntry } from '../../../shared/contract/changeFeed';
import { formatHlc } from '../../../shared/sync/hlc';
import { SERVER_ORIGIN, type ServerContext } from '../../../server/context';
import { migrateServer } from '../../../server/db/migrate';
import { openPool } from '../../../server/db/pool';
import { startServerHost, type ServerHost } from '../../../server/http/server';
import { issueEnrolCode } from '../../../server/sync/enrol';
import { createPhoneState } from '../../../server/phone/gateway';
import { createReportCache } from '../../../server/county/reportCache';
import type { TestCluster } from '../../helpers/postgres';

export interface TestServer {
  ctx: ServerContext;
  host: ServerHost;
  url: string;
  close(): Promise<void>;
}

let databases = 0;

/** A county server on a fresh database of the cluster, listening on a free port. */
export async function startTestServer(cluster: TestCluster, now?: () => Date): Promise<TestServer> {
  const url = cluster.createDatabase(`t${process.pid}_${++databases}`);
  const pool = await openPool(url);
  await migrateServer(pool);
  const ctx: ServerContext = {
    pool,
    installationId: SERVER_ORIGIN,
    clock: { last: null },
    rendererDir: resolve(import.meta.dirname, '../../../dist/renderer'),
    publicUrl: null,
    now: now ?? (() => new Date()),
    phones: createPhoneState(),
    reports: createReportCache(),
  };
  const host = await startServerHost(ctx, { port: 0, host: '127.0.0.1' });
  return {
    ctx,
    host,
    url: host.url,
    async close() {
      await host.close();
      await pool.end();
    },
  };
}

/** POST JSON and answer status and body (loosely typed: tests read whatever the route answers). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function post(url: string, body: unknown, key?: string, extra: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}), ...extra },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the raw text is the body.
  }
  return { status: res.status, body: parsed };
}

/** Add a township and enrol a desk for it through the real endpoint; answers its key and id. */
export async function enrolTownship(server: TestServer, name: string, deskTownshipId: string = randomUUID(), installationId = `desk-${name}`) {
  const { code } = await issueEnrolCode(server.ctx, name, 'add');
  const r = await post(`${server.url}/sync/enrol`, { code, installationId, townshipId: deskTownshipId, townshipName: name });
  if (r.status !== 200) throw new Error(`enrol failed: ${JSON.stringify(r.body)}`);
  return { key: r.body.key as string, townshipId: r.body.townshipId as string, installationId, code };
}

/** A clock string at a given millisecond for an origin. */
export const hlc = (ms: number, origin: string, counter = 0) => formatHlc({ wallMs: ms, counter, origin });

/** A change entry with sensible defaults. */
export function entry(townshipId: string, over: Partial<ChangeEntry> & Pick<ChangeEntry, 'table' | 'rowId'>): ChangeEntry {
  const origin = over.origin ?? 'desk-a';
  return {
    changeId: randomUUID(),
    townshipId,
    op: 'update',
    row: { id: over.rowId, township_id: townshipId },
    hlc: hlc(Date.now(), origin),
    baseHlc: null,
    origin,
    batchId: 'batch-1',
    source: 'desk',
    at: new Date().toISOString(),
    ...over,
  };
}

/** A ditch row with a line geometry near (lon, lat). */
export function ditchRow(townshipId: string, id: string, lon: number, lat: number, extra: Record<string, unknown> = {}) {
  return {
    id, township_id: townshipId, name: `沟${id.slice(0, 4)}`, kind: 'main', village: '兴隆村', condition: 'clear', work: 'existing',
    length_m: 500, note: '', source: 'desk', created_at: '2026-07-01T00:00:00.000Z', updated_at: '2026-07-01T00:00:00.000Z', deleted_at: null,
    geometry: JSON.stringify({ type: 'LineString', coordinates: [[lon, lat], [lon + 0.005, lat + 0.001]] }),
    min_lon: lon, min_lat: lat, max_lon: lon + 0.005, max_lat: lat + 0.001,
    ...extra,
  };
}

/** A reported blockage row with a point geometry at (lon, lat). */
export function blockageRow(townshipId: string, id: string, lon: number, lat: number, extra: Record<string, unknown> = {}) {
  return {
    id, township_id: townshipId, name: `堵点${id.slice(0, 4)}`, ditch_id: null, culvert_id: null, village: '兴隆村', status: 'reported', reported_at: '2026-07-01T08:00:00.000Z',
    note: '', source: 'desk', created_at: '2026-07-01T00:00:00.000Z', updated_at: '2026-07-01T00:00:00.000Z', deleted_at: null,
    geometry: JSON.stringify({ type: 'Point', coordinates: [lon, lat] }), min_lon: lon, min_lat: lat, max_lon: lon, max_lat: lat,
    ...extra,
  };
}
