import { describe, expect, it } from 'vitest';
import { capacityMap } from '../../../electron/core/services/capacity/map';
import { computeCapacity } from '../../../electron/core/services/capacity/report';
import { insertFeatures, type NewFeature } from '../../../electron/core/services/network/networkService';
import { capacityQuerySchema } from '../../../shared/contract/capacity';
import { random } from '../../helpers/random';
import { tempCore } from '../../helpers/tempDir';
import { at, NOW } from './helpers';

type Line = { type: 'LineString'; coordinates: [number, number][] };
/** The first ditches (by rowid) take most edits, so a ditch is often edited again: made invalid, then valid. */
const HOT = 12;
const SECTION = { bottom_width_m: 1.5, depth_m: 1.25, side_slope: 2, manning_n: 0.025, slope: 0.0005 };

/**
 * A network where the patched sums have something to get wrong: three combs of main drains on a
 * river (each its own component), branches with field ditches, open blockages on mains and on
 * branches (cut-off ranges nested inside each other), villages holding field blocks (a ditch in
 * two areas), culverts on ditches and beside them, a few ditches without a section.
 */
function network(rnd: () => number): NewFeature[] {
  const features: NewFeature[] = [];
  const line = (a: [number, number], b: [number, number]): Line => ({ type: 'LineString', coordinates: [at(...a), at(...b)] });
  features.push({ layer: 'ditch', geometry: line([-500, 0], [3500, 0]), properties: { kind: 'river', name: '辽河' } });
  const ids: { id: string; mid: [number, number] }[] = [];
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  for (let m = 0; m < 3; m++) {
    const x = 500 + m * 1000;
    for (let s = 0; s < 5; s++) {
      const mainId = id();
      features.push({ layer: 'ditch', id: mainId, geometry: line([x, (s + 1) * 100], [x, s * 100]), properties: { kind: 'main', name: `${m}干${s}`, village: `村${m}`, ...SECTION } });
      ids.push({ id: mainId, mid: [x, s * 100 + 50] });
      for (const side of [-1, 1]) {
        for (let b = 0; b < 3; b++) {
          const ditchId = id();
          const broken = rnd() < 0.08 ? { depth_m: null } : {};
          features.push({
            layer: 'ditch',
            id: ditchId,
            geometry: line([x + side * (b + 1) * 60, (s + 1) * 100], [x + side * b * 60, (s + 1) * 100]),
            properties: { kind: b === 0 ? 'branch' : 'field', name: `${m}-${s}-${side}-${b}`, village: b === 2 ? '' : `村${m}`, condition: rnd() < 0.2 ? 'silted' : 'clear', work: b % 2 === 0 ? 'cleared' : 'existing', ...SECTION, ...broken },
          });
          ids.push({ id: ditchId, mid: [x + side * (b + 0.5) * 60, (s + 1) * 100] });
        }
      }
    }
    const ring = (x0: number, y0: number, x1: number, y1: number) => [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]];
    features.push({ layer: 'area', geometry: { type: 'Polygon', coordinates: ring(x - 400, 10, x + 400, 560) }, properties: { kind: 'village', name: `村${m}`, runoff_coefficient: 0.4, curve_number: m === 1 ? null : 75 } });
    features.push({ layer: 'area', geometry: { type: 'Polygon', coordinates: ring(x - 300, 150, x + 10, 420) }, properties: { kind: 'field_block', name: `${m}西`, curve_number: 80 } });
  }
  for (let i = 0; i < 14; i++) {
    const d = ids[Math.floor(rnd() * ids.length)]!;
    features.push({ layer: 'blockage', geometry: { type: 'Point', coordinates: at(...d.mid) }, properties: { name: `堵点${i}`, ...(rnd() < 0.5 ? { ditch_id: d.id } : {}) } });
  }
  for (let i = 0; i < 24; i++) {
    // Most on the first ditches, which the edits favour too (a culvert's capacity follows its ditch's slope).
    const d = ids[Math.floor(rnd() * (rnd() < 0.6 ? HOT : ids.length))]!;
    features.push({ layer: 'culvert', geometry: { type: 'Point', coordinates: at(...d.mid) }, properties: { name: `涵${i}`, diameter_m: 0.6 + rnd() * 0.6, barrels: 1, ...(rnd() < 0.5 ? { ditch_id: d.id } : {}) } });
  }
  return features;
}

describe('capacity patched after random edits equals a full computation after every one', () => {
  it('conditions, sections, names, villages, work states, moves, deletes, inserts, blockages', { timeout: 180_000 }, async () => {
    const core = await tempCore({ now: () => NOW });
    const rnd = random(2026);
    core.db.transaction(() => insertFeatures(core.ctx, network(rnd), { batchId: 'seed', action: 'import', source: 'cli' }))();
    const ids = (layer: string) => (core.db.prepare(`SELECT id FROM ${layer} WHERE deleted_at IS NULL ${layer === 'ditch' ? "AND kind <> 'river'" : ''} ORDER BY rowid`).all() as { id: string }[]).map((r) => r.id);
    const geometry = (id: string) => JSON.parse((core.db.prepare('SELECT geometry FROM ditch WHERE id = ?').get(id) as { geometry: string }).geometry) as Line;
    const call = async (procedure: string, input: unknown) => (await core.dispatch(procedure, input)).ok;
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const pickDitch = () => {
      const all = ids('ditch');
      return rnd() < 0.5 ? pick(all.slice(0, HOT)) : pick(all);
    };
    const update = (properties: Record<string, unknown>) => call('network.update', { layer: 'ditch', id: pickDitch(), properties });
    // Each query reads the state a different way: the areas' own C, SCS (an area without a CN has no runoff), unknown rain.
    const queries = [{ rainMm: 60 }, { rainMm: 35, method: 'scs', initialFillPct: 30 }, { rainSource: 'today' }].map((q) => capacityQuerySchema.parse(q));

    const steps: [string, number, () => Promise<unknown>][] = [
      ['condition', 10, () => update({ condition: pick(['clear', 'silted', 'blocked']) })],
      ['depth', 8, () => update({ depth_m: rnd() < 0.3 ? null : 0.5 + rnd() * 2 })],
      ['width', 4, () => update({ bottom_width_m: rnd() < 0.3 ? null : 0.8 + rnd() })],
      ['slope', 4, () => update({ slope: rnd() < 0.3 ? null : 0.0002 + rnd() * 0.001 })],
      ['section restored', 4, () => update(SECTION)],
      ['name and village', 3, () => update({ name: `改${Math.floor(rnd() * 99)}`, village: pick(['村0', '村1', '村2', '新村', '']) })],
      ['work', 3, () => update({ work: pick(['existing', 'new', 'cleared']) })],
      [
        'moved',
        3,
        () => {
          const id = pickDitch();
          const g = geometry(id);
          const end = g.coordinates[rnd() < 0.5 ? 0 : g.coordinates.length - 1]!;
          end[0] += (rnd() - 0.5) * 0.0006;
          end[1] += (rnd() - 0.5) * 0.0006;
          return call('network.update', { layer: 'ditch', id, geometry: g });
        },
      ],
      ['deleted', 2, () => call('network.delete', { layer: 'ditch', id: pick(ids('ditch')) })],
      [
        'inserted',
        2,
        () => {
          const g = geometry(pick(ids('ditch')));
          const c = g.coordinates[g.coordinates.length - 1]!;
          const coordinates: [number, number][] = [[c[0] + (rnd() - 0.5) * 0.001, c[1] + rnd() * 0.001], c];
          return call('network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates }, properties: { kind: 'field', name: '新沟', ...SECTION } });
        },
      ],
      ['undo', 2, () => call('network.undo', {})],
      [
        'blockage',
        2,
        async () => {
          const id = pick(ids('blockage'));
          if (!(await call('blockages.transition', { id, to: pick(['in_progress', 'cleared']), note: '' }))) await call('network.update', { layer: 'blockage', id, properties: { name: `堵${Math.floor(rnd() * 99)}` } });
        },
      ],
      ['culvert', 1, () => call('network.update', { layer: 'culvert', id: pick(ids('culvert')), properties: { diameter_m: 0.4 + rnd() } })],
    ];
    const total = steps.reduce((s, [, w]) => s + w, 0);
    const roll = () => {
      let r = rnd() * total;
      for (const step of steps) if ((r -= step[1]) < 0) return step;
      return steps[0]!;
    };
    const fresh = (query: (typeof queries)[number]) => {
      const kept = core.ctx.state.capacityNetwork;
      core.ctx.state.capacityNetwork = null;
      try {
        const c = computeCapacity(core.ctx, query);
        return { report: c.report, map: capacityMap(c) };
      } finally {
        core.ctx.state.capacityNetwork = kept;
      }
    };

    /** What the network state holds, read out (its sums as values). */
    const stateNow = () => {
      const s = core.ctx.state.capacityNetwork!;
      return {
        analysis: s.analysis,
        totals: s.totals,
        invalid: [...s.invalidIds].sort(),
        culverts: s.culverts,
        areaSums: s.areaSums.map((a) => [a.lengthM.value(), a.storageM3.value(), a.excluded]),
        rankingSums: s.rankingSums.map((r) => [r.noSection, r.noArea, [...r.byArea].map(([a, v]) => [a, v.catchmentM2.value(), v.ditches]).sort()]),
      };
    };
    const freshState = () => {
      const kept = core.ctx.state.capacityNetwork;
      core.ctx.state.capacityNetwork = null;
      try {
        computeCapacity(core.ctx, queries[0]!);
        return stateNow();
      } finally {
        core.ctx.state.capacityNetwork = kept;
      }
    };

    computeCapacity(core.ctx, queries[0]!);
    const state = core.ctx.state.capacityNetwork;
    expect(state).not.toBeNull();
    expect(computeCapacity(core.ctx, queries[0]!).report.ranking.some((r) => r.blockagesInside.length > 0)).toBe(true);
    for (let step = 0; step < 120; step++) {
      const [kind, , run] = roll();
      await run();
      for (const query of queries) {
        const c = computeCapacity(core.ctx, query);
        // Patched in place, never read again from scratch...
        expect(core.ctx.state.capacityNetwork, `step ${step} (${kind})`).toBe(state);
        // ...and the same report and map, to the last bit, as a computation from scratch.
        expect({ report: c.report, map: capacityMap(c) }, `step ${step} (${kind}), ${query.method} ${query.rainMm ?? query.rainSource}`).toEqual(fresh(query));
      }
      // The state itself too (the analysis's own order, the sums kept for the next edit).
      expect(stateNow(), `step ${step} (${kind}): the state`).toEqual(freshState());
    }
  });
});
