import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { DEMO } from '../../electron/core/demo/constants';
import { demoDesk, pushAll, deskEntries } from '../helpers/deskFeed';
import { startTestCluster, type TestCluster } from '../helpers/postgres';
import { ARTIFACTS, deskPage, launchChromium } from './harness';

let cluster: TestCluster;
let server: ChildProcess;
let url: string;
let browser: Browser;
const desks: Core[] = [];
const dirs: string[] = [];
const TOWNSHIPS = ['双河乡', '永兴镇'];

/** `npm run server -- …` as a user runs it. */
const serverCli = (args: string[], input?: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { encoding: 'utf8', input, cwd: process.cwd() });

function startServer(pg: string): Promise<string> {
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--pg', pg, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

beforeAll(async () => {
  cluster = await startTestCluster();
  url = await startServer(cluster.url);
  for (const [i, name] of TOWNSHIPS.entries()) {
    const code = serverCli(['admin', 'add-township', '--pg', cluster.url, '--name', name]).trim().split('\n').pop()!;
    const dir = mkdtempSync(join(tmpdir(), 'draindesk-desk-'));
    dirs.push(dir);
    const desk = await demoDesk(dir);
    desks.push(desk);
    const res = await fetch(`${url}/sync/enrol`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, installationId: `desk-${i}`, townshipId: desk.ctx.townshipId, townshipName: name }),
    });
    const { key } = (await res.json()) as { key: string };
    await pushAll(url, key, deskEntries(desk, { shiftLon: i * 0.35 }));
  }
  serverCli(['admin', 'add-user', '--pg', cluster.url, '--name', '县防汛办', '--password-stdin'], 'flood-season-2026\n');
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  for (const d of desks) d.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  cluster?.stop();
});

describe('county page', () => {
  it('a county user logs in, sees both townships on the map and in the table, opens one, prints the roll-up', async () => {
    const { page, errors } = await deskPage(browser);
    const scripts: string[] = [];
    page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(r.url())));
    await page.goto(`${url}/?date=${DEMO.today}`);
    await page.getByLabel('用户名').fill('县防汛办');
    await page.getByLabel('密码').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('用户名或密码不正确').waitFor();
    await page.getByLabel('密码').fill('flood-season-2026');
    await page.getByRole('button', { name: '登录' }).click();

    const table = page.getByTestId('county-table');
    await table.waitFor();
    for (const name of TOWNSHIPS) await table.getByRole('button', { name }).waitFor();
    const total = page.getByTestId('county-total');
    // 出动人员 is the fifth figure; each demo township had 700 out that day.
    const people = await total.locator('td').nth(4).textContent();
    expect(people?.replace(/\D/g, '')).toBe(String(2 * DEMO.today_deployment.people));

    await page.waitForFunction(() => document.querySelector('[data-testid=county-map]')?.getAttribute('data-map-state') === 'idle', undefined, { timeout: 20_000 }).catch(async (e) => { await page.screenshot({ path: join(ARTIFACTS, 'county-fail.png') }); throw e; });
    const seen = await page.evaluate(() => {
      const map = (window as unknown as { __countyMap: { queryRenderedFeatures(o: unknown): { properties: Record<string, unknown> }[] } }).__countyMap;
      const hits = map.queryRenderedFeatures({ layers: ['county-ditch'] });
      return { count: hits.length, townships: [...new Set(hits.map((f) => String(f.properties.township)))].sort() };
    });
    expect(seen.count).toBeGreaterThan(20);
    expect(seen.townships).toEqual([...TOWNSHIPS].sort());
    await page.screenshot({ path: join(ARTIFACTS, 'county-overview.png') });
    // A township's charts are not loaded with the map: only when one is opened.
    expect(scripts.filter((u) => /TownshipDashboard/.test(u))).toEqual([]);

    await table.getByRole('button', { name: TOWNSHIPS[0]! }).click();
    const dash = page.getByTestId('county-dashboard');
    await dash.getByText(`${TOWNSHIPS[0]}汛期排涝总览`).waitFor();
    await dash.getByTestId('dashboard-kpis').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'county-township.png') });
    expect(scripts.filter((u) => /TownshipDashboard/.test(u))).toHaveLength(1);
    await dash.getByRole('button', { name: /返回全县/ }).click();
    await table.waitFor();

    // Opened again while logged in: the map opens on the county, already in each township's colour.
    await page.reload();
    await table.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=county-map]')?.getAttribute('data-map-state') === 'idle', undefined, { timeout: 20_000 });
    const again = await page.evaluate(() => {
      const map = (window as unknown as { __countyMap: { getPaintProperty(l: string, p: string): unknown; queryRenderedFeatures(o: unknown): { properties: Record<string, unknown> }[] } }).__countyMap;
      return { color: map.getPaintProperty('county-ditch', 'line-color'), townships: [...new Set(map.queryRenderedFeatures({ layers: ['county-ditch'] }).map((f) => String(f.properties.township)))].sort() };
    });
    expect(again.townships).toEqual([...TOWNSHIPS].sort());
    // ['match', ['get', 'township_id'], id, colour, id, colour, fallback]
    expect(Array.isArray(again.color) && (again.color as unknown[]).length).toBe(3 + 2 * TOWNSHIPS.length);

    // The roll-up PDF, fetched with the page's own session cookie.
    const pdf = await page.evaluate(async (date) => {
      const res = await fetch(`/county/api/rollup.pdf?date=${date}`);
      return { status: res.status, type: res.headers.get('content-type'), bytes: Array.from(new Uint8Array(await res.arrayBuffer())) };
    }, DEMO.today);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const file = join(ARTIFACTS, 'county-rollup.pdf');
    writeFileSync(file, Buffer.from(pdf.bytes));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString().replace(/\s+/g, '');
    expect(text).toContain('县防汛排涝调度日报·汇总');
    for (const name of TOWNSHIPS) expect(text).toContain(name);
    expect(text).toContain('全县合计');
    expect(text).toContain('1,400');
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Pages:\s+1\b/);
    // On a phone the map sits above the table; the table scrolls sideways inside its panel.
    await page.setViewportSize({ width: 390, height: 844 });
    await table.waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'county-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});

