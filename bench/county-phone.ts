// Issue 12: phones through the county server on a 50,000-segment township, each against a baseline
// measured in the same run:
//  1. a township's first phone call loads its warm desk copy (every row, network included, clocks
//     seeded) vs the county report's projection of the same township (no network layers);
//  2. a warm phone.update (caught up, run on the copy, merged into the server feed) and a warm
//     phone.blockages vs GET /api/health on the same server (the HTTP + TLS-less floor of any call).
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import type { IssuedToken } from '../shared/contract/field';
import { projectTownship } from '../server/county/projection';
import { closePhones } from '../server/phone/gateway';
import { deskEntries, pushAll } from '../tests/helpers/deskFeed';
import { startTestCluster } from '../tests/helpers/postgres';
import { enrolTownship, startTestServer } from '../tests/unit/server/helpers';
import { townshipEntries } from './countyData';
import { median, report } from './lib';

const SEGMENTS = 50_000;

const phone = (url: string, name: string, token: string, body: unknown) =>
  fetch(`${url}/field/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) }).then(async (r) => {
    if (!r.ok) throw new Error(`${name}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<unknown>;
  });

/** Cold and warm phone calls through the county server. */
export async function benchCountyPhone(): Promise<void> {
  const cluster = await startTestCluster();
  const server = await startTestServer(cluster);
  const dataDir = mkdtempSync(join(tmpdir(), 'draindesk-bench-phone-'));
  try {
    // A desk's team, token and assigned blockage, pushed with 50,000 ditches.
    const desk = await openCore({ dataDir, transport: 'test' });
    const must = async <T,>(procedure: string, input: unknown): Promise<T> => {
      const r = await desk.dispatch(procedure, input);
      if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
      return r.value as T;
    };
    const team = await must<{ id: string }>('teams.save', { name: '一队', leader: '王建国', machines: { excavators: 1, longArmExcavators: 0, dumpTrucks: 0, pumps: 2 } });
    const b = await must<{ id: string }>('network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: [124.01, 43.31] }, properties: { name: '堵点', village: '兴隆村' } });
    await must('blockages.assign', { id: b.id, teamId: team.id });
    const { secret: token } = await must<IssuedToken>('field.issueToken', { teamId: team.id, label: '手机' });
    const t = await enrolTownship(server, '乡镇01', desk.ctx.townshipId);
    await pushAll(server.url, t.key, [...deskEntries(desk), ...townshipEntries(t.townshipId, 'bench-desk')]);
    desk.close();

    // 1. Cold: the first call loads the warm copy; the baseline is the report's projection.
    const t0 = performance.now();
    await phone(server.url, 'phone.me', token, {});
    const cold = performance.now() - t0;
    const t1 = performance.now();
    const projection = await projectTownship(server.ctx, { id: t.townshipId, name: '乡镇01' });
    const baseline = performance.now() - t1;
    projection.close();
    report(`county phone: first call, ${SEGMENTS.toLocaleString('en-US')}-segment township`, cold, baseline);

    // 2. Warm calls against the floor of any request to this server.
    const health = await median(20, () => fetch(`${server.url}/api/health`).then((r) => r.text()));
    const list = await median(20, () => phone(server.url, 'phone.blockages', token, {}));
    report('county phone: warm phone.blockages (median of 20)', list, health);
    const update = await median(20, () => phone(server.url, 'phone.update', token, { clientId: randomUUID(), blockageId: b.id, action: 'note', note: '水位未退' }));
    report('county phone: warm phone.update, merged (median)', update, health);
    await closePhones(server.ctx.phones);
  } finally {
    await server.close();
    cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
