import { cleanText } from './text';

/** What a header cell says its column holds; 'other' in a wide table means a station name. */
export type HeaderRole = 'date' | 'station' | 'station_id' | 'mm' | 'ignore' | 'total' | 'other' | 'blank';

const DATE = new Set(['日期', '日', '时间', '观测日期', '降雨日期', '降水日期', '监测日期', '年月日', 'date', 'day']);
const STATION = new Set([
  '站点', '站名', '站', '测站', '雨量站', '站点名称', '站点名', '测站名称', '监测点', '监测站',
  '地点', '村', '村名', '村屯', 'station', 'site', 'gauge', 'station_name', 'stationname', 'site_name', 'sitename', 'name',
]);
// A station's code: the station when the table has no name column (CMA files: 区站号 only).
const STATION_ID = new Set(['区站号', '站号', '站码', '测站编码', '测站代码', 'station_id', 'stationid', 'station_code', 'site_id', 'stcd', 'id']);
const MM = new Set([
  '雨量', '降雨量', '降水量', '日雨量', '日降雨量', '日降水量', '雨量值', '24小时雨量', '24小时降雨量',
  'mm', 'rainfall', 'rain', 'precipitation', 'precip', 'prcp', 'pre', 'rain_mm', 'daily_precip', 'precipitation_mm',
  '20-20时降水量', '20-20时累计降水量', '20-8时降水量', '8-20时降水量',
]);
// Columns people add beside the data that are neither a date nor a station.
const IGNORE = new Set(['序号', '编号', '行号', 'no', 'no.', '#', '星期', '周', '天气', '备注', '说明', '注', 'remark', 'remarks', 'note', 'notes', 'weekday', 'weather']);
const TOTAL = /^(?:合计|总计|小计|累计|平均|均值|平均值|全乡|全镇|total|sum|subtotal|average|mean|avg)/;

// Units and notes in brackets, 雨量(mm) or 降雨量（毫米）, say nothing about the role.
const BRACKETED = /[(（[【][^)）\]】]*[)）\]】]/g;
const UNIT_SUFFIX = /(?:[/_]?mm|\/?毫米)$/;

/** A header cell reduced for matching: no spaces, no case, no bracketed unit. */
export function headerKey(text: string): string {
  const key = cleanText(text).toLowerCase().replace(/\s+/g, '').replace(BRACKETED, '');
  const bare = key.replace(UNIT_SUFFIX, '');
  return bare === '' ? key : bare;
}

/** The role of one header cell. */
export function headerRole(text: string): HeaderRole {
  const key = headerKey(text);
  if (key === '') return 'blank';
  if (DATE.has(key) || isCornerCell(key)) return 'date';
  if (STATION.has(key)) return 'station';
  if (STATION_ID.has(key)) return 'station_id';
  if (MM.has(key)) return 'mm';
  if (IGNORE.has(key)) return 'ignore';
  if (TOTAL.test(key)) return 'total';
  return 'other';
}

/** True when a row's label (its date cell or first cell) marks a total or average row. */
export function isTotalLabel(text: string): boolean {
  return TOTAL.test(headerKey(text));
}

/** A station name as written in a wide header: the cell text without a bracketed unit. */
export function stationFromHeader(text: string): string {
  const cleaned = text.replace(BRACKETED, '').trim();
  return cleaned === '' ? text.trim() : cleaned;
}

// The split corner cell of a Chinese table (斜线表头), "日期\站点" or "站点/日期".
function isCornerCell(key: string): boolean {
  const parts = key.split(/[\\/|、-]+/).filter((p) => p !== '');
  return parts.length === 2 && parts.some((p) => DATE.has(p)) && parts.some((p) => STATION.has(p));
}
