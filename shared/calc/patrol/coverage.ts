/**
 * Patrol coverage (巡查覆盖): which ditch segments a team walked along. A ditch counts as walked
 * when most of its length (COVERED_FRACTION) lies within `withinM` of some track: the ditch is
 * sampled every few metres and each sample is looked up in a grid of the tracks' pieces.
 */
import { lineLengthM, type LonLat } from '../lineLength';
import { localProjection, projectLine } from '../localMetres';
import { buildPieceIndex } from '../networkGrid';

export interface CoverageDitch {
  id: string;
  kind: string;
  village: string;
  coordinates: readonly LonLat[];
}

export interface CoverageOptions {
  /** A sample of the ditch this close to a track was walked past, metres. */
  withinM: number;
  /** The share of a ditch's length that must be walked past for the ditch to count. */
  coveredFraction: number;
  /** Distance between samples along a ditch, metres. */
  stepM: number;
}

export const DEFAULT_COVERAGE: CoverageOptions = { withinM: 30, coveredFraction: 0.6, stepM: 10 };

export interface DitchCoverage {
  id: string;
  lengthM: number;
  /** 0–1 of the ditch's samples near a track. */
  fraction: number;
  covered: boolean;
}

export interface CoverageGroup {
  key: string;
  lengthM: number;
  coveredM: number;
  /** coveredM / lengthM, 0 when the group has no length. */
  share: number;
}

export interface CoverageReport {
  ditches: DitchCoverage[];
  totalM: number;
  coveredM: number;
  share: number;
  byVillage: CoverageGroup[];
  byKind: CoverageGroup[];
}

/** Coverage of every ditch by the given tracks (each a list of lon/lat points in order). */
export function patrolCoverage(ditches: readonly CoverageDitch[], tracks: readonly (readonly LonLat[])[], options: CoverageOptions = DEFAULT_COVERAGE): CoverageReport {
  const lats = ditches.flatMap((d) => d.coordinates.map((c) => c[1]));
  const refLat = lats.length ? (Math.min(...lats) + Math.max(...lats)) / 2 : 0;
  const projection = localProjection(refLat);
  const pieces = tracks.filter((t) => t.length >= 2).map((t) => projectLine(t, projection));
  const index = buildPieceIndex(pieces, pieces.map((_, i) => i), options.withinM, Math.max(options.withinM * 4, 100));

  const results = ditches.map((d): DitchCoverage => {
    const lengthM = lineLengthM(d.coordinates);
    const line = projectLine(d.coordinates, projection);
    let samples = 0;
    let near = 0;
    for (let v = 0; v + 3 < line.length; v += 2) {
      const ax = line[v]!, ay = line[v + 1]!, bx = line[v + 2]!, by = line[v + 3]!;
      const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / options.stepM));
      // Samples at the middle of each step, so a piece's ends are not counted twice.
      for (let s = 0; s < steps; s++) {
        const t = (s + 0.5) / steps;
        let hit = false;
        index.near(ax + (bx - ax) * t, ay + (by - ay) * t, () => void (hit = true));
        samples++;
        if (hit) near++;
      }
    }
    const fraction = samples ? near / samples : 0;
    return { id: d.id, lengthM, fraction, covered: fraction >= options.coveredFraction };
  });

  const group = (keyOf: (d: CoverageDitch) => string): CoverageGroup[] => {
    const groups = new Map<string, CoverageGroup>();
    ditches.forEach((d, i) => {
      const key = keyOf(d);
      const g = groups.get(key) ?? { key, lengthM: 0, coveredM: 0, share: 0 };
      g.lengthM += results[i]!.lengthM;
      if (results[i]!.covered) g.coveredM += results[i]!.lengthM;
      groups.set(key, g);
    });
    return [...groups.values()].map((g) => ({ ...g, share: g.lengthM > 0 ? g.coveredM / g.lengthM : 0 })).sort((a, b) => a.key.localeCompare(b.key, 'zh'));
  };
  const totalM = results.reduce((n, r) => n + r.lengthM, 0);
  const coveredM = results.reduce((n, r) => n + (r.covered ? r.lengthM : 0), 0);
  return { ditches: results, totalM, coveredM, share: totalM > 0 ? coveredM / totalM : 0, byVillage: group((d) => d.village), byKind: group((d) => d.kind) };
}
