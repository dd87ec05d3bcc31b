import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/app';
import { ChangeFeed } from '../../../electron/core/db/feed/changeFeed';
import { seedDemo } from '../../../electron/core/demo';
import { computeCapacity } from '../../../electron/core/services/capacity/report';
import { updateFeature } from '../../../electron/core/services/network/networkService';
import { capacityQuerySchema } from '../../../shared/contract/capacity';
import { tempCore } from '../../helpers/tempDir';
import { NOW } from './helpers';
import { random } from '../../helpers/random';

const query = capacityQuerySchema.parse({ rainMm: 60 });

type Line = { type: 'LineString'; coordinates: [number, number][] };

describe('capacity after an edit is patched from the change feed, and equals a full recompute', () => {
  it('after seeded random edits: sections, moves, new and deleted ditches, blockages, culverts, areas, undo, sync and another connection', { timeout: 180_000 }, async () => {
    const core = await tempCore({ now: () => NOW });
    seedDemo(core);
    // Another connection on the same file (a CLI run beside the app) writes through its own core.
    const other = await openCore({ dataDir: core.ctx.dataDir, transport: 'cli', now: () => NOW });
    const feed = new ChangeFeed(core.db, core.ctx.townshipId);
    const ids = (layer: string) => (core.db.prepare(`SELECT id FROM ${layer} WHERE deleted_at IS NULL ORDER BY rowid`).all() as { id: string }[]).map((r) => r.id);
    const geometry = (id: string) => JSON.parse((core.db.prepare('SELECT geometry FROM ditch WHERE id = ?').get(id) as { geometry: string }).geometry) as Line;
    const call = async (procedure: string, input: unknown, on = core) => (await on.dispatch(procedure, input)).ok;
    const rnd = random(15);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const ditchProps = () =>
      pick([
        { depth_m: 0.5 + rnd() * 2 },
        { condition: pick(['clear', 'silted', 'blocked']) },
        { slope: rnd() < 0.2 ? null : 0.0002 + rnd() * 0.001 },
        { name: `改名${Math.floor(rnd() * 1000)}` },
        { bottom_width_m: rnd() < 0.15 ? null : 1 + rnd() },
        { work: pick(['existing', 'new', 'cleared']) },
      ]);
    /** The full answer: the same database read from scratch, nothing kept. */
    const fullRecompute = () => {
      const kept = core.ctx.state.capacityNetwork;
      core.ctx.state.capacityNetwork = null;
      try {
        return computeCapacity(core.ctx, query).report;
      } finally {
        core.ctx.state.capacityNetwork = kept;
      }
    };

    const steps: Record<string, () => Promise<unknown>> = {
      'ditch section': () => call('network.update', { layer: 'ditch', id: pick(ids('ditch')), properties: ditchProps() }),
      'ditch moved': () => {
        const id = pick(ids('ditch'));
        const g = geometry(id);
        const end = g.coordinates[rnd() < 0.5 ? 0 : g.coordinates.length - 1]!;
        end[0] += (rnd() - 0.5) * 0.001;
        end[1] += (rnd() - 0.5) * 0.001;
        return call('network.update', { layer: 'ditch', id, geometry: g });
      },
      'ditch kind': () => call('network.update', { layer: 'ditch', id: pick(ids('ditch')), properties: { kind: pick(['field', 'branch', 'main']) } }),
      'ditch drawn': () => {
        const g = geometry(pick(ids('ditch')));
        const shift = 0.0002 * (rnd() - 0.5);
        const coordinates = g.coordinates.map(([x, y]) => [x + shift, y] as [number, number]);
        return call('network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates }, properties: { kind: 'field', name: '新挖沟', bottom_width_m: 1, depth_m: 1, side_slope: 1.5, manning_n: 0.03, slope: 0.0005 } });
      },
      'ditch deleted': () => call('network.delete', { layer: 'ditch', id: pick(ids('ditch')) }),
      undo: () => call('network.undo', {}),
      blockage: async () => {
        const id = pick(ids('blockage'));
        if (!(await call('blockages.transition', { id, to: pick(['in_progress', 'cleared', 'rejected']), note: '' }))) {
          await call('network.update', { layer: 'blockage', id, properties: { name: `堵点${Math.floor(rnd() * 1000)}` } });
        }
      },
      'blockage undo': () => call('blockages.undo', {}),
      culvert: () => call('network.update', { layer: 'culvert', id: pick(ids('culvert')), properties: { diameter_m: 0.4 + rnd() } }),
      area: () => call('network.update', { layer: 'area', id: pick(ids('area')), properties: { runoff_coefficient: 0.3 + rnd() * 0.5 } }),
      'area moved': () => {
        const id = pick(ids('area'));
        const g = JSON.parse((core.db.prepare('SELECT geometry FROM area WHERE id = ?').get(id) as { geometry: string }).geometry) as { type: string; coordinates: unknown };
        const [dx, dy] = [(rnd() - 0.5) * 0.004, (rnd() - 0.5) * 0.004];
        const shift = (c: unknown): unknown => (typeof (c as number[])[0] === 'number' ? [(c as number[])[0]! + dx, (c as number[])[1]! + dy] : (c as unknown[]).map(shift));
        return call('network.update', { layer: 'area', id, geometry: { type: g.type, coordinates: shift(g.coordinates) } });
      },
      'synced in': async () => {
        // A change made at the county (or another desk) arrives through sync's applyRemote.
        const id = pick(ids('ditch'));
        const row = { ...feed.current('ditch', id)!, depth_m: 0.8 + rnd(), updated_at: new Date().toISOString() };
        const hlc = `${String(Date.now() + 3_600_000).padStart(15, '0')}-${String(Math.floor(rnd() * 999_999)).padStart(6, '0')}-county`;
        const entry = { changeId: crypto.randomUUID(), townshipId: core.ctx.townshipId, table: 'ditch', rowId: id, op: 'update' as const, row, hlc, baseHlc: feed.latestClock('ditch', id), origin: 'county', batchId: crypto.randomUUID(), source: 'sync', at: new Date().toISOString() };
        expect(feed.applyRemote(entry)).toBe('applied');
      },
      'another connection': () => call('network.update', { layer: 'ditch', id: pick(ids('ditch')), properties: ditchProps() }, other),
    };
    const weights: [string, number][] = [
      ['ditch section', 8], ['ditch moved', 3], ['ditch kind', 1], ['ditch drawn', 2], ['ditch deleted', 2], ['undo', 3],
      ['blockage', 3], ['blockage undo', 1], ['culvert', 2], ['area', 1], ['area moved', 2], ['synced in', 2], ['another connection', 2],
    ];
    const total = weights.reduce((s, [, w]) => s + w, 0);
    const roll = () => {
      let r = rnd() * total;
      for (const [name, w] of weights) if ((r -= w) < 0) return name;
      return weights[0]![0];
    };

    computeCapacity(core.ctx, query);
    const state = core.ctx.state.capacityNetwork;
    expect(state).not.toBeNull();
    // Every kind of change once (in a seeded order), then a random run of them.
    const everyKind = weights.map(([k]) => k).sort(() => rnd() - 0.5);
    const plan = [...everyKind, ...Array.from({ length: 60 }, roll)];
    let wrote = 0;
    try {
      for (const [step, kind] of plan.entries()) {
        const seq = feed.lastSeq();
        await steps[kind]!();
        // (An edit to the value a row already has, or an undo with nothing left, writes nothing.)
        if (feed.lastSeq() > seq) wrote++;
        const ours = computeCapacity(core.ctx, query).report;
        // Patched in place, never read again from scratch...
        expect(core.ctx.state.capacityNetwork, `after step ${step} (${kind})`).toBe(state);
        // ...and the same answer as reading everything again.
        expect(ours, `after step ${step} (${kind})`).toEqual(fullRecompute());
      }
    } finally {
      other.close();
    }
    expect(wrote).toBeGreaterThan(plan.length * 0.8);
  });

  it('changing a capacity setting or the open database reads everything again', async () => {
    const core = await tempCore({ now: () => NOW });
    seedDemo(core);
    computeCapacity(core.ctx, query);
    const first = core.ctx.state.capacityNetwork;
    computeCapacity(core.ctx, capacityQuerySchema.parse({ rainMm: 20 }));
    expect(core.ctx.state.capacityNetwork).toBe(first);
    const r = await core.dispatch('capacity.setSettings', { siltedAreaFactor: 0.5 });
    expect(r.ok).toBe(true);
    const after = computeCapacity(core.ctx, query).report;
    expect(core.ctx.state.capacityNetwork).not.toBe(first);
    expect(after.settings.siltedAreaFactor).toBe(0.5);
  });

  it('a report inside a write transaction that rolls back leaves nothing of it behind', async () => {
    const core = await tempCore({ now: () => NOW });
    seedDemo(core);
    const before = computeCapacity(core.ctx, query).report;
    const id = (core.db.prepare("SELECT id FROM ditch WHERE deleted_at IS NULL AND kind <> 'river' ORDER BY rowid LIMIT 1").get() as { id: string }).id;
    expect(() =>
      core.db.transaction(() => {
        updateFeature(core.ctx, { layer: 'ditch', id, properties: { depth_m: 3.5 } });
        // Seen inside the transaction...
        expect(computeCapacity(core.ctx, query).report.overall.storageM3).toBeGreaterThan(before.overall.storageM3);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    // ...and gone with it, though the next write takes the same feed seq.
    expect(computeCapacity(core.ctx, query).report).toEqual(before);
    updateFeature(core.ctx, { layer: 'ditch', id, properties: { name: '回滚之后' } });
    const after = computeCapacity(core.ctx, query).report;
    core.ctx.state.capacityNetwork = null;
    expect(after).toEqual(computeCapacity(core.ctx, query).report);
  });
});
