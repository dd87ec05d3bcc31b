import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import ExcelJS from 'exceljs';
import { PbfReader as Pbf } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { DEMO } from '../../../electron/core/demo/constants';
import { addCountyUser } from '../../../server/county/auth';
import { demoDesk, pushAll, deskEntries } from '../../helpers/deskFeed';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { enrolTownship, post, startTestServer, type TestServer } from './helpers';

let cluster: TestCluster;
let server: TestServer;
let desk: Core;
let dir: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await startTestServer(cluster);
  dir = mkdtempSync(join(tmpdir(), 'draindesk-desk-'));
  desk = await demoDesk(dir);
  const t = await enrolTownship(server, '双河乡', desk.ctx.townshipId);
  await pushAll(server.url, t.key, deskEntries(desk));
  await addCountyUser(server.ctx, '县防汛办', 'correct horse battery');
}, 240_000);
afterAll(async () => {
  desk?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await server?.close();
  cluster?.stop();
});

/** The tile holding a point at zoom z. */
function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

async function login(password = 'correct horse battery') {
  const res = await fetch(`${server.url}/county/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: '县防汛办', password }) });
  return { res, body: (await res.json()) as { csrf: string; error?: { code: string } }, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

describe('county login', () => {
  it('refuses a wrong password and sets an HttpOnly, SameSite=Strict session cookie for the right one', async () => {
    const bad = await login('wrong password');
    expect(bad.res.status).toBe(401);
    expect(bad.res.headers.get('set-cookie')).toBeNull();
    const good = await login();
    expect(good.res.status).toBe(200);
    const header = good.res.headers.get('set-cookie')!;
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    // Passwords are stored as scrypt hashes.
    const stored = (await server.ctx.pool.query('SELECT password_hash FROM county_user')).rows[0].password_hash;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('correct horse');
  });

  it('needs the session for tiles and data, and the CSRF token for POSTs', async () => {
    expect((await fetch(`${server.url}/tiles/14/1000/1000.pbf`)).status).toBe(401);
    expect((await post(`${server.url}/county/api/report`, { date: DEMO.today })).status).toBe(401);
    const { cookie, body } = await login();
    expect((await post(`${server.url}/county/api/report`, { date: DEMO.today }, undefined, { Cookie: cookie })).status).toBe(403);
    const ok = await post(`${server.url}/county/api/report`, { date: DEMO.today }, undefined, { Cookie: cookie, 'X-CSRF-Token': body.csrf });
    expect(ok.status).toBe(200);
    expect(ok.body.townships[0].deployment.people).toBe(DEMO.today_deployment.people);
    const out = await post(`${server.url}/county/api/logout`, {}, undefined, { Cookie: cookie, 'X-CSRF-Token': body.csrf });
    expect(out.status).toBe(200);
    expect((await post(`${server.url}/county/api/report`, { date: DEMO.today }, undefined, { Cookie: cookie, 'X-CSRF-Token': body.csrf })).status).toBe(401);
  });
});

describe('county tiles and roll-up', () => {
  it('cuts non-empty vector tiles at the network zoom, every ditch on its own there and merged zoomed out', async () => {
    const { cookie } = await login();
    const get = async (z: number) => {
      const [x, y] = tileAt(DEMO.center.lon, DEMO.center.lat, z);
      const res = await fetch(`${server.url}/tiles/${z}/${x}/${y}.pbf`, { headers: { Cookie: cookie } });
      expect(res.status).toBe(200);
      return new VectorTile(new Pbf(new Uint8Array(await res.arrayBuffer())));
    };
    const near = await get(14);
    const ditches = near.layers.ditch!;
    expect(ditches.length).toBeGreaterThan(10);
    const f = ditches.feature(0).properties;
    expect(f.township).toBe('双河乡');
    expect(f.township_id).toBe(desk.ctx.townshipId);
    const kinds = (t: VectorTile) => new Set(Array.from({ length: t.layers.ditch?.length ?? 0 }, (_, i) => t.layers.ditch!.feature(i).properties.kind));
    expect(kinds(near).has('field')).toBe(true);
    const single = (t: VectorTile) => Array.from({ length: t.layers.ditch?.length ?? 0 }, (_, i) => t.layers.ditch!.feature(i).properties).every((p) => p.merged === false && p.ditches === 1);
    expect(single(near)).toBe(true);
    // Zoomed out the overview draws branch and field ditches merged as `minor`; blocked ones stay single.
    const far = await get(9);
    expect(far.layers.ditch!.length).toBeLessThan(ditches.length);
    expect([...kinds(far)].every((k) => k === 'river' || k === 'main' || k === 'minor' || k === 'branch' || k === 'field')).toBe(true);
    expect(kinds(far).has('minor')).toBe(true);
    for (let i = 0; i < far.layers.ditch!.length; i++) {
      const p = far.layers.ditch!.feature(i).properties;
      expect(p.merged === true || p.status === 'blocked').toBe(true);
      expect(p.township).toBe('双河乡');
    }
    expect((await fetch(`${server.url}/tiles/3/99/0.pbf`, { headers: { Cookie: cookie } })).status).toBe(400);
    const extent = (await (await fetch(`${server.url}/county/api/extent`, { headers: { Cookie: cookie } })).json()) as { bbox: number[] };
    expect(extent.bbox[0]).toBeLessThan(DEMO.center.lon);
    expect(extent.bbox[2]).toBeGreaterThan(DEMO.center.lon);
  });

  it('writes the roll-up workbook with a line per township and the county total', async () => {
    const { cookie } = await login();
    const res = await fetch(`${server.url}/county/api/rollup.xlsx?date=${DEMO.today}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.getWorksheet('汇总')!;
    const rows = ws.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]![0]).toBe('县防汛排涝调度日报·汇总');
    expect(rows.find((r) => r[0] === '双河乡')![5]).toBe(DEMO.today_deployment.people);
    expect(rows.find((r) => r[0] === '全县合计')![5]).toBe(DEMO.today_deployment.people);
    expect((await fetch(`${server.url}/county/api/rollup.xlsx?date=2026-13-01`, { headers: { Cookie: cookie } })).status).toBe(400);
  });
});
