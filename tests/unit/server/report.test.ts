import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { getTotals } from '../../../electron/core/services/totals/totalsService';
import { countyReport } from '../../../server/county/report';
import { DEMO } from '../../../electron/core/demo/constants';
import { demoDesk, pushAll, deskEntries } from '../../helpers/deskFeed';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { enrolTownship, startTestServer, type TestServer } from './helpers';

let cluster: TestCluster;
let server: TestServer;
const desks: Core[] = [];
const dirs: string[] = [];
const keys: string[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await startTestServer(cluster);
  for (const [i, name] of ['双河乡', '永兴镇'].entries()) {
    const dir = mkdtempSync(join(tmpdir(), 'draindesk-desk-'));
    dirs.push(dir);
    const desk = await demoDesk(dir);
    desks.push(desk);
    const t = await enrolTownship(server, name, desk.ctx.townshipId, `desk-${i}`);
    keys.push(t.key);
    await pushAll(server.url, t.key, deskEntries(desk, { shiftLon: i * 0.4 }));
  }
}, 240_000);
afterAll(async () => {
  for (const d of desks) d.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await server?.close();
  cluster?.stop();
});

describe('county report', () => {
  it("gives each township the desk's own totals, keys and numbers, and the county total", async () => {
    const report = await countyReport(server.ctx, DEMO.today);
    expect(report.townships.map((t) => t.township.name).sort()).toEqual(['双河乡', '永兴镇'].sort());
    for (const line of report.townships) {
      const desk = desks.find((d) => d.ctx.townshipId === line.township.id)!;
      // The desk's clock is fixed at the demo's day; the server's is real time (only `today` differs).
      const own = getTotals({ ...desk.ctx, now: () => new Date() }, DEMO.today);
      const { township, storage, ...rest } = line;
      expect(township.id).toBe(desk.ctx.townshipId);
      expect(rest).toEqual(own);
      // Storage is the desk's own capacity figure (全乡沟渠，按现状).
      const cap = await desk.dispatch('capacity.report', { date: DEMO.today });
      if (!cap.ok) throw new Error(cap.error.message);
      expect(storage.storageM3).toBe(Math.round((cap.value as { overall: { storageM3: number } }).overall.storageM3));
      expect(storage.storageM3).toBeGreaterThan(0);
    }
    const one = report.townships[0]!;
    expect(one.deployment.people).toBe(DEMO.today_deployment.people);
    expect(report.total.deployment.people).toBe(2 * DEMO.today_deployment.people);
    expect(report.total.deployment.pumps).toBe(2 * DEMO.today_deployment.pumps);
    expect(report.total.works.culvertsLaid).toBe(2 * DEMO.works.culvertsLaid);
    expect(report.total.blockages.open).toBe(2 * one.blockages.open);
    expect(report.total.rain.seasonMm).toBeCloseTo(one.rain.seasonMm, 1);
    expect(report.total.townships).toBe(2);
    expect(report.total.storage.storageM3).toBe(report.townships[0]!.storage.storageM3 + report.townships[1]!.storage.storageM3);
  });

  it('prints the same from the CLI as JSON', () => {
    const out = execFileSync('npx', ['tsx', 'server/main.ts', 'report', '--pg', server.ctx.pool.options.connectionString!, '--date', DEMO.today, '--json'], { encoding: 'utf8' });
    const parsed = JSON.parse(out);
    expect(parsed.townships).toHaveLength(2);
    expect(Object.keys(parsed.townships[0])).toEqual(expect.arrayContaining(['date', 'rain', 'deployment', 'works', 'worksToday', 'season', 'blockages', 'township', 'storage']));
    expect(parsed.total.deployment.people).toBe(2 * DEMO.today_deployment.people);
  }, 60_000);

  it('reuses a township’s line until that township’s data change, and shows the change on the next report', async () => {
    const first = await countyReport(server.ctx, DEMO.today);
    const kept = new Map([...server.ctx.reports.lines].map(([id, line]) => [id, line.totals]));
    const again = await countyReport(server.ctx, DEMO.today);
    expect(again).toEqual(first);
    for (const [id, line] of server.ctx.reports.lines) expect(line.totals, id).toBe(kept.get(id));

    // 双河乡's desk reports one more blockage and syncs; only its line is computed again.
    const desk = desks[0]!;
    await desk.dispatch('network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: [124.31, 43.41] }, properties: { name: '新报堵点' } });
    await pushAll(server.url, keys[0]!, deskEntries(desk));
    const after = await countyReport(server.ctx, DEMO.today);
    const line = (r: typeof first, name: string) => r.townships.find((t) => t.township.name === name)!;
    expect(line(after, '双河乡').blockages.open).toBe(line(first, '双河乡').blockages.open + 1);
    expect(after.total.blockages.open).toBe(first.total.blockages.open + 1);
    expect(line(after, '永兴镇')).toEqual(line(first, '永兴镇'));
    const yongxing = line(first, '永兴镇').township.id;
    expect(server.ctx.reports.lines.get(yongxing)!.totals).toBe(kept.get(yongxing));
  }, 120_000);
});
