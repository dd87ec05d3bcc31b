// Field updates whatever the history (issue 16): 20 phones × 200 updates (each phone sends its
// next update when the last is answered, all phones at once) through the field server — token
// check, contract parsing, one lifecycle transaction each — with 4k and with 200k events already
// in the table. Beside each, the floor: the same requests to a bare node:http server that only
// reads the body and answers (the cost of HTTP itself), measured in the same run.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openCore, type Core } from '../electron/core/app';
import { startFieldServer } from '../electron/core/field/server';

const PHONES = 20;
const PER_PHONE = 200;
const TARGET_P99_MS = 100;

interface Phone {
  token: string;
  blockageId: string;
}

async function call(url: string, token: string, body: unknown): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}api/phone.update`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`status ${res.status}: ${text}`);
  return performance.now() - t0;
}

/** Every phone sends its updates one after another; all phones at once. Latencies of every request, sorted. */
async function burst(url: string, phones: Phone[]): Promise<number[]> {
  const all = await Promise.all(
    phones.map(async (p) => {
      const times: number[] = [];
      for (let i = 0; i < PER_PHONE; i++) {
        times.push(await call(url, p.token, { clientId: randomUUID(), blockageId: p.blockageId, action: i % 2 ? 'note' : 'arrived', note: `第${i}条`, position: [124.2, 43.4] }));
      }
      return times;
    }),
  );
  return all.flat().sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function setUp(core: Core): Promise<Phone[]> {
  const must = async <T>(p: string, input: unknown) => {
    const r = await core.dispatch(p, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
  const phones: Phone[] = [];
  for (let i = 0; i < PHONES; i++) {
    const team = await must<{ id: string }>('teams.save', { name: `${i + 1}队` });
    const b = await must<{ id: string }>('network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: [124.2 + i / 1000, 43.4] }, properties: { name: `堵点${i}` } });
    await must('blockages.assign', { id: b.id, teamId: team.id });
    phones.push({ token: (await must<{ secret: string }>('field.issueToken', { teamId: team.id, label: '' })).secret, blockageId: b.id });
  }
  return phones;
}

/**
 * A season's history, written straight into the table (bench set-up only; the app writes events
 * through the lifecycle): desk notes on the phones' own blockages, the worst case for anything
 * that reads a blockage's events, and a photo on every tenth.
 */
function fillHistory(core: Core, phones: Phone[], events: number): void {
  const db = core.ctx.db;
  const insert = db.prepare(
    `INSERT INTO blockage_event (id, township_id, blockage_id, at, actor, source, note, photo, kind, seq, created_at, updated_at)
     VALUES (?, ?, ?, ?, '办公室', 'desk', ?, ?, 'note', ?, ?, ?)`,
  );
  const first = (db.prepare('SELECT coalesce(max(seq), 0) AS s FROM blockage_event').get() as { s: number }).s;
  const start = Date.parse('2026-06-01T00:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < events; i++) {
      const at = new Date(start + i * 60_000).toISOString();
      insert.run(randomUUID(), core.ctx.townshipId, phones[i % phones.length]!.blockageId, at, `历史记录 ${i}`, i % 10 === 0 ? `${randomUUID()}.jpg` : null, first + i + 1, at, at);
    }
  })();
  db.exec('ANALYZE');
}

function line(label: string, ours: number[], bare: number[]): void {
  const [p50, p99, b50, b99] = [pct(ours, 50), pct(ours, 99), pct(bare, 50), pct(bare, 99)];
  const verdict = p99 <= TARGET_P99_MS ? `✓ p99 under ${TARGET_P99_MS} ms` : `✗ p99 over ${TARGET_P99_MS} ms`;
  console.log(
    `${label.padEnd(30)} ours p50 ${p50.toFixed(1).padStart(6)} ms  p99 ${p99.toFixed(1).padStart(6)} ms   bare HTTP p50 ${b50.toFixed(1).padStart(5)} ms  p99 ${b99.toFixed(1).padStart(5)} ms   p99 ratio ${(p99 / b99).toFixed(1)}×  ${verdict}`,
  );
}

export async function benchFieldBurst(): Promise<void> {
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ eventId: randomUUID(), status: 'assigned', duplicate: false }));
    });
  });
  await new Promise<void>((done) => bare.listen(0, '127.0.0.1', done));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const results: { size: number; p99: number }[] = [];
  for (const history of [4_000, 200_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-field-'));
    const core = await openCore({ dataDir: dir, transport: 'test' });
    try {
      const phones = await setUp(core);
      fillHistory(core, phones, history);
      const field = await startFieldServer({ ctx: core.ctx, staticDir: null, port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${field.port}/`;
      await burst(url, phones.slice(0, 2)); // warm-up
      const ours = await burst(url, phones);
      const floor = await burst(bareUrl, phones);
      line(`field burst, ${history / 1000}k events`, ours, floor);
      results.push({ size: history, p99: pct(ours, 99) });
      await field.close();
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  await new Promise((done) => bare.close(done));
  const small = results[0]!;
  const large = results[1]!;
  console.log(`field burst: p99 at 200k events / p99 at 4k events = ${(large.p99 / small.p99).toFixed(2)}×`);
}
