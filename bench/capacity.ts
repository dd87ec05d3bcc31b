// Capacity totals + blockage ranking over 50,000 ditch segments and 500 open blockages (issues 6
// and 15), against one SQL aggregate over the same rows in the same run: after an edit (the network
// state patched from the change feed), for another rain (network unchanged) and after a ditch is
// moved (the topology laid out again in the junction components the move reaches, issue 15: ≤ 3×).
// The page recomputes on every change.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { computeCapacity } from '../electron/core/services/capacity/report';
import { insertFeatures, updateFeature, type NewFeature } from '../electron/core/services/network/networkService';
import { capacityQuerySchema } from '../shared/contract/capacity';
import { median, report } from './lib';

const MAIN_SEGMENTS = 20; // 200 m each
const BRANCH_SEGMENTS = 24; // 50 m each, on both sides of every main junction
const SPACING_M = 2600;
/** Open blockages per main drain (500 on the township's 50 mains). */
const BLOCKAGES_PER_MAIN = 10;
/** The comb has 980 segments per main drain (and one river for all). */
export const SEGMENTS_PER_MAIN = 980;
const SECTION = { bottom_width_m: 1.5, depth_m: 1.25, side_slope: 2, manning_n: 0.025, slope: 0.0005 };

const at = (x: number, y: number): [number, number] => [124.2 + x / 81_010.03, 43.4 + y / 111_100.54];
const line = (a: [number, number], b: [number, number]) => ({ type: 'LineString' as const, coordinates: [at(...a), at(...b)] });

/** A comb: mains running north from a river, branches east and west from every main junction (also the scale curve's import file). */
export function combNetwork(MAINS: number): { features: NewFeature[]; branchIds: string[] } {
  const features: NewFeature[] = [];
  const branchIds: string[] = [];
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  features.push({ layer: 'ditch', id: id(), geometry: line([-1000, 0], [MAINS * SPACING_M, 0]), properties: { kind: 'river', name: '辽河' } });
  for (let m = 0; m < MAINS; m++) {
    const x = m * SPACING_M + SPACING_M / 2;
    const village = `村${m % 12}`;
    for (let s = 0; s < MAIN_SEGMENTS; s++) {
      features.push({ layer: 'ditch', id: id(), geometry: line([x, (s + 1) * 200], [x, s * 200]), properties: { kind: 'main', name: `${m}号干沟${s}`, village, ...SECTION } });
      for (const side of [-1, 1]) {
        for (let b = 0; b < BRANCH_SEGMENTS; b++) {
          const ditchId = id();
          branchIds.push(ditchId);
          const condition = b % 17 === 0 ? 'silted' : 'clear';
          features.push({
            layer: 'ditch',
            id: ditchId,
            geometry: line([x + side * (b + 1) * 50, (s + 1) * 200], [x + side * b * 50, (s + 1) * 200]),
            properties: { kind: b < 4 ? 'branch' : 'field', name: `${m}-${s}-${side}-${b}`, village, condition, work: b % 3 === 0 ? 'cleared' : 'existing', ...SECTION },
          });
        }
      }
    }
    for (let q = 0; q < 4; q++) {
      const x0 = m * SPACING_M;
      const y0 = q * 1000 + 100;
      const ring = [at(x0, y0), at(x0 + SPACING_M, y0), at(x0 + SPACING_M, y0 + 1000), at(x0, y0 + 1000), at(x0, y0)];
      features.push({ layer: 'area', id: id(), geometry: { type: 'Polygon', coordinates: [ring] }, properties: { kind: 'field_block', name: `${m}-${q}`, runoff_coefficient: 0.5 } });
    }
  }
  return { features, branchIds };
}

/** What one capacity run measured, ms (medians), on a comb of `mains` main drains. */
export interface CapacityTimes {
  segments: number;
  ranked: number;
  firstReport: number;
  afterEdit: number;
  newRain: number;
  moved: number;
  baseline: number;
}

/** Capacity on a comb of `mains` main drains (50: 49,001 segments): after an edit, for another rain, after a move; and the SQL aggregate. */
export async function capacityAt(mains: number): Promise<CapacityTimes> {
  const blockages = mains * BLOCKAGES_PER_MAIN;
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-'));
  const core = await openCore({ dataDir: dir, transport: 'cli' });
  const { ctx, db } = core;
  try {
    const { features, branchIds } = combNetwork(mains);
    // Open blockages spread over the branches: half placed by ditch id, half by position only.
    const byId = new Map(features.map((f) => [f.id, f]));
    for (let i = 0; i < blockages; i++) {
      const ditchId = branchIds[Math.floor(((i + 0.5) / blockages) * branchIds.length)]!;
      const [a, b] = (byId.get(ditchId)!.geometry as unknown as { coordinates: [number, number][] }).coordinates;
      const position: [number, number] = [(a![0] + b![0]) / 2, (a![1] + b![1]) / 2];
      features.push({ layer: 'blockage', geometry: { type: 'Point', coordinates: position }, properties: { name: `堵点${i}`, ...(i % 2 === 0 ? { ditch_id: ditchId } : {}) } });
    }
    const t0 = performance.now();
    db.transaction(() => insertFeatures(ctx, features, { batchId: 'bench', action: 'import', source: 'cli' }))();
    const segments = (db.prepare('SELECT count(*) n FROM ditch').get() as { n: number }).n;
    console.log(`capacity bench: ${segments.toLocaleString()} ditch segments, ${blockages} open blockages, ${mains * 4} areas (loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    const query = capacityQuerySchema.parse({ rainMm: 80 });
    // The first report reads everything (the import wrote more rows than a patch follows).
    const t1 = performance.now();
    computeCapacity(ctx, query);
    const firstReport = performance.now() - t1;
    // An edit at the desk (a ditch's section, as the details panel writes it, through the change
    // feed) and the report after it: the state is patched for that ditch and re-ranked on the same topology...
    let ranked = 0;
    let edits = 0;
    const afterEdit = await median(9, () => {
      updateFeature(ctx, { layer: 'ditch', id: branchIds[(++edits * 7919) % branchIds.length]!, properties: { depth_m: 1 + (edits % 5) / 10 } });
      ranked = computeCapacity(ctx, query).report.ranking.length;
    });
    // ...another rain depth on an unchanged network reuses the network state...
    let mm = 0;
    const newRain = await median(9, () => computeCapacity(ctx, capacityQuerySchema.parse({ rainMm: 50 + (++mm % 50) })));
    // ...and a ditch moved (its line changes the topology) patches the topology where the move reaches.
    const moved = await median(5, () => {
      const id = branchIds[(++edits * 7919) % branchIds.length]!;
      const g = JSON.parse((db.prepare('SELECT geometry FROM ditch WHERE id = ?').get(id) as { geometry: string }).geometry) as { type: 'LineString'; coordinates: [number, number][] };
      g.coordinates[0]![1] += 1e-6;
      updateFeature(ctx, { layer: 'ditch', id, geometry: g });
      computeCapacity(ctx, query);
    });

    const aggregate = db.prepare(
      `SELECT kind, condition, work, village, count(*) AS n, sum(length_m) AS length,
              sum((bottom_width_m + side_slope * depth_m) * depth_m * length_m) AS storage
       FROM ditch WHERE township_id = ? AND deleted_at IS NULL GROUP BY kind, condition, work, village`,
    );
    const baseline = await median(9, () => aggregate.all(ctx.townshipId));
    return { segments, ranked, firstReport, afterEdit, newRain, moved, baseline };
  } finally {
    core.close();
    if (process.env.KEEP_BENCH_DB) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchCapacity(): Promise<void> {
  const t = await capacityAt(Number(process.env.BENCH_CAPACITY_MAINS ?? 50));
  console.log(`capacity bench measured at load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  report(`capacity after an edit: totals + ${t.ranked} ranked`, t.afterEdit, t.baseline, 3);
  report('capacity for another rain (network unchanged)', t.newRain, t.baseline);
  report('capacity after a ditch is moved (topology)', t.moved, t.baseline, 3);
  report('capacity, first report (reads everything)', t.firstReport, t.baseline);
  const verdict = (ms: number) => (ms < 500 ? `✓ ${ms.toFixed(0)} ms, well under 1 s` : `✗ ${ms.toFixed(0)} ms, not well under 1 s`);
  console.log(`${''.padEnd(44)} after an edit ${verdict(t.afterEdit)}; another rain ${verdict(t.newRain)}`);
}
