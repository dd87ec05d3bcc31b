/**
 * The capacity tables as rows of cells, in Chinese or English, for the CSV and .xlsx exports.
 * Figures are rounded here (for people reading a sheet), never in the report itself.
 */
import type { AreaDrain, CapacityGroup, CapacityReport } from '../../../../shared/contract/capacity';
import { m2ToMu } from '../../../../shared/geo/length';
import {
  AREA_KIND_LABELS,
  BLOCKAGE_STATUS_LABELS,
  DITCH_CONDITION_LABELS,
  DITCH_KIND_LABELS,
  WORK_STATE_LABELS,
} from '../../../../shared/domain/network';
import { DRAIN_GRADE_LABELS } from '../../../../shared/calc';

export type Locale = 'zh' | 'en';
export type Cell = string | number | null;

export interface Table {
  name: string;
  /** Lines above the header (title, date, rain). */
  caption: string[];
  header: string[];
  rows: Cell[][];
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function pick(locale: Locale, zh: string, en: string): string {
  return locale === 'zh' ? zh : en;
}

function rainLine(report: CapacityReport, locale: Locale): string {
  const mm = report.rain.mm === null ? pick(locale, '无记录', 'not recorded') : `${r1(report.rain.mm)} mm`;
  const source = {
    today: pick(locale, '当日雨量', "the day's rain"),
    last3: pick(locale, '近 3 日雨量', 'the last 3 days'),
    typed: pick(locale, '输入雨量', 'typed rain'),
  }[report.rain.source];
  return `${pick(locale, '日期', 'Date')} ${report.date} · ${source} ${mm}`;
}

export function totalsTable(report: CapacityReport, locale: Locale): Table {
  const header = [
    pick(locale, '分组', 'Grouping'),
    pick(locale, '项目', 'Item'),
    pick(locale, '沟渠条数', 'Ditches'),
    pick(locale, '长度 (m)', 'Length (m)'),
    pick(locale, '蓄水量 (m³)', 'Storage (m³)'),
    pick(locale, '蓄水量 (万m³)', 'Storage (10,000 m³)'),
    pick(locale, '过流能力 (m³/s)', 'Conveyance (m³/s)'),
    pick(locale, '全断面蓄水量 (m³)', 'Full-section storage (m³)'),
    pick(locale, '全断面过流能力 (m³/s)', 'Full-section conveyance (m³/s)'),
    pick(locale, '断面数据无效未计入 (条)', 'Left out: invalid section (ditches)'),
    pick(locale, '未计入长度 (m)', 'Left-out length (m)'),
  ];
  const row = (group: string, item: string, g: CapacityGroup): Cell[] => [
    group,
    item,
    g.ditches,
    r1(g.lengthM),
    Math.round(g.storageM3),
    r2(g.storageM3 / 10_000),
    r3(g.conveyanceM3s),
    Math.round(g.fullStorageM3),
    r3(g.fullConveyanceM3s),
    g.excluded,
    r1(g.excludedLengthM),
  ];
  const label = (l: { zh: string; en: string }) => pick(locale, l.zh, l.en);
  const rows: Cell[][] = [row(pick(locale, '合计', 'Total'), pick(locale, '全部沟渠（不含河道）', 'All ditches (rivers excluded)'), report.overall)];
  for (const [k, g] of Object.entries(report.byKind)) rows.push(row(pick(locale, '按类型', 'By kind'), label(DITCH_KIND_LABELS[k as keyof typeof DITCH_KIND_LABELS]), g));
  for (const [k, g] of Object.entries(report.byWork)) rows.push(row(pick(locale, '按工程', 'By work'), label(WORK_STATE_LABELS[k as keyof typeof WORK_STATE_LABELS]), g));
  for (const [k, g] of Object.entries(report.byCondition)) rows.push(row(pick(locale, '按状况', 'By condition'), label(DITCH_CONDITION_LABELS[k as keyof typeof DITCH_CONDITION_LABELS]), g));
  for (const g of report.byVillage) rows.push(row(pick(locale, '按村', 'By village'), g.key || pick(locale, '未填村', 'no village'), g));
  const p = report.pumping;
  rows.push([pick(locale, '抽排', 'Pumping'), pick(locale, `水泵 ${p.pumps} 台 × ${p.ratedM3h} m³/h`, `${p.pumps} pumps × ${p.ratedM3h} m³/h`), null, null, null, null, r3(p.totalM3h / 3600), null, null, null, null]);
  rows.push([pick(locale, '涵管', 'Culverts'), pick(locale, `${report.culverts.valid} 座（另有 ${report.culverts.excluded} 座数据不全未计入）`, `${report.culverts.valid} (${report.culverts.excluded} more left out: incomplete data)`), null, null, null, null, r3(report.culverts.totalM3s), null, null, report.culverts.excluded, null]);
  return {
    name: pick(locale, '蓄排能力汇总', 'Capacity totals'),
    caption: [pick(locale, '沟渠蓄排能力汇总表', 'Ditch storage and conveyance'), rainLine(report, locale), pick(locale, `淤积沟渠按 ${Math.round(report.settings.siltedAreaFactor * 100)}% 断面计；堵塞沟渠蓄水照计、过流为 0`, `Silted ditches at ${Math.round(report.settings.siltedAreaFactor * 100)}% of their section; blocked ditches hold water but carry none`)],
    header,
    rows,
  };
}

export function rankingTable(report: CapacityReport, locale: Locale): Table {
  return {
    name: pick(locale, '堵点排序', 'Blockage ranking'),
    caption: [pick(locale, '堵点影响排序（先疏通排在前面的）', 'Blockage impact ranking (open these first)'), rainLine(report, locale)],
    header: [
      pick(locale, '排序', 'Rank'),
      pick(locale, '堵点', 'Blockage'),
      pick(locale, '村', 'Village'),
      pick(locale, '状态', 'Status'),
      pick(locale, '所在沟渠', 'On ditch'),
      pick(locale, '截断沟段 (段)', 'Segments cut off'),
      pick(locale, '截断长度 (m)', 'Length cut off (m)'),
      pick(locale, '截断蓄水量 (m³)', 'Storage cut off (m³)'),
      pick(locale, '截断过流能力 (m³/s)', 'Conveyance cut off (m³/s)'),
      pick(locale, '上游汇水面积 (亩)', 'Catchment upstream (mu)'),
      pick(locale, '滞留径流 (m³)', 'Runoff held back (m³)'),
      pick(locale, '上游其他堵点 (个)', 'Other blockages upstream'),
    ],
    rows: report.ranking.map((r) => [
      r.rank,
      r.name || pick(locale, '未命名堵点', 'unnamed blockage'),
      r.village,
      pick(locale, BLOCKAGE_STATUS_LABELS[r.status].zh, BLOCKAGE_STATUS_LABELS[r.status].en),
      r.ditchName,
      r.cutOff.segmentCount,
      r1(r.cutOff.lengthM),
      Math.round(r.cutOff.storageM3),
      r3(r.cutOff.conveyanceM3s),
      r1(m2ToMu(r.cutOff.catchmentM2)),
      Math.round(r.cutOff.runoffHeldM3),
      r.blockagesInside.length,
    ]),
  };
}

function hoursCell(a: AreaDrain, locale: Locale): Cell {
  if (a.drain.status === 'none') return 0;
  if (a.drain.status === 'no_outflow') return pick(locale, '无出路', 'no outflow');
  if (a.drain.hours === null) return null;
  return r1(a.drain.hours);
}

export function areasTable(report: CapacityReport, locale: Locale): Table {
  const grade = (g: AreaDrain['grade']['dry']) => (g === null ? null : pick(locale, DRAIN_GRADE_LABELS[g].zh, DRAIN_GRADE_LABELS[g].en));
  return {
    name: pick(locale, '片区排涝', 'Drain-down by area'),
    caption: [pick(locale, '片区排涝历时估算（旱田 1–3 天、水田 3–5 天排出）', 'Drain-down by area (dry crops: 1–3 days; rice: 3–5 days)'), rainLine(report, locale)],
    header: [
      pick(locale, '片区', 'Area'),
      pick(locale, '类型', 'Kind'),
      pick(locale, '面积 (亩)', 'Area (mu)'),
      pick(locale, '径流系数 C', 'Runoff coefficient C'),
      pick(locale, 'CN 值', 'Curve number'),
      pick(locale, '径流量 (m³)', 'Runoff (m³)'),
      pick(locale, '沟渠空余蓄水 (m³)', 'Free ditch storage (m³)'),
      pick(locale, '外排能力 (m³/s)', 'Outflow (m³/s)'),
      pick(locale, '水泵 (台)', 'Pumps'),
      pick(locale, '抽排能力 (m³/h)', 'Pumping (m³/h)'),
      pick(locale, '排完需 (小时)', 'Hours to drain'),
      pick(locale, '旱田', 'Dry crops'),
      pick(locale, '水田', 'Rice'),
      pick(locale, '说明', 'Note'),
    ],
    rows: report.areas.map((a) => [
      a.name,
      pick(locale, AREA_KIND_LABELS[a.kind].zh, AREA_KIND_LABELS[a.kind].en),
      r1(m2ToMu(a.areaM2)),
      a.runoffCoefficient,
      a.curveNumber,
      a.runoffM3 === null ? null : Math.round(a.runoffM3),
      Math.round(a.freeStorageM3),
      r3(a.outflowM3s),
      a.pumps,
      Math.round(a.pumpingM3h),
      hoursCell(a, locale),
      grade(a.grade.dry),
      grade(a.grade.rice),
      a.problem ? pick(locale, a.problem.zh, a.problem.en) : a.coefficientIsDefault && a.method === 'coefficient' ? pick(locale, '径流系数用默认值', 'default runoff coefficient') : '',
    ]),
  };
}

export function invalidTable(report: CapacityReport, locale: Locale): Table {
  return {
    name: pick(locale, '断面数据无效', 'Invalid sections'),
    caption: [pick(locale, `断面数据无效、未计入合计的沟渠：共 ${report.invalidDitches.count} 条`, `Ditches left out of the totals for invalid section data: ${report.invalidDitches.count}`)],
    header: [pick(locale, '沟渠', 'Ditch'), pick(locale, '村', 'Village'), pick(locale, '类型', 'Kind'), pick(locale, '长度 (m)', 'Length (m)'), pick(locale, '问题', 'Problems')],
    rows: report.invalidDitches.shown.map((d) => [
      d.name || pick(locale, '未命名沟渠', 'unnamed ditch'),
      d.village,
      pick(locale, DITCH_KIND_LABELS[d.kind].zh, DITCH_KIND_LABELS[d.kind].en),
      r1(d.lengthM),
      d.problems.map((p) => pick(locale, p.message.zh, p.message.en)).join(pick(locale, '；', '; ')),
    ]),
  };
}

export function culvertsTable(report: CapacityReport, locale: Locale): Table {
  return {
    name: pick(locale, '涵管过流', 'Culverts'),
    caption: [
      pick(locale, `涵管满管过流能力（糙率 n = ${report.settings.culvertManningN}，纵坡取所在沟渠）`, `Culverts flowing full (n = ${report.settings.culvertManningN}, slope of their ditch)`),
    ],
    header: [
      pick(locale, '涵管', 'Culvert'),
      pick(locale, '村', 'Village'),
      pick(locale, '管径 (m)', 'Diameter (m)'),
      pick(locale, '孔数', 'Barrels'),
      pick(locale, '纵坡', 'Slope'),
      pick(locale, '过流能力 (m³/s)', 'Capacity (m³/s)'),
      pick(locale, '问题', 'Problems'),
    ],
    rows: report.culverts.rows.map((c) => [
      c.name || pick(locale, '未命名涵管', 'unnamed culvert'),
      c.village,
      c.diameterM,
      c.barrels,
      c.slope,
      c.capacityM3s === null ? null : r3(c.capacityM3s),
      c.problems.map((p) => pick(locale, p.message.zh, p.message.en)).join(pick(locale, '；', '; ')),
    ]),
  };
}
