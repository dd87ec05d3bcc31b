import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { analyzeBlockages, ditchCapacity, validateDitchSection } from '../../../shared/calc';
import { culvertFeatureSchema, ditchFeatureSchema } from '../../../shared/contract/network';
import { lengthM } from '../../../shared/geo/length';
import { DEMO } from '../../../electron/core/demo/constants';
import { buildDemoNetwork } from '../../../electron/core/demo/network';

const demo = buildDemoNetwork();
const ditches = demo.features.filter((f) => f.layer === 'ditch');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('demo network', () => {
  it('has cleared ditches totalling exactly 210,000 m (geodesic) holding 1,050,000 m³', () => {
    const cleared = ditches.filter((d) => d.properties.work === 'cleared');
    const length = sum(cleared.map((d) => lengthM(d.geometry)));
    expect(length).toBeCloseTo(DEMO.works.clearedDitchMeters, 3);
    const storage = sum(
      cleared.map((d) => {
        const v = validateDitchSection({ bottomWidthM: 1.5, depthM: 1.25, sideSlope: 2, manningN: 0.025, slope: 0.0005 });
        if (!v.ok) throw new Error('bad section');
        return ditchCapacity(v.section, lengthM(d.geometry), 'clear').storageM3;
      }),
    );
    expect(storage).toBeCloseTo(DEMO.works.clearedStorageM3, 1);
  });

  it('has 36,500 m of field ditches dug this season and 260 culverts (520 m) laid in the season', () => {
    const dug = ditches.filter((d) => d.properties.work === 'dug');
    expect(dug.every((d) => d.properties.kind === 'field')).toBe(true);
    expect(sum(dug.map((d) => lengthM(d.geometry)))).toBeCloseTo(36_500, 3);
    const laid = demo.features.filter((f) => f.layer === 'culvert' && String(f.properties.laid_date) >= DEMO.seasonStart);
    expect(laid).toHaveLength(260);
    expect(sum(laid.map((c) => Number(c.properties.length_m)))).toBeCloseTo(520, 9);
  });

  it('is a connected network draining to the river, with no gaps or loops', () => {
    const segments = ditches.map((d) => ({
      id: String(d.id),
      coords: (d.geometry as Extract<Geometry, { type: 'LineString' }>).coordinates as [number, number][],
      kind: d.properties.kind as 'field' | 'branch' | 'main' | 'river',
      condition: d.properties.condition as 'clear',
      storageM3: 1,
      conveyanceM3s: 1,
    }));
    const last = new Map(demo.blockageEvents.map((e) => [e.blockageId, e.to]));
    const blockages = demo.features
      .filter((f) => f.layer === 'blockage' && ['reported', 'assigned', 'in_progress'].includes(last.get(String(f.id)) ?? 'reported'))
      .map((f) => ({ id: String(f.id), ditchId: String(f.properties.ditch_id) }));
    const analysis = analyzeBlockages(segments as never, blockages as never, { snapToleranceM: 1, rainMm: 50, runoffCoefficient: 0.45 });
    expect(analysis.problems.filter((p) => p.code === 'gap' || p.code === 'loop')).toEqual([]);
    expect(blockages.length).toBe(12);
  });

  it('produces features that satisfy the contract and are the same on every run', () => {
    for (const d of ditches.slice(0, 50)) {
      expect(() => ditchFeatureSchema.shape.geometry.parse(d.geometry)).not.toThrow();
    }
    const culvert = demo.features.find((f) => f.layer === 'culvert')!;
    expect(() => culvertFeatureSchema.shape.geometry.parse(culvert.geometry)).not.toThrow();
    expect(new Set(demo.features.map((f) => f.id)).size).toBe(demo.features.length);
    expect(JSON.stringify(buildDemoNetwork())).toBe(JSON.stringify(demo));
    expect(ditches.some((d) => d.properties.village === '三合堡村')).toBe(true);
  });
});
