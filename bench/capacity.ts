// Capacity totals + blockage ranking over 50,000 ditch segments and 500 open blockages (issue 6),
// against one SQL aggregate over the same rows in the same run. The page recomputes on every
// change, so the absolute time must stay well under a second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { computeCapacity } from '../electron/core/services/capacity/report';
import { insertFeatures, type NewFeature } from '../electron/core/services/network/networkService';
import { capacityQuerySchema } from '../shared/contract/capacity';
import { median, report } from './lib';

const MAINS = 50;
const MAIN_SEGMENTS = 20; // 200 m each
const BRANCH_SEGMENTS = 24; // 50 m each, on both sides of every main junction
const SPACING_M = 2600;
const BLOCKAGES = 500;
const SECTION = { bottom_width_m: 1.5, depth_m: 1.25, side_slope: 2, manning_n: 0.025, slope: 0.0005 };

const at = (x: number, y: number): [number, number] => [124.2 + x / 81_010.03, 43.4 + y / 111_100.54];
const line = (a: [number, number], b: [number, number]) => ({ type: 'LineString' as const, coordinates: [at(...a), at(...b)] });

/** A comb: mains running north from a river, branches east and west from every main junction. */
function network(): { features: NewFeature[]; branchIds: string[] } {
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

export async function benchCapacity(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-'));
  const core = await openCore({ dataDir: dir, transport: 'cli' });
  const { ctx, db } = core;
  const { features, branchIds } = network();
  // 500 open blockages spread over the branches: half placed by ditch id, half by position only.
  for (let i = 0; i < BLOCKAGES; i++) {
    const ditchId = branchIds[Math.floor(((i + 0.5) / BLOCKAGES) * branchIds.length)]!;
    const ditch = features.find((f) => f.id === ditchId)!;
    const [a, b] = (ditch.geometry as unknown as { coordinates: [number, number][] }).coordinates;
    const position: [number, number] = [(a![0] + b![0]) / 2, (a![1] + b![1]) / 2];
    features.push({ layer: 'blockage', geometry: { type: 'Point', coordinates: position }, properties: { name: `堵点${i}`, ...(i % 2 === 0 ? { ditch_id: ditchId } : {}) } });
  }
  const t0 = performance.now();
  db.transaction(() => insertFeatures(ctx, features, { batchId: 'bench', action: 'import', source: 'cli' }))();
  const ditches = (db.prepare('SELECT count(*) n FROM ditch').get() as { n: number }).n;
  console.log(`capacity bench: ${ditches.toLocaleString()} ditch segments, ${BLOCKAGES} open blockages, ${MAINS * 4} areas (loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // After an edit at the desk (any write) everything is recomputed from the database...
  const touch = db.prepare('UPDATE ditch SET note = ? WHERE id = ?');
  const query = capacityQuerySchema.parse({ rainMm: 80 });
  let ranked = 0;
  let edits = 0;
  const afterEdit = await median(5, () => {
    touch.run(`edit ${++edits}`, branchIds[0]);
    ranked = computeCapacity(ctx, query).report.ranking.length;
  });
  // ...while another rain depth on an unchanged network reuses the network analysis.
  let mm = 0;
  const newRain = await median(5, () => computeCapacity(ctx, capacityQuerySchema.parse({ rainMm: 50 + (++mm % 50) })));

  const aggregate = db.prepare(
    `SELECT kind, condition, work, village, count(*) AS n, sum(length_m) AS length,
            sum((bottom_width_m + side_slope * depth_m) * depth_m * length_m) AS storage
     FROM ditch WHERE township_id = ? AND deleted_at IS NULL GROUP BY kind, condition, work, village`,
  );
  const baseline = await median(5, () => aggregate.all(ctx.townshipId));
  report(`capacity after an edit: totals + ${ranked} ranked`, afterEdit, baseline);
  report('capacity for another rain (network unchanged)', newRain, baseline);
  const verdict = (ms: number) => (ms < 500 ? `✓ ${ms.toFixed(0)} ms, well under 1 s` : `✗ ${ms.toFixed(0)} ms, not well under 1 s`);
  console.log(`${''.padEnd(44)} after an edit ${verdict(afterEdit)}; another rain ${verdict(newRain)}`);
  core.close();
  if (process.env.KEEP_BENCH_DB) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
