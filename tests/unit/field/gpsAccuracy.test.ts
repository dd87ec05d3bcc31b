import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlockageChange, BlockageDetail } from '../../../shared/contract/blockages';
import { blockage, eventCount, ok } from '../blockages/helpers';
import { call, closeServers, fieldRig, teamWithToken } from './helpers';

afterEach(closeServers);

async function assignedRig() {
  const rig = await fieldRig();
  const one = await teamWithToken(rig.core, '一队');
  const id = await blockage(rig.core);
  await ok(rig.core, 'blockages.assign', { id, teamId: one.teamId });
  return { ...rig, one, id };
}

describe('GPS accuracy on field updates', () => {
  it('keeps the phone’s accuracy with each update and report, and shows it to the desk', async () => {
    const { url, core, one, id } = await assignedRig();
    const { cursor } = await ok<{ cursor: number }>(core, 'blockages.changesSince', {});
    const arrived = await call(url, 'phone.update', { clientId: randomUUID(), blockageId: id, action: 'arrived', position: [124.2001, 43.4001], accuracyM: 7.5 }, one.token);
    expect(arrived.status).toBe(200);
    const report = await call(url, 'phone.report', { clientId: randomUUID(), position: [124.25, 43.45], accuracyM: 23, note: '桥下涵管堵了' }, one.token);
    expect(report.status).toBe(200);
    const d = await ok<BlockageDetail>(core, 'blockages.get', { id });
    expect(d.events.at(-1)).toMatchObject({ kind: 'arrived', position: [124.2001, 43.4001], accuracyM: 7.5 });
    const r = await ok<BlockageDetail>(core, 'blockages.get', { id: String(report.body.blockageId) });
    expect(r.events).toMatchObject([{ kind: 'report', position: [124.25, 43.45], accuracyM: 23 }]);
    // 现场更新 on the desk says how good the fix was.
    const changes = await ok<{ changes: BlockageChange[] }>(core, 'blockages.changesSince', { cursor });
    expect(changes.changes.map((c) => [c.kind, c.accuracyM])).toEqual([
      ['arrived', 7.5],
      ['report', 23],
    ]);
  });

  it('accepts phones on the older page (no accuracy) and desk events, with no accuracy shown', async () => {
    const { url, core, one, id } = await assignedRig();
    const old = await call(url, 'phone.update', { clientId: randomUUID(), blockageId: id, action: 'in_progress', position: [124.2001, 43.4001] }, one.token);
    expect(old.status).toBe(200);
    const none = await call(url, 'phone.update', { clientId: randomUUID(), blockageId: id, action: 'note', note: '还在挖', position: null, accuracyM: null }, one.token);
    expect(none.status).toBe(200);
    const d = await ok<BlockageDetail>(core, 'blockages.get', { id });
    expect(d.events.map((e) => [e.kind, e.source, e.position !== null, e.accuracyM])).toEqual([
      ['report', 'desk', false, null],
      ['assign', 'desk', false, null],
      ['status', 'field', true, null],
      ['note', 'field', false, null],
    ]);
  });

  it('refuses an accuracy without a position or out of range, writing nothing', async () => {
    const { url, core, one, id } = await assignedRig();
    const before = eventCount(core);
    const alone = await call(url, 'phone.update', { clientId: randomUUID(), blockageId: id, action: 'arrived', accuracyM: 5 }, one.token);
    expect(alone.status).toBe(400);
    expect(alone.body.error?.message).toContain('有定位精度却没有位置');
    const negative = await call(url, 'phone.report', { clientId: randomUUID(), position: [124.25, 43.45], accuracyM: -3 }, one.token);
    expect(negative.status).toBe(400);
    expect(negative.body.error?.message).toContain('定位精度应为 0 到 100000 米');
    const text = await call(url, 'phone.update', { clientId: randomUUID(), blockageId: id, action: 'arrived', position: [124.2, 43.4], accuracyM: '5' }, one.token);
    expect(text.status).toBe(400);
    expect(eventCount(core)).toBe(before);
  });
});
