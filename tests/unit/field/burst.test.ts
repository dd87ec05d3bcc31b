import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlockageDetail } from '../../../shared/contract/blockages';
import { blockage, ok, tinyJpeg } from '../blockages/helpers';
import { call, closeServers, fieldRig, teamWithToken } from './helpers';

afterEach(closeServers);

const PHONES = 20;
const UPDATES_PER_PHONE = 10;

describe('a burst from 20 phones', () => {
  it('loses nothing and duplicates nothing, even with every update sent twice at once', { timeout: 30_000 }, async () => {
    const { url, core } = await fieldRig();
    // Five teams with four phones each; every team has two blockages of its own.
    const phones: { token: string; teamId: string; blockages: string[] }[] = [];
    for (let t = 0; t < 5; t++) {
      const first = await teamWithToken(core, `${t + 1}队`);
      const ids = [await blockage(core, `${t + 1}队堵点甲`, [124.2 + t / 100, 43.4]), await blockage(core, `${t + 1}队堵点乙`, [124.2 + t / 100, 43.41])];
      for (const id of ids) await ok(core, 'blockages.assign', { id, teamId: first.teamId });
      phones.push({ token: first.token, teamId: first.teamId, blockages: ids });
      for (let p = 1; p < PHONES / 5; p++) {
        const issued = await ok<{ secret: string }>(core, 'field.issueToken', { teamId: first.teamId, label: `手机${p}` });
        phones.push({ token: issued.secret, teamId: first.teamId, blockages: ids });
      }
    }
    const photo = { fileName: 'p.jpg', dataBase64: tinyJpeg(2000).toString('base64') };
    const updates = phones.flatMap((phone, p) =>
      Array.from({ length: UPDATES_PER_PHONE }, (_, i) => ({
        token: phone.token,
        body: {
          clientId: randomUUID(),
          blockageId: phone.blockages[i % 2]!,
          action: i % 3 === 0 ? 'arrived' : 'note',
          note: `手机${p} 第${i}条`,
          position: [124.2 + p / 1000, 43.4 + i / 1000],
          ...(i % 5 === 0 ? { photo } : {}),
        },
      })),
    );
    expect(updates).toHaveLength(200);
    const started = performance.now();
    // Every update goes out twice, interleaved, all at once: a phone retrying after a lost answer.
    const sends = updates.flatMap((u) => [u, u]).map((u) => call(url, 'phone.update', u.body, u.token));
    const answers = await Promise.all(sends);
    const ms = performance.now() - started;
    console.log(`[burst] ${sends.length} requests (200 updates × 2) from ${PHONES} phones in ${ms.toFixed(0)} ms (${((sends.length / ms) * 1000).toFixed(0)} req/s)`);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(200);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(200);
    const stored = core.db.prepare("SELECT client_id, note FROM blockage_event WHERE source = 'field'").all() as { client_id: string; note: string }[];
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((s) => s.client_id))).toEqual(new Set(updates.map((u) => u.body.clientId)));
    const seqs = core.db.prepare('SELECT seq FROM blockage_event ORDER BY seq').all() as { seq: number }[];
    expect(new Set(seqs.map((s) => s.seq)).size).toBe(seqs.length);
    // Each blockage's timeline holds exactly its own updates.
    const d = await ok<BlockageDetail>(core, 'blockages.get', { id: phones[0]!.blockages[0]! });
    expect(d.events.filter((e) => e.source === 'field')).toHaveLength(updates.filter((u) => u.body.blockageId === phones[0]!.blockages[0]).length);
  });
});
