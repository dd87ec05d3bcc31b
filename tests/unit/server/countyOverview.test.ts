// The county map's overview (zooms 6–11): a generalised tile still carries every blocked ditch
// and every blockage on its own, covers the same ditches (within a pixel, both ways), and shows
// a synced edit on the next fetch.
import { randomUUID } from 'node:crypto';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../../shared/contract/changeFeed';
import { addCountyUser } from '../../../server/county/auth';
import { pushAll } from '../../helpers/deskFeed';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { blockageRow, ditchRow, enrolTownship, entry, hlc, startTestServer, type TestServer } from './helpers';

const Z = 9;
const SIDE = 60;
const STEP = 0.0015;
const LON = 124.02;
const LAT = 43.32;
/** A 512-pixel tile's pixel in the tile's 4096 units; the overview stays within 1.5 of them. */
const PX = 4096 / 512;

interface Ditch { id: string; kind: string; blocked: boolean; coords: number[][]; hlc: string; row: Record<string, unknown> }

let cluster: TestCluster;
let server: TestServer;
let township: { key: string; townshipId: string };
let cookie: string;
const ditches: Ditch[] = [];
const blockages: number[][] = [];

const kindOf = (i: number) => (i % 100 === 0 ? 'river' : i % 20 === 0 ? 'main' : i % 5 === 0 ? 'branch' : 'field');
const classOf = (kind: string) => (kind === 'river' || kind === 'main' ? kind : 'minor');

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await startTestServer(cluster);
  township = await enrolTownship(server, '双河乡');
  const entries: ChangeEntry[] = [];
  const at = Date.now() - 60_000;
  const add = (table: string, id: string, row: Record<string, unknown>) => {
    const e = entry(township.townshipId, { table, rowId: id, op: 'insert', row, hlc: hlc(at, 'desk-a', entries.length), origin: 'desk-a' });
    entries.push(e);
    return e.hlc;
  };
  for (let i = 0; i < SIDE * SIDE; i++) {
    const lon = LON + (i % SIDE) * STEP;
    const lat = LAT + Math.floor(i / SIDE) * STEP;
    const id = randomUUID();
    const blocked = i % 97 === 13;
    const coords = [[lon, lat], [lon + STEP * 0.8, lat + STEP * 0.3]];
    const row = ditchRow(township.townshipId, id, lon, lat, { kind: kindOf(i), condition: blocked ? 'blocked' : 'clear', geometry: JSON.stringify({ type: 'LineString', coordinates: coords }) });
    ditches.push({ id, kind: kindOf(i), blocked, coords, row, hlc: add('ditch', id, row) });
    if (blocked) {
      const b = randomUUID();
      const at = [lon + STEP * 0.4, lat + STEP * 0.15];
      blockages.push(at);
      add('blockage', b, blockageRow(township.townshipId, b, at[0]!, at[1]!, { ditch_id: id }));
    }
  }
  // A river longer than a pixel, with bends: snapped to the pixel grid, not reduced to a dash.
  const river = randomUUID();
  const riverCoords = Array.from({ length: 30 }, (_, k) => [LON + k * 0.003, LAT - 0.004 + (k % 3) * 0.0012]);
  const riverRow = ditchRow(township.townshipId, river, LON, LAT, { kind: 'river', geometry: JSON.stringify({ type: 'LineString', coordinates: riverCoords }) });
  ditches.push({ id: river, kind: 'river', blocked: false, coords: riverCoords, row: riverRow, hlc: add('ditch', river, riverRow) });
  const pushed = await pushAll(server.url, township.key, entries);
  expect(pushed.accepted).toBe(entries.length);
  await addCountyUser(server.ctx, '县防汛办', 'correct horse battery');
  const res = await fetch(`${server.url}/county/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: '县防汛办', password: 'correct horse battery' }) });
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}, 240_000);
afterAll(async () => {
  await server?.close();
  cluster?.stop();
});

/** (lon, lat) in the 4096 units of tile (z, tx, ty). */
function toTile(lon: number, lat: number, z: number, tx: number, ty: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [(((lon + 180) / 360) * n - tx) * 4096, (((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n - ty) * 4096];
}

const TILE = (() => {
  const n = 2 ** Z;
  const lon = LON + (SIDE * STEP) / 2;
  const r = ((LAT + (SIDE * STEP) / 2) * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)] as const;
})();

type Segment = [number, number, number, number];

function distance(px: number, py: number, [ax, ay, bx, by]: Segment): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const near = (x: number, y: number, segments: readonly Segment[]) => segments.some((s) => distance(x, y, s) <= 1.5 * PX);

async function tile() {
  const res = await fetch(`${server.url}/tiles/${Z}/${TILE[0]}/${TILE[1]}.pbf`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  const t = new VectorTile(new Pbf(new Uint8Array(await res.arrayBuffer())));
  const features = Array.from({ length: t.layers.ditch?.length ?? 0 }, (_, i) => t.layers.ditch!.feature(i));
  const segmentsOf = (f: (typeof features)[number]): Segment[] =>
    f.loadGeometry().flatMap((line) => line.slice(1).map((p, k) => [line[k]!.x, line[k]!.y, p.x, p.y] as Segment).concat(line.length === 1 ? [[line[0]!.x, line[0]!.y, line[0]!.x, line[0]!.y]] : []));
  const merged = features.filter((f) => f.properties.merged === true);
  const blocked = features.filter((f) => f.properties.status === 'blocked');
  const points = Array.from({ length: t.layers.point?.length ?? 0 }, (_, i) => t.layers.point!.feature(i)).filter((f) => f.properties.layer === 'blockage');
  return { features, merged, blocked, points, segmentsOf };
}

/** The ditch's vertices and midpoints of its segments in tile units. */
const ditchSegments = (d: Ditch): Segment[] =>
  d.coords.slice(1).map((c, k) => [...toTile(d.coords[k]![0]!, d.coords[k]![1]!, Z, TILE[0], TILE[1]), ...toTile(c[0]!, c[1]!, Z, TILE[0], TILE[1])] as Segment);

describe('the county overview at whole-county zooms', () => {
  it('merges the ditches into far fewer features, yet carries every blocked ditch and every blockage on its own', async () => {
    const t = await tile();
    expect(t.features.length).toBeLessThan(ditches.length / 20);
    const counted = t.merged.reduce((s, f) => s + Number(f.properties.ditches), 0);
    expect(counted + t.blocked.length).toBe(ditches.length);
    expect(t.merged.every((f) => f.properties.township === '双河乡' && f.properties.township_id === township.townshipId)).toBe(true);
    expect(new Set(t.merged.map((f) => f.properties.kind))).toEqual(new Set(['river', 'main', 'minor']));

    const blockedDitches = ditches.filter((d) => d.blocked);
    expect(t.blocked.length).toBe(blockedDitches.length);
    expect(t.blocked.every((f) => f.properties.merged === false && f.properties.ditches === 1)).toBe(true);
    const blockedSegments = t.blocked.flatMap(t.segmentsOf);
    for (const d of blockedDitches) {
      const [x, y] = toTile(d.coords[0]![0]!, d.coords[0]![1]!, Z, TILE[0], TILE[1]);
      expect(near(x, y, blockedSegments)).toBe(true);
    }
    expect(t.points.length).toBe(blockages.length);
    const blockagePoints = t.points.map((f) => f.loadGeometry()[0]![0]!);
    for (const [lon, lat] of blockages) {
      const [x, y] = toTile(lon!, lat!, Z, TILE[0], TILE[1]);
      expect(blockagePoints.some((p) => Math.hypot(p.x - x, p.y - y) <= 1)).toBe(true);
    }
  });

  it('covers the same ditches: every ditch within a pixel and a half of its class, and nothing drawn where there is none', async () => {
    const t = await tile();
    const byClass = new Map<string, Segment[]>();
    for (const f of t.merged) byClass.set(String(f.properties.kind), [...(byClass.get(String(f.properties.kind)) ?? []), ...t.segmentsOf(f)]);
    for (const d of ditches.filter((x) => !x.blocked)) {
      const segments = byClass.get(classOf(d.kind))!;
      for (const [lon, lat] of d.coords) {
        const [x, y] = toTile(lon!, lat!, Z, TILE[0], TILE[1]);
        expect(near(x, y, segments), `${d.kind} ditch ${d.id} at ${lon},${lat}`).toBe(true);
      }
    }
    const all = ditches.filter((x) => !x.blocked).flatMap(ditchSegments);
    for (const f of t.merged) {
      for (const [ax, ay, bx, by] of t.segmentsOf(f)) {
        // Along every drawn segment (its ends and every pixel between), a ditch within a pixel and a half.
        const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / PX));
        for (let k = 0; k <= steps; k++) expect(near(ax + ((bx - ax) * k) / steps, ay + ((by - ay) * k) / steps, all)).toBe(true);
      }
    }
  });

  it('shows a synced edit on the next fetch: a ditch blocked and another moved', async () => {
    const before = await tile();
    const [toBlock, toMove] = ditches.filter((d) => !d.blocked && d.kind === 'field');
    const moved = toMove!.coords.map(([lon, lat]) => [lon! + 0.02, lat! - 0.02]);
    const edits = [
      entry(township.townshipId, { table: 'ditch', rowId: toBlock!.id, row: { ...toBlock!.row, condition: 'blocked' }, hlc: hlc(Date.now(), 'desk-a'), baseHlc: toBlock!.hlc, origin: 'desk-a' }),
      entry(township.townshipId, { table: 'ditch', rowId: toMove!.id, row: { ...toMove!.row, geometry: JSON.stringify({ type: 'LineString', coordinates: moved }) }, hlc: hlc(Date.now(), 'desk-a', 1), baseHlc: toMove!.hlc, origin: 'desk-a' }),
    ];
    expect((await pushAll(server.url, township.key, edits)).accepted).toBe(2);
    const after = await tile();
    expect(after.blocked.length).toBe(before.blocked.length + 1);
    const [x, y] = toTile(toBlock!.coords[0]![0]!, toBlock!.coords[0]![1]!, Z, TILE[0], TILE[1]);
    expect(near(x, y, after.blocked.flatMap(after.segmentsOf))).toBe(true);
    expect(after.merged.reduce((s, f) => s + Number(f.properties.ditches), 0)).toBe(before.merged.reduce((s, f) => s + Number(f.properties.ditches), 0) - 1);
    // The moved ditch is drawn at its new place (south-east of the grid, where no other ditch is).
    const [mx, my] = toTile(moved[0]![0]!, moved[0]![1]!, Z, TILE[0], TILE[1]);
    const minor = after.merged.filter((f) => f.properties.kind === 'minor').flatMap(after.segmentsOf);
    expect(near(mx, my, minor)).toBe(true);
    expect(near(mx, my, before.merged.filter((f) => f.properties.kind === 'minor').flatMap(before.segmentsOf))).toBe(false);
  });
});
