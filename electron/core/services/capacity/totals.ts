/**
 * Sums of storage and conveyance by kind, work state, condition and village (issue 6), kept as
 * exact running sums (shared/calc/exactSum.ts) so that an edited ditch's old figures can be taken
 * out and its new ones put in, and the totals still equal the same sums taken from scratch.
 */
import { ExactSum } from '../../../../shared/calc';
import type { CapacityGroup, CapacityReport } from '../../../../shared/contract/capacity';
import { DITCH_CONDITIONS, DITCH_KINDS, WORK_STATES } from '../../../../shared/domain/network';
import type { EvaluatedDitch } from './sections';

/** One group's running sums. */
class GroupSums {
  ditches = 0;
  excluded = 0;
  /** Ditches counted in the group, with a section or not (a village with none left goes). */
  members = 0;
  readonly lengthM = new ExactSum();
  readonly storageM3 = new ExactSum();
  readonly conveyanceM3s = new ExactSum();
  readonly fullStorageM3 = new ExactSum();
  readonly fullConveyanceM3s = new ExactSum();
  readonly excludedLengthM = new ExactSum();

  constructor(readonly key: string) {}

  add(d: EvaluatedDitch, sign: 1 | -1): void {
    this.members += sign;
    const f = d.figures;
    if (f === null) {
      this.excluded += sign;
      this.excludedLengthM.add(sign * d.row.length_m);
      return;
    }
    this.ditches += sign;
    this.lengthM.add(sign * d.row.length_m);
    this.storageM3.add(sign * f.storageM3);
    this.conveyanceM3s.add(sign * f.conveyanceM3s);
    this.fullStorageM3.add(sign * f.fullStorageM3);
    this.fullConveyanceM3s.add(sign * f.fullConveyanceM3s);
  }

  group(): CapacityGroup {
    return {
      key: this.key,
      ditches: this.ditches,
      lengthM: this.lengthM.value(),
      storageM3: this.storageM3.value(),
      conveyanceM3s: this.conveyanceM3s.value(),
      fullStorageM3: this.fullStorageM3.value(),
      fullConveyanceM3s: this.fullConveyanceM3s.value(),
      excluded: this.excluded,
      excludedLengthM: this.excludedLengthM.value(),
    };
  }
}

export type Totals = Pick<CapacityReport, 'byKind' | 'byWork' | 'byCondition' | 'byVillage'> & { overall: CapacityGroup };

const ZH = new Intl.Collator('zh-CN');

const keyed = <K extends string>(keys: readonly K[]): Map<K, GroupSums> => new Map(keys.map((k) => [k, new GroupSums(k)]));

/**
 * The running totals. Rivers are the outlets, not part of the township's ditch storage: they have
 * their own row in byKind and are left out of the overall, work, condition and village figures.
 */
export class TotalsSums {
  private readonly overall = new GroupSums('all');
  private readonly byKind = keyed(DITCH_KINDS);
  private readonly byWork = keyed(WORK_STATES);
  private readonly byCondition = keyed(DITCH_CONDITIONS);
  private readonly villages = new Map<string, GroupSums>();

  /** Adds a ditch (sign 1) or takes it out again (sign −1, with the figures it was added with). */
  add(d: EvaluatedDitch, sign: 1 | -1): void {
    this.byKind.get(d.row.kind)!.add(d, sign);
    if (d.row.kind === 'river') return;
    this.overall.add(d, sign);
    this.byWork.get(d.row.work)!.add(d, sign);
    this.byCondition.get(d.row.condition)!.add(d, sign);
    let v = this.villages.get(d.row.village);
    if (!v) this.villages.set(d.row.village, (v = new GroupSums(d.row.village)));
    v.add(d, sign);
    if (v.members === 0) this.villages.delete(d.row.village);
  }

  /** The totals now. O(groups). */
  totals(): Totals {
    const record = <K extends string>(m: Map<K, GroupSums>) => Object.fromEntries([...m].map(([k, g]) => [k, g.group()])) as Record<K, CapacityGroup>;
    // Named villages in Chinese order; ditches without a village last.
    // (Names the collation holds equal by code units, so the order never depends on which came first.)
    const byVillage = [...this.villages.values()]
      .map((g) => g.group())
      .sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : ZH.compare(a.key, b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
    return { overall: this.overall.group(), byKind: record(this.byKind), byWork: record(this.byWork), byCondition: record(this.byCondition), byVillage };
  }
}

/** The running totals of `ditches`. */
export function totalsSums(ditches: readonly EvaluatedDitch[]): TotalsSums {
  const sums = new TotalsSums();
  for (const d of ditches) sums.add(d, 1);
  return sums;
}

/** The totals of `ditches` (see TotalsSums). */
export function sumTotals(ditches: readonly EvaluatedDitch[]): Totals {
  return totalsSums(ditches).totals();
}
