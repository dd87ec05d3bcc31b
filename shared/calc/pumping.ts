/**
 * Pumping (DESIGN §3): capacity Σ count × rated m³/h, with the rated flow per pump type coming
 * from settings, and the water a pumping job moved.
 */
import type { Bilingual } from '../contract/errors';
import { requireNumber } from './guards';

/** Some pumps of one type out in the field. */
export interface PumpGroup {
  type: string;
  count: number;
}

/** Rated flow per pump type, m³/h per pump (a setting). */
export type RatedFlows = Readonly<Record<string, number>>;

export interface PumpTypeCapacity {
  type: string;
  count: number;
  ratedM3h: number;
  capacityM3h: number;
}

export type PumpingProblemCode = 'unknown_pump_type' | 'invalid_count' | 'invalid_rated_flow';

export interface PumpingProblem {
  type: string;
  code: PumpingProblemCode;
  message: Bilingual;
}

/** Fails rather than counting an unknown type as 0 m³/h, which would understate capacity unseen. */
export type PumpingCapacityResult =
  | { ok: true; totalM3h: number; pumpCount: number; byType: PumpTypeCapacity[] }
  | { ok: false; problems: PumpingProblem[] };

/** Pumping capacity Σ count × rated m³/h, grouped by type in first-seen order. */
export function pumpingCapacityM3h(groups: readonly PumpGroup[], rated: RatedFlows): PumpingCapacityResult {
  const problems: PumpingProblem[] = [];
  const byType = new Map<string, PumpTypeCapacity>();
  for (const group of groups) {
    const { type, count } = group;
    if (!Number.isInteger(count) || count < 0) {
      problems.push({
        type,
        code: 'invalid_count',
        message: { zh: `水泵“${type}”台数 ${count} 无效，应为非负整数`, en: `pump "${type}": count ${count} must be a whole number ≥ 0` },
      });
      continue;
    }
    const ratedM3h = Object.hasOwn(rated, type) ? rated[type] : undefined;
    if (ratedM3h === undefined) {
      problems.push({
        type,
        code: 'unknown_pump_type',
        message: { zh: `未设置水泵类型“${type}”的额定流量`, en: `no rated flow is set for pump type "${type}"` },
      });
      continue;
    }
    if (!Number.isFinite(ratedM3h) || ratedM3h <= 0) {
      problems.push({
        type,
        code: 'invalid_rated_flow',
        message: { zh: `水泵类型“${type}”的额定流量 ${ratedM3h} 无效`, en: `rated flow ${ratedM3h} of pump type "${type}" is invalid` },
      });
      continue;
    }
    const entry = byType.get(type) ?? { type, count: 0, ratedM3h, capacityM3h: 0 };
    entry.count += count;
    entry.capacityM3h = entry.count * ratedM3h;
    byType.set(type, entry);
  }
  if (problems.length > 0) return { ok: false, problems };
  const list = [...byType.values()];
  let totalM3h = 0;
  let pumpCount = 0;
  for (const entry of list) {
    totalM3h += entry.capacityM3h;
    pumpCount += entry.count;
  }
  return { ok: true, totalM3h, pumpCount, byType: list };
}

/** Pump-hours = pumps × hours each ran. */
export function pumpHours(pumpCount: number, hours: number): number {
  requireNumber('pumpCount', pumpCount, 0);
  requireNumber('hours', hours, 0);
  return pumpCount * hours;
}

/** Water pumped = pump-hours × rated flow, m³ (rated in m³/h per pump). */
export function waterPumpedM3(pumpHoursTotal: number, ratedM3h: number): number {
  requireNumber('pumpHours', pumpHoursTotal, 0);
  requireNumber('ratedM3h', ratedM3h, 0);
  return pumpHoursTotal * ratedM3h;
}
