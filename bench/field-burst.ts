// A burst of field updates: 20 phones × 10 updates at once through the field server (token check,
// contract parsing, one lifecycle transaction each), against the floor of the same 200 requests to
// a bare node:http server that only reads the body and answers (the cost of HTTP itself).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openCore } from '../electron/core/app';
import { startFieldServer } from '../electron/core/field/server';
import { median, report } from './lib';

const PHONES = 20;
const PER_PHONE = 10;

async function call(url: string, token: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}api/phone.update`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
}

export async function benchFieldBurst(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-field-'));
  const core = await openCore({ dataDir: dir, transport: 'test' });
  try {
    const must = async <T>(p: string, input: unknown) => {
      const r = await core.dispatch(p, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    const phones: { token: string; blockageId: string }[] = [];
    for (let i = 0; i < PHONES; i++) {
      const team = await must<{ id: string }>('teams.save', { name: `${i + 1}队` });
      const b = await must<{ id: string }>('network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: [124.2 + i / 1000, 43.4] }, properties: { name: `堵点${i}` } });
      await must('blockages.assign', { id: b.id, teamId: team.id });
      phones.push({ token: (await must<{ secret: string }>('field.issueToken', { teamId: team.id, label: '' })).secret, blockageId: b.id });
    }
    const field = await startFieldServer({ ctx: core.ctx, staticDir: null, port: 0, host: '127.0.0.1' });
    const bare = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ eventId: randomUUID(), status: 'assigned', duplicate: false }));
      });
    });
    await new Promise<void>((done) => bare.listen(0, '127.0.0.1', done));
    const burst = (url: string) =>
      Promise.all(
        phones.flatMap((p) =>
          Array.from({ length: PER_PHONE }, (_, i) => call(url, p.token, { clientId: randomUUID(), blockageId: p.blockageId, action: i % 2 ? 'note' : 'arrived', note: `第${i}条`, position: [124.2, 43.4] })),
        ),
      );
    const ours = await median(5, () => burst(`http://127.0.0.1:${field.port}/`));
    const baseline = await median(5, () => burst(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`));
    report(`field burst: ${PHONES} phones × ${PER_PHONE} updates`, ours, baseline, 6);
    await field.close();
    await new Promise((done) => bare.close(done));
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
