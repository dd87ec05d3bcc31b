/** Runoff of one area for a rain depth, by its runoff coefficient or its SCS curve number. */
import type { Bilingual } from '../../../../shared/contract/errors';
import { runoffVolumeM3, scsRunoffVolumeM3 } from '../../../../shared/calc';
import type { CapacitySettings, RunoffMethod } from '../../../../shared/contract/capacity';
import type { AreaRow } from './load';

export interface AreaRunoff {
  runoffM3: number | null;
  runoffCoefficient: number | null;
  coefficientIsDefault: boolean;
  curveNumber: number | null;
  problem: Bilingual | null;
}

/**
 * Coefficient method: the area's C, or the settings' default C (marked as such, since a township
 * rarely has a measured C per field block). SCS method: the area's CN; an area without one gets
 * no runoff and a message, never a guessed CN. No recorded rain gives no runoff either.
 */
export function areaRunoff(area: AreaRow, rainMm: number | null, method: RunoffMethod, settings: CapacitySettings): AreaRunoff {
  const own = area.runoff_coefficient;
  const coefficient = method === 'coefficient' ? (own ?? settings.defaultRunoffCoefficient) : own;
  const base = {
    runoffCoefficient: coefficient,
    coefficientIsDefault: method === 'coefficient' && own === null,
    curveNumber: area.curve_number,
  };
  if (rainMm === null) {
    return { ...base, runoffM3: null, problem: { zh: '没有这几天的雨量记录，无法计算径流', en: 'no rainfall is recorded for these days, so runoff cannot be computed' } };
  }
  if (method === 'scs') {
    if (area.curve_number === null) {
      return { ...base, runoffM3: null, problem: { zh: '该片区没有填写 CN 值，无法用 SCS 法计算', en: 'this area has no curve number, so the SCS method cannot be used' } };
    }
    return { ...base, runoffM3: scsRunoffVolumeM3(rainMm, area.curve_number, area.area_m2), problem: null };
  }
  return { ...base, runoffM3: runoffVolumeM3(coefficient!, rainMm, area.area_m2), problem: null };
}
