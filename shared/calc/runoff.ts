/**
 * Runoff from an area (DESIGN §3): the runoff-coefficient method and, as the second method, the
 * SCS curve-number method. Rain depths in mm, areas in m², volumes in m³.
 */
import { requireNumber } from './guards';

/** Square metres in one hectare. */
export const M2_PER_HECTARE = 10_000;
/**
 * Square metres in one mu (亩). By definition 1 mu = 1/15 hectare, so we use 10000/15 exactly
 * (666.666…), not the rounded 666.67 printed on forms, so mu ↔ ha round-trips without drift.
 */
export const M2_PER_MU = 10_000 / 15;

/** Converts mu (亩) to m². */
export function muToM2(mu: number): number {
  return mu * M2_PER_MU;
}

/** Converts m² to mu (亩). */
export function m2ToMu(m2: number): number {
  return m2 / M2_PER_MU;
}

/** Converts mu (亩) to hectares (15 mu = 1 ha). */
export function muToHectares(mu: number): number {
  return mu / 15;
}

/** Converts hectares to mu (亩). */
export function hectaresToMu(hectares: number): number {
  return hectares * 15;
}

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
