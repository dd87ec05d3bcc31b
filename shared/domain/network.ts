/**
 * The drainage network's vocabularies. The codes are stable (they appear in our GeoJSON export,
 * the database and tests); the labels are what users read.
 */
export const DITCH_KINDS = ['river', 'main', 'branch', 'field'] as const;
export type DitchKind = (typeof DITCH_KINDS)[number];
export const DITCH_KIND_LABELS: Record<DitchKind, { zh: string; en: string }> = {
  river: { zh: '河道', en: 'River' },
  main: { zh: '干沟', en: 'Main drain' },
  branch: { zh: '支沟', en: 'Branch ditch' },
  field: { zh: '条田沟', en: 'Field ditch' },
};

export const DITCH_CONDITIONS = ['clear', 'silted', 'blocked'] as const;
export type DitchCondition = (typeof DITCH_CONDITIONS)[number];
export const DITCH_CONDITION_LABELS: Record<DitchCondition, { zh: string; en: string }> = {
  clear: { zh: '通畅', en: 'Clear' },
  silted: { zh: '淤积', en: 'Silted' },
  blocked: { zh: '堵塞', en: 'Blocked' },
};

export const WORK_STATES = ['existing', 'dug', 'cleared'] as const;
export type WorkState = (typeof WORK_STATES)[number];
export const WORK_STATE_LABELS: Record<WorkState, { zh: string; en: string }> = {
  existing: { zh: '原有', en: 'Existing' },
  dug: { zh: '本季新挖', en: 'Dug this season' },
  cleared: { zh: '本季清淤', en: 'Cleared this season' },
};

export const BLOCKAGE_STATUSES = ['reported', 'assigned', 'in_progress', 'cleared', 'verified', 'rejected'] as const;
export type BlockageStatus = (typeof BLOCKAGE_STATUSES)[number];
export const BLOCKAGE_STATUS_LABELS: Record<BlockageStatus, { zh: string; en: string }> = {
  reported: { zh: '上报', en: 'Reported' },
  assigned: { zh: '已派工', en: 'Assigned' },
  in_progress: { zh: '处理中', en: 'In progress' },
  cleared: { zh: '已疏通', en: 'Cleared' },
  verified: { zh: '已验收', en: 'Verified' },
  rejected: { zh: '误报', en: 'Rejected' },
};
/** Statuses in which water is still held back. */
export const OPEN_BLOCKAGE_STATUSES: readonly BlockageStatus[] = ['reported', 'assigned', 'in_progress'];

export const AREA_KINDS = ['village', 'field_block', 'catchment'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
export const AREA_KIND_LABELS: Record<AreaKind, { zh: string; en: string }> = {
  village: { zh: '村', en: 'Village' },
  field_block: { zh: '地块', en: 'Field block' },
  catchment: { zh: '汇水区', en: 'Catchment' },
};

export const LAYERS = ['ditch', 'culvert', 'blockage', 'area'] as const;
export type Layer = (typeof LAYERS)[number];
export const LAYER_LABELS: Record<Layer, { zh: string; en: string }> = {
  ditch: { zh: '沟渠', en: 'Ditches' },
  culvert: { zh: '涵管', en: 'Culverts' },
  blockage: { zh: '堵点', en: 'Blockages' },
  area: { zh: '片区', en: 'Areas' },
};
