/**
 * Each ditch's and culvert's capacity from its stored section, through shared/calc. A ditch whose
 * section is missing or impossible is flagged with its problems and carries no figures at all
 * (null, never zero or a default), so totals can leave it out and count it.
 */
import { culvertCapacity, ditchCapacity, validateCulvert, validateDitchSection, type SectionProblem } from '../../../../shared/calc';
import type { CapacitySettings } from '../../../../shared/contract/capacity';
import type { CulvertRow, DitchRow } from './load';

export interface DitchFigures {
  storageM3: number;
  conveyanceM3s: number;
  fullStorageM3: number;
  fullConveyanceM3s: number;
}

export interface EvaluatedDitch {
  row: DitchRow;
  /** null when the section data are invalid (see problems). */
  figures: DitchFigures | null;
  problems: SectionProblem[];
}

/** Storage and conveyance of every ditch in its condition (silted at the settings' reduced section). */
export function evaluateDitches(rows: readonly DitchRow[], settings: CapacitySettings): EvaluatedDitch[] {
  return rows.map((row) => {
    const result = validateDitchSection({
      bottomWidthM: row.bottom_width_m,
      depthM: row.depth_m,
      sideSlope: row.side_slope,
      manningN: row.manning_n,
      slope: row.slope,
    });
    if (!result.ok) return { row, figures: null, problems: result.problems };
    const c = ditchCapacity(result.section, row.length_m, row.condition, { siltedAreaFactor: settings.siltedAreaFactor });
    return {
      row,
      figures: {
        storageM3: c.storageM3,
        conveyanceM3s: c.conveyanceM3s,
        fullStorageM3: c.fullStorageM3,
        fullConveyanceM3s: c.fullConveyanceM3s,
      },
      problems: [],
    };
  });
}

export interface EvaluatedCulvert {
  row: CulvertRow;
  ditchId: string | null;
  slope: number | null;
  capacityM3s: number | null;
  problems: SectionProblem[];
}

/**
 * Full-pipe capacity of each culvert × barrels. The pipe's slope is its ditch's slope (DESIGN §2:
 * a culvert is a point on a ditch) and its roughness the settings' culvert n; a culvert on no
 * ditch, or on one without a slope, is flagged rather than given a made-up slope.
 */
export function evaluateCulverts(
  rows: readonly CulvertRow[],
  ditchOf: (culvert: CulvertRow) => DitchRow | null,
  settings: CapacitySettings,
): EvaluatedCulvert[] {
  return rows.map((row) => {
    const ditch = ditchOf(row);
    const slope = ditch?.slope ?? null;
    const result = validateCulvert({ diameterM: row.diameter_m, barrels: row.barrels, manningN: settings.culvertManningN, slope, lengthM: row.length_m });
    if (!result.ok) {
      const problems = result.problems.map((p) =>
        p.field === 'slope' && p.code === 'missing'
          ? {
              ...p,
              message: ditch
                ? { zh: `所在沟渠“${ditch.name || '未命名沟渠'}”没有纵坡 S，无法计算涵管过流`, en: `its ditch "${ditch.name || 'unnamed'}" has no slope S, so the pipe's flow cannot be computed` }
                : { zh: '涵管不在任何沟渠上（也不在连接容差内），没有纵坡可用', en: 'the culvert is on no ditch (nor within the snap tolerance of one), so it has no slope' },
            }
          : p,
      );
      return { row, ditchId: ditch?.id ?? null, slope, capacityM3s: null, problems };
    }
    return { row, ditchId: ditch?.id ?? null, slope, capacityM3s: culvertCapacity(result.section).totalM3s, problems: [] };
  });
}
