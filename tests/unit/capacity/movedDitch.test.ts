import { describe, expect, it } from 'vitest';
import { computeCapacity } from '../../../electron/core/services/capacity/report';
import { insertFeatures, updateFeature, type NewFeature } from '../../../electron/core/services/network/networkService';
import { capacityQuerySchema } from '../../../shared/contract/capacity';
import { tempCore } from '../../helpers/tempDir';
import { at, DEMO_SECTION, NOW } from './helpers';

const query = capacityQuerySchema.parse({ rainMm: 60 });
const line = (a: [number, number], b: [number, number]) => ({ type: 'LineString' as const, coordinates: [at(...a), at(...b)] });

/** Features with ids in the order made: a ditch (field unless told), and a river. */
function features() {
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const ditch = (name: string, a: [number, number], b: [number, number], kind = 'field'): NewFeature => ({ layer: 'ditch', id: id(), geometry: line(a, b), properties: { kind, name, ...DEMO_SECTION } });
  const river = (name: string, a: [number, number], b: [number, number]): NewFeature => ({ layer: 'ditch', id: id(), geometry: line(a, b), properties: { kind: 'river', name } });
  return { id, ditch, river };
}

/** After `move`, the patched report is the one a network state built from scratch gives, and the state was patched, not replaced. */
function expectPatchedAsBuilt(core: Awaited<ReturnType<typeof tempCore>>, move: () => void): void {
  const state = core.ctx.state.capacityNetwork;
  move();
  const patched = computeCapacity(core.ctx, query).report;
  expect(core.ctx.state.capacityNetwork).toBe(state);
  core.ctx.state.capacityNetwork = null;
  expect(patched).toEqual(computeCapacity(core.ctx, query).report);
}

describe('a moved ditch patches the network state in place', () => {
  it('a field ditch moved over to the next main drain leaves the first main\'s blockage cutting off one ditch fewer', async () => {
    const core = await tempCore({ now: () => NOW });
    const { ditch, river } = features();
    const network: NewFeature[] = [
      river('河', [-100, 0], [1100, 0]),
      ditch('A0', [0, 100], [0, 0], 'main'),
      ditch('A1', [0, 200], [0, 100], 'main'),
      ditch('B0', [400, 100], [400, 0], 'main'),
      ditch('B1', [400, 200], [400, 100], 'main'),
      ditch('X', [100, 200], [0, 200]),
      ditch('Y', [200, 200], [100, 200]),
    ];
    const a0 = network[1]!.id!;
    const y = network[6]!.id!;
    network.push({ layer: 'blockage', geometry: { type: 'Point', coordinates: at(0, 50) }, properties: { name: '堵A', ditch_id: a0 } });
    core.db.transaction(() => insertFeatures(core.ctx, network, { batchId: 'seed', action: 'import', source: 'cli' }))();
    const cutOff = () => computeCapacity(core.ctx, query).report.ranking[0]!.cutOff.segmentCount;
    expect(cutOff()).toBe(4);

    // Y's far end onto B's top junction: Y now drains to B, so A0 holds back A0, A1 and X only.
    // Y lies outside A0's range but in the components laid again, so A0's range sums are made again.
    expectPatchedAsBuilt(core, () => updateFeature(core.ctx, { layer: 'ditch', id: y, geometry: line([400, 200], [100, 200]) }));
    expect(cutOff()).toBe(3);
  });

  it('a ditch that now flows the other way stops being an exit of the area it used to leave', async () => {
    const core = await tempCore({ now: () => NOW });
    const { id, ditch, river } = features();
    const network: NewFeature[] = [
      river('河', [-100, 0], [1100, 0]),
      ditch('A0', [0, 100], [0, 0], 'main'),
      ditch('A1', [0, 200], [0, 100], 'main'),
      // Drawn west to east, so it flows against its coordinates while its east end is the farther one.
      ditch('X', [0, 200], [100, 200]),
      ditch('Y', [200, 200], [100, 200]),
      river('支河', [50, 120], [150, 120]),
    ];
    const x = network[3]!.id!;
    const y = network[4]!.id!;
    const ring = [at(60, 150), at(140, 150), at(140, 250), at(60, 250), at(60, 150)];
    network.push({ layer: 'area', id: id(), geometry: { type: 'Polygon', coordinates: [ring] }, properties: { kind: 'field_block', name: '东块', runoff_coefficient: 0.5 } });
    core.db.transaction(() => insertFeatures(core.ctx, network, { batchId: 'seed', action: 'import', source: 'cli' }))();
    const exits = () => computeCapacity(core.ctx, query).report.areas[0]!.exits.map((e) => e.ditchId);
    expect(exits()).toEqual([x]);

    // Y moved to run from the side river up to X's east end: that end is now 80 m from an outlet,
    // the west one 200 m, so X flows in its coordinate order — into the area — and Y is the way out.
    expectPatchedAsBuilt(core, () => updateFeature(core.ctx, { layer: 'ditch', id: y, geometry: line([100, 120], [100, 200]) }));
    expect(exits()).toEqual([y]);
  });
});
