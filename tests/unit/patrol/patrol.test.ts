import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { PatrolCoverage, PatrolTrack } from '../../../shared/contract/patrol';
import { ok } from '../blockages/helpers';
import { call, closeServers, fieldRig, teamWithToken } from '../field/helpers';

afterAll(closeServers);

const LAT = 43.4;
const LON = 124.2;
const M_LAT = 1 / 111_195;
const M_LON = 1 / (111_195 * Math.cos((LAT * Math.PI) / 180));
const lonLat = (eastM: number, northM: number): [number, number] => [LON + eastM * M_LON, LAT + northM * M_LAT];
const T0 = Date.parse('2026-08-10T01:00:00Z');
/** A walk east along y = northM, one fix every 10 s at 1.2 m/s (12 m). */
const walk = (fromM: number, toM: number, northM: number, startS: number) =>
  Array.from({ length: Math.floor((toM - fromM) / 12) + 1 }, (_, i) => {
    const [lon, lat] = lonLat(fromM + i * 12, northM);
    return { lon, lat, at: new Date(T0 + (startS + i * 10) * 1000).toISOString(), accuracyM: 6 };
  });

async function rig() {
  const r = await fieldRig();
  const now = () => new Date('2026-08-10T04:00:00Z');
  r.core.ctx.now = now;
  const team = await teamWithToken(r.core, '一队');
  const ditch = async (name: string, northM: number, village: string) =>
    ok<{ id: string }>(r.core, 'network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates: [lonLat(0, northM), lonLat(600, northM)] }, properties: { name, kind: 'branch', village } });
  const walked = await ditch('一号支沟', 0, '三合堡村');
  const alsoWalked = await ditch('二号支沟', 300, '三合堡村');
  const notWalked = await ditch('三号支沟', 900, '范家屯村');
  return { ...r, team, walked, alsoWalked, notWalked };
}

describe('patrol tracks from the phone to coverage on the desk', () => {
  it('stores a walk sent in chunks once, and counts the two ditches walked along as covered', async () => {
    const { core, url, team, walked, alsoWalked, notWalked } = await rig();
    const patrolId = randomUUID();
    const first = { patrolId, seq: 0, points: walk(0, 600, 15, 0), final: false };
    const r1 = await call(url, 'phone.track', first, team.token);
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ duplicate: false, stored: first.points.length });
    // The same chunk again (a retry after a lost answer) changes nothing.
    expect((await call(url, 'phone.track', first, team.token)).body).toMatchObject({ duplicate: true, stored: 0 });
    // Back along the second ditch, with GPS noise: a jump, a blurred fix and a repeated point.
    const back = walk(0, 600, 310, 700);
    const noisy = [...back, { ...back[3]!, lon: back[3]!.lon + 0.05, at: new Date(Date.parse(back[3]!.at) + 1000).toISOString() }, { ...back[5]!, accuracyM: 400, at: new Date(Date.parse(back[5]!.at) + 2000).toISOString() }, back[7]!];
    const r2 = await call(url, 'phone.track', { patrolId, seq: 1, points: noisy, final: true }, team.token);
    expect(r2.body).toMatchObject({ stored: back.length, dropped: { jump: 1, inaccurate: 1, duplicate: 1 } });

    const tracks = await ok<PatrolTrack[]>(core, 'patrol.tracks', { date: '2026-08-10' });
    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toMatchObject({ teamName: '一队', ended: true });
    const coverage = await ok<PatrolCoverage>(core, 'patrol.coverage', { date: '2026-08-10' });
    expect(coverage.coveredDitchIds.sort()).toEqual([walked.id, alsoWalked.id].sort());
    expect(coverage.coveredDitchIds).not.toContain(notWalked.id);
    expect(coverage.share).toBeCloseTo(2 / 3, 2);
    expect(coverage.byVillage.find((g) => g.key === '三合堡村')?.share).toBe(1);
  });

  it('refuses an empty or all-noise chunk with the reason and stores nothing', async () => {
    const { core, url, team } = await rig();
    const empty = await call(url, 'phone.track', { patrolId: randomUUID(), seq: 0, points: [], final: true }, team.token);
    expect(empty.status).toBe(400);
    expect(empty.body.error?.message).toContain('空的');
    const blurred = walk(0, 100, 0, 0).map((p) => ({ ...p, accuracyM: 500 }));
    const noise = await call(url, 'phone.track', { patrolId: randomUUID(), seq: 0, points: blurred, final: true }, team.token);
    expect(noise.status).toBe(400);
    expect(noise.body.error?.message).toContain('精度太差');
    expect(await ok<PatrolTrack[]>(core, 'patrol.tracks', { date: '2026-08-10' })).toEqual([]);
  });

  it('a walk belongs to one team: another team cannot add to it', async () => {
    const { core, url, team } = await rig();
    const other = await teamWithToken(core, '二队');
    const patrolId = randomUUID();
    await call(url, 'phone.track', { patrolId, seq: 0, points: walk(0, 100, 0, 0), final: false }, team.token);
    const stolen = await call(url, 'phone.track', { patrolId, seq: 1, points: walk(100, 200, 0, 100), final: true }, other.token);
    expect(stolen.status).toBe(409);
  });
});
