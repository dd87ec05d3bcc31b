import { describe, expect, it } from 'vitest';
import { patrolCoverage, type CoverageDitch } from '../../../../shared/calc/patrol/coverage';
import { cleanTrack, type TrackPoint } from '../../../../shared/calc/patrol/track';

// Near 三合乡: 1° of latitude ≈ 111,195 m; 1° of longitude ≈ 80,840 m at 43.4°N.
const LAT = 43.4;
const LON = 124.2;
const M_LAT = 1 / 111_195;
const M_LON = 1 / (111_195 * Math.cos((LAT * Math.PI) / 180));
const at = (eastM: number, northM: number): [number, number] => [LON + eastM * M_LON, LAT + northM * M_LAT];
/** A straight line east from `fromM` to `toM`, `northM` north of the reference, every 50 m. */
const eastLine = (fromM: number, toM: number, northM = 0) => Array.from({ length: Math.round((toM - fromM) / 50) + 1 }, (_, i) => at(fromM + i * 50, northM));

const ditch = (id: string, coordinates: [number, number][], village = '三合堡村', kind = 'branch'): CoverageDitch => ({ id, kind, village, coordinates });

describe('patrol coverage', () => {
  const main = ditch('main', [at(0, 0), at(1000, 0)]);

  it('counts a ditch walked along 20 m away as covered, and one 40 m away as not', () => {
    expect(patrolCoverage([main], [eastLine(0, 1000, 20)]).ditches[0]).toMatchObject({ covered: true, fraction: 1 });
    const far = patrolCoverage([main], [eastLine(0, 1000, 40)]).ditches[0]!;
    expect(far.covered).toBe(false);
    expect(far.fraction).toBe(0);
  });

  it('needs most of the length: half is not enough, seven tenths is', () => {
    const half = patrolCoverage([main], [eastLine(0, 500, 10)]).ditches[0]!;
    expect(half.fraction).toBeCloseTo(0.53, 1);
    expect(half.covered).toBe(false);
    expect(patrolCoverage([main], [eastLine(0, 700, 10)]).ditches[0]!.covered).toBe(true);
  });

  it('a track that only crosses a ditch covers a few samples of it, not the ditch', () => {
    const crossing = [at(500, -300), at(500, 300)];
    const r = patrolCoverage([main], [crossing]).ditches[0]!;
    expect(r.fraction).toBeGreaterThan(0.04);
    expect(r.fraction).toBeLessThan(0.08);
    expect(r.covered).toBe(false);
  });

  it('adds up kilometres and shares by village and by kind', () => {
    const other = ditch('other', [at(0, 500), at(1000, 500)], '范家屯村', 'field');
    const r = patrolCoverage([main, other], [eastLine(0, 1000, 5)]);
    expect(Math.abs(r.totalM - 2000)).toBeLessThan(10); // geodesic lengths of lines laid out on a sphere
    expect(Math.abs(r.coveredM - 1000)).toBeLessThan(5);
    expect(r.share).toBeCloseTo(0.5, 2);
    expect(r.byVillage.find((g) => g.key === '三合堡村')?.share).toBe(1);
    expect(r.byVillage.find((g) => g.key === '范家屯村')?.share).toBe(0);
    expect(r.byKind.map((g) => [g.key, g.coveredM > 0])).toEqual([['branch', true], ['field', false]]);
  });

  it('with no tracks nothing is covered', () => {
    expect(patrolCoverage([main], []).coveredM).toBe(0);
    expect(patrolCoverage([main], [[at(0, 0)]]).coveredM).toBe(0);
  });
});

describe('cleaning a patrol track', () => {
  const p = (eastM: number, seconds: number, accuracyM = 8): TrackPoint => {
    const [lon, lat] = at(eastM, 0);
    return { lon, lat, accuracyM, at: new Date(Date.UTC(2026, 7, 10, 1, 0, seconds)).toISOString() };
  };

  it('puts points in time order and drops repeats', () => {
    const r = cleanTrack([p(20, 20), p(0, 0), p(10, 10), p(10, 10)]);
    expect(r.points.map((x) => x.at)).toEqual([p(0, 0).at, p(10, 10).at, p(20, 20).at]);
    expect(r.dropped.duplicate).toBe(1);
    expect(r.lengthM).toBeCloseTo(20, 0);
  });

  it('drops a 500 km/h jump and a fix blurred to 300 m, and says so', () => {
    const jump = p(1400, 20); // 1.4 km in 10 s
    const r = cleanTrack([p(0, 0), p(10, 10), jump, p(20, 30), p(30, 40, 300)]);
    expect(r.points).toHaveLength(3);
    expect(r.dropped).toMatchObject({ jump: 1, inaccurate: 1 });
  });

  it('leaves out impossible positions (0, 0 and out of range)', () => {
    const r = cleanTrack([{ lon: 0, lat: 0, at: p(0, 0).at, accuracyM: 5 }, { lon: 200, lat: 10, at: p(0, 1).at, accuracyM: 5 }, p(0, 2)]);
    expect(r.points).toHaveLength(1);
    expect(r.dropped.invalid).toBe(2);
  });
});
