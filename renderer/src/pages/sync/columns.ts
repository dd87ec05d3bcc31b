import { AREA_KIND_LABELS, BLOCKAGE_STATUS_LABELS, DITCH_CONDITION_LABELS, DITCH_KIND_LABELS, WORK_STATE_LABELS } from '../../../../shared/domain/network';

type Label = { zh: string; en: string };

/** Column names as the office reads them; a column not listed shows its own name. */
const COLUMNS: Record<string, Label> = {
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '类型', en: 'Kind' },
  condition: { zh: '状况', en: 'Condition' },
  status: { zh: '状态', en: 'Status' },
  village: { zh: '所属村', en: 'Village' },
  note: { zh: '备注', en: 'Note' },
  bottom_width_m: { zh: '底宽 (m)', en: 'Bottom width (m)' },
  depth_m: { zh: '沟深 (m)', en: 'Depth (m)' },
  side_slope: { zh: '边坡系数', en: 'Side slope' },
  manning_n: { zh: '糙率 n', en: 'Manning n' },
  slope: { zh: '纵坡', en: 'Slope' },
  work: { zh: '工程状态', en: 'Work' },
  work_date: { zh: '施工日期', en: 'Work date' },
  length_m: { zh: '长度 (m)', en: 'Length (m)' },
  geometry: { zh: '位置 / 形状', en: 'Position / shape' },
  diameter_m: { zh: '管径 (m)', en: 'Diameter (m)' },
  barrels: { zh: '孔数', en: 'Barrels' },
  material: { zh: '材质', en: 'Material' },
  leader: { zh: '队长', en: 'Leader' },
  phone: { zh: '电话', en: 'Phone' },
  area_m2: { zh: '面积 (m²)', en: 'Area (m²)' },
  runoff_coefficient: { zh: '径流系数', en: 'Runoff coefficient' },
  deleted_at: { zh: '删除时间', en: 'Deleted at' },
  attributes: { zh: '其他属性', en: 'Other attributes' },
};

/** Bookkeeping columns: shown only when they differ, or on request. */
const TECHNICAL = new Set(['id', 'township_id', 'min_lon', 'min_lat', 'max_lon', 'max_lat', 'created_at', 'updated_at', 'import_batch_id', 'source', 'deleted_at']);

/** Columns the core measures from the geometry. */
const MEASURED = new Set(['length_m', 'area_m2']);

/** Display order: the columns a person checks first, then the rest alphabetically. */
const FIRST = ['name', 'kind', 'condition', 'status', 'village', 'note', 'bottom_width_m', 'depth_m', 'side_slope', 'manning_n', 'slope', 'work', 'work_date'];

export function columnLabel(column: string, locale: 'zh' | 'en'): string {
  return COLUMNS[column]?.[locale] ?? column;
}

export function isTechnical(column: string): boolean {
  return TECHNICAL.has(column);
}

export function orderColumns(columns: string[]): string[] {
  const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : 100);
  return [...columns].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A value as the office reads it: vocabularies in words, nothing as '—'. */
export function showValue(table: string, column: string, value: unknown, locale: 'zh' | 'en'): string {
  if (value === null || value === undefined || value === '') return '—';
  const vocab: Record<string, Label> | undefined =
    column === 'kind' ? (table === 'area' ? AREA_KIND_LABELS : table === 'ditch' ? DITCH_KIND_LABELS : undefined)
    : column === 'condition' ? DITCH_CONDITION_LABELS
    : column === 'work' ? WORK_STATE_LABELS
    : column === 'status' && table === 'blockage' ? BLOCKAGE_STATUS_LABELS
    : undefined;
  const word = typeof value === 'string' ? vocab?.[value]?.[locale] : undefined;
  if (word) return word;
  if (column === 'geometry') return showGeometry(value, locale);
  if (column === 'attributes') return showAttributes(value);
  if (typeof value === 'string') return value.length > 160 ? `${value.slice(0, 160)}…` : value;
  // Measured lengths and areas carry the geodesic computation's full precision; centimetres are what anyone checks.
  if (typeof value === 'number' && MEASURED.has(column)) return String(Number(value.toFixed(2)));
  return JSON.stringify(value);
}

/** 5 decimals of a degree: about a metre, enough to see which end of a ditch moved. */
const degrees = (p: unknown): string => (Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number' ? `${p[0].toFixed(5)}, ${p[1].toFixed(5)}` : '?');

/** A stored GeoJSON geometry in words: what it is, how many points, where it starts and ends. */
export function showGeometry(value: unknown, locale: 'zh' | 'en'): string {
  let g: { type?: unknown; coordinates?: unknown };
  try {
    g = typeof value === 'string' ? (JSON.parse(value) as typeof g) : (value as typeof g);
  } catch {
    return String(value).slice(0, 160);
  }
  const zh = locale === 'zh';
  if (g?.type === 'Point') return `${zh ? '点' : 'Point'} ${degrees(g.coordinates)}`;
  if (g?.type === 'LineString' && Array.isArray(g.coordinates) && g.coordinates.length > 0) {
    const c = g.coordinates as unknown[];
    return zh ? `线，${c.length} 个点：${degrees(c[0])} → ${degrees(c[c.length - 1])}` : `Line, ${c.length} points: ${degrees(c[0])} → ${degrees(c[c.length - 1])}`;
  }
  if (g?.type === 'Polygon' && Array.isArray(g.coordinates) && Array.isArray(g.coordinates[0])) {
    const ring = g.coordinates[0] as unknown[];
    return zh ? `面，${ring.length} 个点，起于 ${degrees(ring[0])}` : `Area, ${ring.length} points, from ${degrees(ring[0])}`;
  }
  return JSON.stringify(g).slice(0, 160);
}

/** The file's extra fields as `name: value` pairs; none as '—'. */
export function showAttributes(value: unknown): string {
  let a: unknown = value;
  try {
    if (typeof value === 'string') a = JSON.parse(value);
  } catch {
    return String(value).slice(0, 160);
  }
  if (a === null || typeof a !== 'object' || Array.isArray(a)) return JSON.stringify(a);
  const pairs = Object.entries(a as Record<string, unknown>).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  if (pairs.length === 0) return '—';
  const text = pairs.join('；');
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
