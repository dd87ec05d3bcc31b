/**
 * Runoff from an area (DESIGN §3): the runoff-coefficient method and, as the second method, the
 * SCS curve-number method. Rain depths in mm, areas in m², volumes in m³.
 */
import { requireNumber } from './guards';

// The area units (亩, ha) live once, beside the geodesic areas they convert.
export { M2_PER_HA as M2_PER_HECTARE, M2_PER_MU, haToMu as hectaresToMu, m2ToMu, muToHa as muToHectares, muToM2 } from '../geo/length';

/** Runoff volume V = C · P/1000 · A, m³ (C 0–1, P rain in mm, A in m²). */
export function runoffVolumeM3(coefficient: number, rainMm: number, areaM2: number): number {
  requireNumber('coefficient', coefficient, 0, 1);
  requireNumber('rainMm', rainMm, 0);
  requireNumber('areaM2', areaM2, 0);
  return coefficient * (rainMm / 1000) * areaM2;
}

/** SCS potential maximum retention S = 25400/CN − 254, mm (CN in (0, 100]). */
export function scsRetentionMm(curveNumber: number): number {
  requireNumber('curveNumber', curveNumber, 0, 100);
  if (curveNumber === 0) throw new RangeError('curveNumber must be greater than 0');
  return 25_400 / curveNumber - 254;
}

/**
 * SCS runoff depth Q = (P − 0.2S)² / (P + 0.8S), mm, for P > 0.2S; 0 otherwise
 * (initial abstraction Ia = 0.2S: rain up to Ia soaks in before anything runs off).
 */
export function scsRunoffDepthMm(rainMm: number, curveNumber: number): number {
  requireNumber('rainMm', rainMm, 0);
  const s = scsRetentionMm(curveNumber);
  const initialAbstraction = 0.2 * s;
  if (rainMm <= initialAbstraction) return 0;
  const excess = rainMm - initialAbstraction;
  return (excess * excess) / (rainMm + 0.8 * s);
}

/** SCS runoff volume = Q/1000 · A, m³ (P in mm, A in m²). */
export function scsRunoffVolumeM3(rainMm: number, curveNumber: number, areaM2: number): number {
  requireNumber('areaM2', areaM2, 0);
  return (scsRunoffDepthMm(rainMm, curveNumber) / 1000) * areaM2;
}
