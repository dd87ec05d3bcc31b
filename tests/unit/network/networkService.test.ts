import { describe, expect, it } from 'vitest';
import type { DitchFeature, NetworkCollection, NetworkFeature } from '../../../shared/contract/network';
import { tempCore } from '../../helpers/tempDir';

type Core = Awaited<ReturnType<typeof tempCore>>;

async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.message}`);
  return r.value as T;
}

const line = { type: 'LineString', coordinates: [[124.2, 43.4], [124.2, 43.41]] };

describe('network features', () => {
  it('stores a drawn ditch with its geodesic length and finds it by bounding box and name', async () => {
    const core = await tempCore();
    const ditch = await ok<DitchFeature>(core, 'network.create', { layer: 'ditch', geometry: line, properties: { kind: 'branch', name: '三合堡一号支沟', village: '三合堡村' } });
    // 0.01° of latitude at 43.4°N on WGS84 is 1111.1 m (GeographicLib); planar degrees would say 0.01.
    expect(ditch.properties.length_m).toBeCloseTo(1111.1, 0);
    expect(ditch.properties.condition).toBe('clear');
    expect(ditch.properties.bottom_width_m).toBeNull();
    const inside = await ok<NetworkCollection>(core, 'network.list', { bbox: [124.19, 43.39, 124.21, 43.405] });
    expect(inside.features.map((f) => f.id)).toEqual([ditch.id]);
    const outside = await ok<NetworkCollection>(core, 'network.list', { bbox: [125, 44, 125.1, 44.1] });
    expect(outside.features).toEqual([]);
    expect(await ok(core, 'network.search', { query: '一号' })).toMatchObject([{ id: ditch.id, name: '三合堡一号支沟', village: '三合堡村' }]);
  });

  it('edits, deletes and undoes, keeping every step in the history', async () => {
    const core = await tempCore();
    const ditch = await ok<DitchFeature>(core, 'network.create', { layer: 'ditch', geometry: line, properties: { kind: 'field', name: '条田沟' } });
    const edited = await ok<DitchFeature>(core, 'network.update', { layer: 'ditch', id: ditch.id, properties: { condition: 'blocked' } });
    expect(edited.properties.condition).toBe('blocked');
    const moved = await ok<DitchFeature>(core, 'network.update', { layer: 'ditch', id: ditch.id, geometry: { type: 'LineString', coordinates: [[124.2, 43.4], [124.2, 43.42]] } });
    expect(moved.properties.length_m).toBeCloseTo(2222.2, 0);
    await ok(core, 'network.delete', { layer: 'ditch', id: ditch.id });
    expect((await core.dispatch('network.get', { layer: 'ditch', id: ditch.id })).ok).toBe(false);

    await ok(core, 'network.undo', {}); // un-delete
    expect(await ok<DitchFeature>(core, 'network.get', { layer: 'ditch', id: ditch.id })).toMatchObject({ properties: { condition: 'blocked' } });
    await ok(core, 'network.undo', {}); // un-move
    expect((await ok<DitchFeature>(core, 'network.get', { layer: 'ditch', id: ditch.id })).properties.length_m).toBeCloseTo(1111.1, 0);
    await ok(core, 'network.undo', {}); // un-edit
    expect((await ok<DitchFeature>(core, 'network.get', { layer: 'ditch', id: ditch.id })).properties.condition).toBe('clear');
    await ok(core, 'network.undo', {}); // un-create
    expect((await ok<NetworkCollection>(core, 'network.list', {})).features).toEqual([]);
    const nothing = await core.dispatch('network.undo', {});
    expect(nothing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const history = await ok<{ action: string }[]>(core, 'network.history', {});
    expect(history.filter((h) => h.action === 'undo')).toHaveLength(4);
  });

  it('records the first lifecycle event when a blockage is reported from the desk', async () => {
    const core = await tempCore();
    const b = await ok<NetworkFeature>(core, 'network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: [124.2, 43.4] }, properties: { name: '太平村涵管堵点' } });
    expect(b.properties).toMatchObject({ status: 'reported' });
    const events = core.db.prepare('SELECT to_status, source FROM blockage_event WHERE blockage_id = ?').all(b.id);
    expect(events).toEqual([{ to_status: 'reported', source: 'desk' }]);
  });

  it('refuses bad geometry and bad attributes with a clear message, writing nothing', async () => {
    const core = await tempCore();
    const cases = [
      { layer: 'ditch', geometry: { type: 'LineString', coordinates: [[124.2, 43.4]] }, properties: { kind: 'field' } },
      { layer: 'ditch', geometry: { type: 'LineString', coordinates: [[224.2, 43.4], [124.2, 43.5]] }, properties: { kind: 'field' } },
      { layer: 'ditch', geometry: line, properties: { kind: 'canal' } },
      { layer: 'ditch', geometry: line, properties: { kind: 'field', depth_m: -1 } },
      { layer: 'culvert', geometry: line, properties: {} },
      { layer: 'blockage', geometry: { type: 'Point', coordinates: [124.2, 43.4] }, properties: { status: 'cleared' } },
    ];
    for (const input of cases) {
      const r = await core.dispatch('network.create', input);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const depth = await core.dispatch('network.create', cases[3]);
    if (!depth.ok) expect(depth.error.message).toContain('沟深不能为负数');
    expect((await ok<NetworkCollection>(core, 'network.list', {})).features).toEqual([]);
  });
});

describe('network edits and the blockage lifecycle', () => {
  it('undoes a rename of a blockage that was dispatched since, keeping its status and history', async () => {
    const core = await tempCore();
    const b = await ok<NetworkFeature>(core, 'network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: [124.2, 43.4] }, properties: { name: '旧名' } });
    await ok(core, 'network.update', { layer: 'blockage', id: b.id, properties: { name: '新名' } });
    const team = await ok<{ id: string }>(core, 'teams.save', { name: '兴隆机械队' });
    await ok(core, 'blockages.assign', { id: b.id, teamId: team.id, note: '' });
    await ok(core, 'network.undo', {});
    const after = await ok<NetworkFeature>(core, 'network.get', { layer: 'blockage', id: b.id });
    expect(after.properties).toMatchObject({ name: '旧名', status: 'assigned' });
  });
});
