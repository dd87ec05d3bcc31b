/**
 * The dispatch planner's settings (issue 13), one typed key `dispatch` in the township settings:
 * how travel time is estimated and what each blockage cause needs by default.
 */
import { z } from 'zod';
import { BLOCKAGE_CAUSES, type BlockageCause, type MachineNeeds } from '../domain/blockageCause';
import { bilingual } from './validation';

const need = (zh: string, en: string) =>
  z.int({ error: bilingual(`${zh}应为整数`, `${en} must be a whole number`) })
    .min(0, { error: bilingual(`${zh}不能为负数`, `${en} must not be negative`) })
    .max(50, { error: bilingual(`${zh}不超过 50`, `${en} is at most 50`) });

export const machineNeedsSchema = z.strictObject({
  excavators: need('所需钩机', 'excavators needed'),
  longArmExcavators: need('所需长臂钩机', 'long-arm excavators needed'),
  dumpTrucks: need('所需翻斗车', 'dump trucks needed'),
  pumps: need('所需水泵', 'pumps needed'),
});

/** Hours one job takes at the site, (0, 24]. */
export const jobHoursSchema = z
  .number({ error: bilingual('作业时长应为小时数', 'job time must be a number of hours') })
  .gt(0, { error: bilingual('作业时长应大于 0 小时', 'job time must be more than 0 hours') })
  .max(24, { error: bilingual('作业时长不超过 24 小时', 'job time is at most 24 hours') });

export const causeDefaultSchema = z.strictObject({ hours: jobHoursSchema, needs: machineNeedsSchema });
export type CauseDefault = z.infer<typeof causeDefaultSchema>;

export const dispatchSettingsSchema = z.strictObject({
  /** Road distance ÷ straight-line distance: field roads wind round the ditches. */
  detourFactor: z
    .number({ error: bilingual('绕行系数应为数字', 'detour factor must be a number') })
    .min(1, { error: bilingual('绕行系数不小于 1（路不会比直线短）', 'detour factor is at least 1 (no road is shorter than a straight line)') })
    .max(5, { error: bilingual('绕行系数不超过 5', 'detour factor is at most 5') }),
  /** How fast machines move between sites on field roads, km/h. */
  speedKmh: z
    .number({ error: bilingual('行进速度应为数字', 'travel speed must be a number') })
    .gt(0, { error: bilingual('行进速度应大于 0', 'travel speed must be more than 0') })
    .max(80, { error: bilingual('行进速度不超过 80 km/h', 'travel speed is at most 80 km/h') }),
  /** A team's working hours in a day, less the hours its open dispatches still take. */
  workdayHours: z
    .number({ error: bilingual('每日作业时长应为数字', 'working day must be a number of hours') })
    .gt(0, { error: bilingual('每日作业时长应大于 0', 'working day must be more than 0 hours') })
    .max(24, { error: bilingual('每日作业时长不超过 24 小时', 'working day is at most 24 hours') }),
  /** What each cause needs and how long it takes, unless a blockage says otherwise. */
  causes: z.strictObject(Object.fromEntries(BLOCKAGE_CAUSES.map((c) => [c, causeDefaultSchema])) as Record<BlockageCause, typeof causeDefaultSchema>),
});
export type DispatchSettings = z.infer<typeof dispatchSettingsSchema>;

const needs = (excavators: number, longArmExcavators: number, dumpTrucks: number, pumps: number): MachineNeeds => ({ excavators, longArmExcavators, dumpTrucks, pumps });

/**
 * Defaults from the season the app is modelled on: a blocked culvert is an excavator's few hours;
 * silt needs a long arm to reach and a dump truck to carry it off; ponded water where machines
 * cannot go is pumped out; field roads are about a third longer than the straight line and
 * excavators on them make about 15 km/h.
 */
export const DEFAULT_DISPATCH_SETTINGS: DispatchSettings = {
  detourFactor: 1.3,
  speedKmh: 15,
  workdayHours: 10,
  causes: {
    culvert: { hours: 3, needs: needs(1, 0, 0, 0) },
    silt: { hours: 5, needs: needs(0, 1, 1, 0) },
    ponding: { hours: 6, needs: needs(0, 0, 0, 4) },
    debris: { hours: 2, needs: needs(1, 0, 0, 0) },
    collapse: { hours: 6, needs: needs(1, 0, 1, 0) },
    dam: { hours: 2, needs: needs(1, 0, 0, 0) },
    other: { hours: 3, needs: needs(1, 0, 0, 0) },
  },
};
