/**
 * What blocks the water at a blockage point (issue 13): the cause decides which machines a job
 * needs and how long it takes. The codes are stable (database, CLI, settings); labels are read.
 *
 * A blockage's cause is stored when the desk sets it; until then it is read from the report's
 * name and note (field teams write "涵管口被秸秆堵塞", "沟内淤泥堆积"), else 其他.
 */
export const BLOCKAGE_CAUSES = ['culvert', 'silt', 'ponding', 'debris', 'collapse', 'dam', 'other'] as const;
export type BlockageCause = (typeof BLOCKAGE_CAUSES)[number];

export const BLOCKAGE_CAUSE_LABELS: Record<BlockageCause, { zh: string; en: string }> = {
  culvert: { zh: '涵管堵塞', en: 'Blocked culvert' },
  silt: { zh: '淤积', en: 'Silted' },
  ponding: { zh: '积水', en: 'Ponding' },
  debris: { zh: '秸秆杂草', en: 'Straw and weeds' },
  collapse: { zh: '塌陷', en: 'Collapse' },
  dam: { zh: '土坝截流', en: 'Earth dam' },
  other: { zh: '其他', en: 'Other' },
};

/** The machines a job needs (each at least this many on the team), by kind. */
export interface MachineNeeds {
  excavators: number;
  longArmExcavators: number;
  dumpTrucks: number;
  pumps: number;
}
export const MACHINE_KINDS = ['excavators', 'longArmExcavators', 'dumpTrucks', 'pumps'] as const;
export type MachineKind = (typeof MACHINE_KINDS)[number];
export const MACHINE_LABELS: Record<MachineKind, { zh: string; en: string; unitZh: string }> = {
  excavators: { zh: '钩机', en: 'excavator', unitZh: '台' },
  longArmExcavators: { zh: '长臂钩机', en: 'long-arm excavator', unitZh: '台' },
  dumpTrucks: { zh: '翻斗车', en: 'dump truck', unitZh: '辆' },
  pumps: { zh: '水泵', en: 'pump', unitZh: '台' },
};

/**
 * Words in a report that name its cause, checked in this order (a collapsed road culvert is a
 * collapse, not a blocked culvert; straw in a culvert mouth is a blocked culvert).
 */
const CAUSE_WORDS: readonly [BlockageCause, RegExp][] = [
  ['collapse', /塌/],
  ['dam', /土坝|截流|坝/],
  ['culvert', /涵/],
  ['silt', /淤/],
  ['ponding', /积水|内涝|泡田|抽水/],
  ['debris', /秸秆|秆|草|杂物|垃圾/],
];

/** The cause a report's text names, or 其他 when it names none. */
export function inferCause(text: string): BlockageCause {
  for (const [cause, words] of CAUSE_WORDS) if (words.test(text)) return cause;
  return 'other';
}

/** Whether a team's machines cover what a job needs. */
export function machinesCover(have: MachineNeeds, need: MachineNeeds): boolean {
  return MACHINE_KINDS.every((k) => have[k] >= need[k]);
}

/** The needed machines as "1 台长臂钩机、1 辆翻斗车" / "1 long-arm excavator, 1 dump truck". */
export function describeNeeds(need: MachineNeeds, lang: 'zh' | 'en'): string {
  const parts = MACHINE_KINDS.filter((k) => need[k] > 0).map((k) =>
    lang === 'zh' ? `${need[k]} ${MACHINE_LABELS[k].unitZh}${MACHINE_LABELS[k].zh}` : `${need[k]} ${MACHINE_LABELS[k].en}${need[k] > 1 ? 's' : ''}`,
  );
  if (parts.length === 0) return lang === 'zh' ? '人工即可' : 'hand work';
  return parts.join(lang === 'zh' ? '、' : ', ');
}
