/**
 * Drain-down estimate (DESIGN §3): how long until the water that the ditches cannot hold is gone,
 * and how that compares with the design drainage duration for the crop.
 */
import type { Bilingual } from '../contract/errors';
import { requireNumber } from './guards';

export interface DrainDownInput {
  /** Runoff to get rid of, m³. */
  runoffM3: number;
  /** Free (still empty) storage in the ditches, m³. */
  freeStorageM3: number;
  /** Outflow capacity to rivers, m³/s. */
  outflowM3s: number;
  /** Pumping capacity, m³/h. */
  pumpingM3h: number;
}

/**
 * none: the ditches hold all of it (hours 0). ok: hours is finite.
 * no_outflow: there is excess water and nothing removes it; hours is Infinity.
 */
export type DrainDownStatus = 'none' | 'ok' | 'no_outflow';

export interface DrainDownResult {
  status: DrainDownStatus;
  /** 0 for 'none', finite for 'ok', Infinity for 'no_outflow'. */
  hours: number;
  /** max(0, runoff − free storage), m³. */
  excessM3: number;
  /** outflow × 3600 + pumping, m³/h. */
  removalM3h: number;
}

/** hours = max(0, runoff − free storage) / (outflow m³/s × 3600 + pumping m³/h). */
export function drainDownHours(input: DrainDownInput): DrainDownResult {
  requireNumber('runoffM3', input.runoffM3, 0);
  requireNumber('freeStorageM3', input.freeStorageM3, 0);
  requireNumber('outflowM3s', input.outflowM3s, 0);
  requireNumber('pumpingM3h', input.pumpingM3h, 0);
  const excessM3 = Math.max(0, input.runoffM3 - input.freeStorageM3);
  const removalM3h = input.outflowM3s * 3600 + input.pumpingM3h;
  if (excessM3 === 0) return { status: 'none', hours: 0, excessM3, removalM3h };
  if (removalM3h === 0) return { status: 'no_outflow', hours: Infinity, excessM3, removalM3h };
  return { status: 'ok', hours: excessM3 / removalM3h, excessM3, removalM3h };
}

export type CropKind = 'dry' | 'rice';

/**
 * Design drainage durations: dry crops (旱作物) must be rid of standing water within 1–3 days,
 * rice (水稻) within 3–5 days. The lower bound is the strict end of the range.
 */
export const DRAIN_TARGET_HOURS: Readonly<Record<CropKind, { minHours: number; maxHours: number }>> = {
  dry: { minHours: 24, maxHours: 72 },
  rice: { minHours: 72, maxHours: 120 },
};

/**
 * meets_strict: within the lower bound. meets: within the range. exceeds: slower than the upper
 * bound. never: no outflow (Infinity).
 */
export type DrainGrade = 'meets_strict' | 'meets' | 'exceeds' | 'never';

export const DRAIN_GRADE_LABELS: Readonly<Record<DrainGrade, Bilingual>> = {
  meets_strict: { zh: '达标（从严）', en: 'meets the strict target' },
  meets: { zh: '达标', en: 'meets the target' },
  exceeds: { zh: '超出排涝历时', en: 'slower than the target' },
  never: { zh: '无出路，排不出', en: 'no outflow, never drains' },
};

/** Grades drain-down hours against the crop's design duration. */
export function gradeDrainDown(hours: number, crop: CropKind): DrainGrade {
  if (Number.isNaN(hours) || hours < 0) throw new RangeError(`hours must be ≥ 0, got ${hours}`);
  if (hours === Infinity) return 'never';
  const target = DRAIN_TARGET_HOURS[crop];
  if (hours <= target.minHours) return 'meets_strict';
  if (hours <= target.maxHours) return 'meets';
  return 'exceeds';
}
