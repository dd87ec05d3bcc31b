/** Sums of storage and conveyance by kind, work state, condition and village (issue 6). */
import type { CapacityGroup, CapacityReport } from '../../../../shared/contract/capacity';
import { DITCH_CONDITIONS, DITCH_KINDS, WORK_STATES } from '../../../../shared/domain/network';
import type { EvaluatedDitch } from './sections';

function emptyGroup(key: string): CapacityGroup {
  return { key, ditches: 0, lengthM: 0, storageM3: 0, conveyanceM3s: 0, fullStorageM3: 0, fullConveyanceM3s: 0, excluded: 0, excludedLengthM: 0 };
}

function add(group: CapacityGroup, d: EvaluatedDitch): void {
  const f = d.figures;
  if (f === null) {
    group.excluded += 1;
    group.excludedLengthM += d.row.length_m;
    return;
  }
  group.ditches += 1;
  group.lengthM += d.row.length_m;
  group.storageM3 += f.storageM3;
  group.conveyanceM3s += f.conveyanceM3s;
  group.fullStorageM3 += f.fullStorageM3;
  group.fullConveyanceM3s += f.fullConveyanceM3s;
}

function keyed<K extends string>(keys: readonly K[]): Record<K, CapacityGroup> {
  return Object.fromEntries(keys.map((k) => [k, emptyGroup(k)])) as Record<K, CapacityGroup>;
}

export type Totals = Pick<CapacityReport, 'byKind' | 'byWork' | 'byCondition' | 'byVillage'> & { overall: CapacityGroup };

/**
 * Rivers are the outlets, not part of the township's ditch storage: they have their own row in
 * byKind and are left out of the overall, work, condition and village figures.
 */
export function sumTotals(ditches: readonly EvaluatedDitch[]): Totals {
  const overall = emptyGroup('all');
  const byKind = keyed(DITCH_KINDS);
  const byWork = keyed(WORK_STATES);
  const byCondition = keyed(DITCH_CONDITIONS);
  const villages = new Map<string, CapacityGroup>();
  for (const d of ditches) {
    add(byKind[d.row.kind], d);
    if (d.row.kind === 'river') continue;
    add(overall, d);
    add(byWork[d.row.work], d);
    add(byCondition[d.row.condition], d);
    let v = villages.get(d.row.village);
    if (!v) villages.set(d.row.village, (v = emptyGroup(d.row.village)));
    add(v, d);
  }
  // Named villages in Chinese order; ditches without a village last.
  const byVillage = [...villages.values()].sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key, 'zh-CN')));
  return { overall, byKind, byWork, byCondition, byVillage };
}
