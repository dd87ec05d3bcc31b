import type { DeploymentRow, DeploymentSums } from '../../../../shared/contract/deployments';
import { pumpHours, waterPumpedM3 } from '../../../../shared/calc/pumping';
import type { DeploymentRecord } from '../../db/repositories/deploymentRepository';

/** Water pumped by a row: as entered, or pumps × hours × rated flow per pump. */
export function effectivePumpedM3(r: Pick<DeploymentRecord, 'pumped_m3' | 'pumps' | 'hours'>, ratedPumpM3h: number): number {
  return r.pumped_m3 ?? waterPumpedM3(pumpHours(r.pumps, r.hours), ratedPumpM3h);
}

/** A stored row as the contract shows it. */
export function toRow(r: DeploymentRecord, ratedPumpM3h: number, placeLabel = r.place): DeploymentRow {
  return {
    id: r.id,
    date: r.date,
    seq: r.seq,
    placeKind: r.place_kind,
    place: r.place,
    blockageId: r.blockage_id,
    placeLabel,
    task: r.task,
    people: r.people,
    excavators: r.excavators,
    longArmExcavators: r.long_arm_excavators,
    dumpTrucks: r.dump_trucks,
    pumps: r.pumps,
    hours: r.hours,
    culvertsLaid: r.culverts_laid,
    culvertMeters: r.culvert_m,
    fieldDitchMeters: r.field_ditch_m,
    clearedDitchMeters: r.cleared_ditch_m,
    pumpedM3: r.pumped_m3,
    pumpedM3Effective: effectivePumpedM3(r, ratedPumpM3h),
    note: r.note,
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Sums over rows. */
export function sumRows(rows: readonly DeploymentRow[]): DeploymentSums {
  const s: DeploymentSums = {
    rows: rows.length,
    people: 0,
    excavators: 0,
    longArmExcavators: 0,
    dumpTrucks: 0,
    pumps: 0,
    pumpHours: 0,
    culvertsLaid: 0,
    culvertMeters: 0,
    fieldDitchMeters: 0,
    clearedDitchMeters: 0,
    pumpedM3: 0,
  };
  for (const r of rows) {
    s.people += r.people;
    s.excavators += r.excavators;
    s.longArmExcavators += r.longArmExcavators;
    s.dumpTrucks += r.dumpTrucks;
    s.pumps += r.pumps;
    s.pumpHours += r.pumps * r.hours;
    s.culvertsLaid += r.culvertsLaid;
    s.culvertMeters += r.culvertMeters;
    s.fieldDitchMeters += r.fieldDitchMeters;
    s.clearedDitchMeters += r.clearedDitchMeters;
    s.pumpedM3 += r.pumpedM3Effective;
  }
  return s;
}

/** The fields a save may change; two records with equal fields are the same row. */
export const EDITABLE: readonly (keyof DeploymentRecord)[] = [
  'seq', 'place_kind', 'place', 'blockage_id', 'task', 'people', 'excavators', 'long_arm_excavators', 'dump_trucks', 'pumps',
  'hours', 'culverts_laid', 'culvert_m', 'field_ditch_m', 'cleared_ditch_m', 'pumped_m3', 'note',
];

export function sameRecord(a: DeploymentRecord, b: DeploymentRecord): boolean {
  return EDITABLE.every((k) => a[k] === b[k]);
}
