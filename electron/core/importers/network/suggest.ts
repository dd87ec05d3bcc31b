/**
 * Guessing the field mapping: which of the file's properties are our name, kind, village, …
 * By name first (our own names, then Chinese/English synonyms, then names a .dbf cut to 10
 * characters), then by values for columns only their values give away (通畅/淤积 → condition).
 */
import { layerFromWord } from './classify';
import { LAYER_FIELDS } from './schema';
import type { FieldMapping, NetworkField, PropertyValue } from './types';
import { normalizeWord, parseEnum } from './values';

// Compared after normalizeName; single letters only ever match exactly.
const SYNONYMS: Record<NetworkField, readonly string[]> = {
  // Real datasets: NAME_CN/NAME_ZH (OSM-derived and bureau data), CNAME, 沟渠名称/渠道名称, MC/QDMC/GQMC
  // (pinyin initials of 名称/渠道名称/沟渠名称), then English NAME variants.
  name: ['名称', '沟渠名称', '渠道名称', '沟道名称', '排水沟名称', '水系名称', '河流名称', '涵管名称', '涵洞名称', '堵点名称', '名字', '标题', '地名', 'name_cn', 'name_zh', 'name_chn', 'name_chs', 'cname', 'chname', 'zh_name', 'mc', 'qdmc', 'gqmc', 'gcmc', 'hlmc', 'title', 'label', 'objname'],
  kind: ['type', '类型', '类别', '种类', '沟渠类型', '沟渠等级', '渠道等级', '渠道级别', '沟渠级别', '级别', '等级', 'class', 'grade', 'level', 'dj', 'lx', 'qdjb'],
  village: ['村', '村名', '村庄', '所属村', '行政村', '所在村', 'cun'],
  bottom_width_m: ['bottom_width', 'bottomwidth', 'bottom_w', 'bot_width', '底宽', '沟底宽', '渠底宽', '断面底宽', 'dk', 'b'],
  depth_m: ['depth', '深', '深度', '沟深', '渠深', '断面深', '设计深度', 'gs', 'sd', 'h'],
  side_slope: ['side_slope', 'sideslope', '边坡', '边坡系数', '坡比', '边坡比', 'bp', 'z'],
  manning_n: ['manning', 'roughness', '糙率', '曼宁系数', '糙率系数', 'n'],
  slope: ['比降', '纵坡', '坡降', '底坡', '纵比降'],
  condition: ['状况', '现状', '通畅情况', '淤积情况', '沟渠状况'],
  work: ['施工', '施工类型', '工程类型', '作业类型'],
  work_date: ['施工日期', '完工日期', '清淤日期', '开挖日期', '施工时间'],
  diameter_m: ['diameter', '管径', '直径', '涵管直径', 'd'],
  length_m: ['length', '长度', '管长', '涵管长度', '长'],
  barrels: ['孔数', '管数', '根数', '涵管数', '孔'],
  material: ['材质', '材料', '管材'],
  laid_date: ['铺设日期', '安装日期', '埋设日期', '铺设时间'],
  status: ['状态', '处理状态', '进度', '处置状态'],
  reported_at: ['上报时间', '报告时间', '发现时间', '时间', 'time', 'timestamp', 'date', '日期'],
  note: ['notes', '备注', '说明', '描述', '简介', 'description', 'desc', 'remark', 'remarks', 'comment', 'bz', 'beizhu'],
  runoff_coefficient: ['runoff', '径流系数', 'c'],
};

const LAYER_NAMES = ['layer', '图层', '图层名', '要素类型', 'layer_name'];
const ID_NAMES = ['id', 'uuid', 'fid_uuid'];

/** Our enum fields whose values identify an otherwise unnamed column. */
const VALUE_FIELDS: readonly NetworkField[] = ['condition', 'work', 'status', 'kind'];

/** Lower-case, no spaces, no unit suffix like "(m)" or "（米）". */
export function normalizeName(name: string): string {
  return normalizeWord(name)
    .replace(/[(（[【].*?[)）\]】]$/u, '')
    .replace(/-/g, '_');
}

/** Values of one property across features, non-empty, at most `limit` distinct. */
function distinctValues(features: readonly { properties: Record<string, PropertyValue> }[], name: string, limit = 50): PropertyValue[] {
  const seen = new Set<string>();
  const out: PropertyValue[] = [];
  for (const f of features) {
    const v = f.properties[name];
    if (v === null || v === undefined || String(v).trim() === '') continue;
    const key = String(v);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
      if (out.length >= limit) break;
    }
  }
  return out;
}

/** The enum words of a field across layers (kind: ditch kinds and area kinds), or null. */
function enumValuesOf(field: NetworkField): Record<string, readonly string[]> | null {
  let merged: Record<string, readonly string[]> | null = null;
  for (const layer of Object.values(LAYER_FIELDS)) {
    const spec = layer[field];
    if (spec?.type === 'enum') merged = { ...(merged ?? {}), ...spec.values };
  }
  return merged;
}

/** The mapping we propose for these features' properties; the user confirms or edits it. */
export function suggestMapping(features: readonly { properties: Record<string, PropertyValue> }[], fieldNames: readonly string[]): FieldMapping {
  const used = new Set<string>();
  const byNorm = new Map<string, string>();
  for (const name of fieldNames) if (!byNorm.has(normalizeName(name))) byNorm.set(normalizeName(name), name);
  const take = (name: string | undefined): string | null => {
    if (name === undefined || used.has(name)) return null;
    used.add(name);
    return name;
  };

  const mapping: FieldMapping = { layer: null, id: null, fields: {}, points: 'auto' };
  mapping.layer = take(LAYER_NAMES.map((n) => byNorm.get(n)).find((n) => n !== undefined && !used.has(n)));
  mapping.id = take(ID_NAMES.map((n) => byNorm.get(n)).find((n) => n !== undefined && !used.has(n)));
  const fields = Object.keys(SYNONYMS) as NetworkField[];
  // A column of nothing but layer names (涵管/堵点) is the layer, even if it is called 类别 or 类型;
  // but never our own field names or the name column (points may be named just "涵管").
  const nameWords = new Set(['name', ...SYNONYMS.name].map(normalizeName));
  if (!mapping.layer) {
    mapping.layer = take(
      fieldNames.find((n) => {
        const norm = normalizeName(n);
        if (used.has(n) || nameWords.has(norm) || (fields as string[]).includes(norm)) return false;
        const values = distinctValues(features, n);
        return values.length > 0 && values.every((v) => layerFromWord(v) !== null);
      }),
    );
  }

  // Pass 1: our exact names (our own export), so synonyms can never steal them.
  for (const field of fields) {
    const source = take(byNorm.get(field));
    if (source) mapping.fields[field] = source;
  }
  // Pass 2: synonyms, in the order listed.
  for (const field of fields) {
    if (mapping.fields[field]) continue;
    for (const word of SYNONYMS[field]) {
      const source = take(byNorm.get(normalizeName(word)));
      if (source) {
        mapping.fields[field] = source;
        break;
      }
    }
  }
  // A Chinese office wants the Chinese name: NAME holding pinyin/English gives way to NAME_CN holding 汉字.
  const cjk = (n: string) => distinctValues(features, n, 20).some((v) => /[\u4e00-\u9fff]/.test(String(v)));
  const current = mapping.fields.name;
  if (current && !cjk(current)) {
    const better = fieldNames.find((n) => !used.has(n) && nameWords.has(normalizeName(n)) && cjk(n));
    if (better && take(better)) {
      used.delete(current);
      mapping.fields.name = better;
    }
  }
  // Pass 3: a .dbf keeps 10 characters of a name: "bottom_wid", "runoff_coe", "reported_a".
  for (const field of fields) {
    if (mapping.fields[field]) continue;
    const source = fieldNames.find((n) => !used.has(n) && normalizeName(n).length === 10 && field.startsWith(normalizeName(n)));
    if (source && take(source)) mapping.fields[field] = source;
  }
  // Pass 4: by values: a column of 通畅/淤积 is condition, one of 已派工/处理中 status.
  for (const name of fieldNames) {
    if (used.has(name)) continue;
    const values = distinctValues(features, name);
    if (values.length === 0) continue;
    for (const field of VALUE_FIELDS) {
      const enumValues = enumValuesOf(field);
      if (mapping.fields[field] || !enumValues) continue;
      const hits = values.filter((v) => parseEnum(v, enumValues).value !== null).length;
      if (hits / values.length >= 0.8 && take(name)) {
        mapping.fields[field] = name;
        break;
      }
    }
  }
  return mapping;
}
