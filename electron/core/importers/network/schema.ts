/**
 * Our layer model as data: each layer's fields in export order, their types and ranges, the enum
 * codes with the Chinese (and other) words that mean them, and Chinese labels for exports.
 */
import type { Bilingual } from '../../../../shared/contract/errors';
import type { GeometryKind } from '../../../../shared/geo/geometry';
import type { NetworkField, NetworkLayer } from './types';

/** How a field's value is read and checked. */
export type FieldSpec =
  | { type: 'text' }
  | { type: 'number'; min: number; max: number; unit?: 'length' | 'slope' | 'ratio' | 'side_slope' }
  | { type: 'integer'; min: number; max: number }
  | { type: 'date' }
  | { type: 'timestamp' }
  | { type: 'enum'; values: Record<string, readonly string[]> };

/** Every layer, in the order exports write them. */
export const LAYERS: readonly NetworkLayer[] = ['ditch', 'culvert', 'blockage', 'area'];

/** Chinese layer names, also the KML folder names. */
export const LAYER_LABELS: Record<NetworkLayer, Bilingual> = {
  ditch: { zh: '沟渠', en: 'Ditches' },
  culvert: { zh: '涵管', en: 'Culverts' },
  blockage: { zh: '堵点', en: 'Blockage points' },
  area: { zh: '片区', en: 'Areas' },
};

/** The geometry each layer takes. */
export const LAYER_GEOMETRY: Record<NetworkLayer, GeometryKind> = {
  ditch: 'line',
  culvert: 'point',
  blockage: 'point',
  area: 'polygon',
};

// The first word of each list is the Chinese label exports write; matching ignores case and spaces.
const DITCH_KIND = {
  field: ['条田沟', '农沟', '毛沟', '田间沟', 'field'],
  branch: ['支沟', '斗沟', 'branch'],
  main: ['干沟', '干渠', '排干', '总干沟', 'main'],
  river: ['河道', '河', '河流', 'river'],
} as const;

const CONDITION = {
  clear: ['通畅', '畅通', '正常', 'clear'],
  silted: ['淤积', '淤塞', '淤', 'silted'],
  blocked: ['堵塞', '阻塞', '堵', 'blocked'],
} as const;

const WORK = {
  existing: ['原有', '现有', '既有', '已有', 'existing'],
  dug: ['新挖', '新开挖', '开挖', '新建', 'dug'],
  cleared: ['清淤', '疏浚', '已清淤', '清理', 'cleared'],
} as const;

const STATUS = {
  reported: ['上报', '已上报', '新上报', 'reported'],
  assigned: ['已派工', '派工', 'assigned'],
  in_progress: ['处理中', '正在处理', '施工中', 'in_progress', 'in progress'],
  cleared: ['已疏通', '疏通', '已清除', 'cleared'],
  verified: ['已验收', '验收', 'verified'],
  rejected: ['误报', '无效', 'rejected'],
} as const;

const AREA_KIND = {
  village: ['村', '行政村', '村界', 'village'],
  field_block: ['地块', '条田', '田块', '耕地', 'field_block', 'field block'],
  catchment: ['汇水区', '流域', '汇水', 'catchment'],
} as const;

const TEXT: FieldSpec = { type: 'text' };
const DATE: FieldSpec = { type: 'date' };

/** Each layer's fields in export order, with how to read them. */
export const LAYER_FIELDS: { [L in NetworkLayer]: Partial<Record<NetworkField, FieldSpec>> } = {
  ditch: {
    name: TEXT,
    kind: { type: 'enum', values: DITCH_KIND },
    village: TEXT,
    bottom_width_m: { type: 'number', min: 0, max: 200, unit: 'length' },
    depth_m: { type: 'number', min: 0, max: 30, unit: 'length' },
    side_slope: { type: 'number', min: 0, max: 20, unit: 'side_slope' },
    manning_n: { type: 'number', min: 0.005, max: 0.2 },
    slope: { type: 'number', min: 0, max: 1, unit: 'slope' },
    condition: { type: 'enum', values: CONDITION },
    work: { type: 'enum', values: WORK },
    work_date: DATE,
    note: TEXT,
  },
  culvert: {
    name: TEXT,
    diameter_m: { type: 'number', min: 0.05, max: 10, unit: 'length' },
    length_m: { type: 'number', min: 0, max: 10000, unit: 'length' },
    barrels: { type: 'integer', min: 1, max: 100 },
    material: TEXT,
    laid_date: DATE,
    note: TEXT,
  },
  blockage: {
    name: TEXT,
    status: { type: 'enum', values: STATUS },
    reported_at: { type: 'timestamp' },
    village: TEXT,
    note: TEXT,
  },
  area: {
    name: TEXT,
    kind: { type: 'enum', values: AREA_KIND },
    runoff_coefficient: { type: 'number', min: 0, max: 1, unit: 'ratio' },
    note: TEXT,
  },
};

/** A layer's field names, in export order. */
export function fieldsOf(layer: NetworkLayer): NetworkField[] {
  return Object.keys(LAYER_FIELDS[layer]) as NetworkField[];
}

/** Every field name of every layer, once each, in a stable order (CSV columns). */
export const ALL_FIELDS: readonly NetworkField[] = [...new Set(LAYERS.flatMap(fieldsOf))];

/** Chinese/English column titles (KML displayName, UI). */
export const FIELD_LABELS: Record<NetworkField, Bilingual> = {
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '类型', en: 'Kind' },
  village: { zh: '村', en: 'Village' },
  bottom_width_m: { zh: '底宽(米)', en: 'Bottom width (m)' },
  depth_m: { zh: '沟深(米)', en: 'Depth (m)' },
  side_slope: { zh: '边坡系数', en: 'Side slope (1:z)' },
  manning_n: { zh: '糙率', en: 'Manning n' },
  slope: { zh: '纵坡', en: 'Slope (m/m)' },
  condition: { zh: '状况', en: 'Condition' },
  work: { zh: '施工', en: 'Work' },
  work_date: { zh: '施工日期', en: 'Work date' },
  diameter_m: { zh: '管径(米)', en: 'Diameter (m)' },
  length_m: { zh: '长度(米)', en: 'Length (m)' },
  barrels: { zh: '孔数', en: 'Barrels' },
  material: { zh: '材质', en: 'Material' },
  laid_date: { zh: '铺设日期', en: 'Laid date' },
  status: { zh: '状态', en: 'Status' },
  reported_at: { zh: '上报时间', en: 'Reported at' },
  note: { zh: '备注', en: 'Note' },
  runoff_coefficient: { zh: '径流系数', en: 'Runoff coefficient' },
};

/** The Chinese word exports write for an enum code. */
export function enumLabel(spec: FieldSpec, code: string): string {
  return spec.type === 'enum' ? (spec.values[code]?.[0] ?? code) : code;
}
