import type { CountyReport, CountyTotal, TownshipTotals } from '../contract/county';

/** One column of the roll-up: its heading (Chinese, English) and how to read it from a township line or the county line. */
export interface RollupColumn {
  zh: string;
  en: string;
  unit: string;
  town(t: TownshipTotals): number | string | null;
  county(t: CountyTotal): number | string | null;
}

const pct = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(1)}%`);

/** The columns of the county table, the PDF and the workbook alike, so they cannot disagree. */
export const ROLLUP_COLUMNS: readonly RollupColumn[] = [
  { zh: '当日降雨', en: 'Rain today', unit: 'mm', town: (t) => t.rain.dayMm, county: (c) => c.rain.dayMm },
  { zh: '汛期累计', en: 'Season rain', unit: 'mm', town: (t) => t.rain.seasonMm, county: (c) => c.rain.seasonMm },
  { zh: '去年同期', en: 'Last year', unit: 'mm', town: (t) => t.rain.lastYearSeasonMm, county: (c) => c.rain.lastYearSeasonMm },
  { zh: '较去年', en: 'vs last year', unit: '', town: (t) => pct(t.rain.changePct), county: (c) => pct(c.rain.changePct) },
  { zh: '出动人员', en: 'People', unit: '人', town: (t) => t.deployment.people, county: (c) => c.deployment.people },
  { zh: '钩机', en: 'Excavators', unit: '台', town: (t) => t.deployment.excavators, county: (c) => c.deployment.excavators },
  { zh: '长臂钩机', en: 'Long-arm', unit: '台', town: (t) => t.deployment.longArmExcavators, county: (c) => c.deployment.longArmExcavators },
  { zh: '翻斗车', en: 'Dump trucks', unit: '台', town: (t) => t.deployment.dumpTrucks, county: (c) => c.deployment.dumpTrucks },
  { zh: '水泵', en: 'Pumps', unit: '台', town: (t) => t.deployment.pumps, county: (c) => c.deployment.pumps },
  { zh: '累计涵管', en: 'Culverts', unit: '个', town: (t) => t.works.culvertsLaid, county: (c) => c.works.culvertsLaid },
  { zh: '新挖条田沟', en: 'Field ditch dug', unit: 'm', town: (t) => t.works.fieldDitchMeters, county: (c) => c.works.fieldDitchMeters },
  { zh: '清淤沟渠', en: 'Ditch cleared', unit: 'm', town: (t) => t.works.clearedDitchMeters, county: (c) => c.works.clearedDitchMeters },
  { zh: '抽水', en: 'Pumped', unit: 'm³', town: (t) => t.works.pumpedM3, county: (c) => c.works.pumpedM3 },
  { zh: '沟渠蓄水', en: 'Ditch storage', unit: '万m³', town: (t) => Math.round(t.storage.storageM3 / 1000) / 10, county: (c) => Math.round(c.storage.storageM3 / 1000) / 10 },
  { zh: '未疏通堵点', en: 'Open blockages', unit: '处', town: (t) => t.blockages.open, county: (c) => c.blockages.open },
  { zh: '当日疏通', en: 'Cleared today', unit: '处', town: (t) => t.blockages.clearedToday, county: (c) => c.blockages.clearedToday },
  { zh: '累计疏通', en: 'Cleared season', unit: '处', town: (t) => t.blockages.clearedSeason, county: (c) => c.blockages.clearedSeason },
];

export const ROLLUP_TITLE = '县防汛排涝调度日报·汇总';

/** The table as rows of cells: a heading row, one row per township, the county total row. */
export function rollupCells(report: CountyReport): { head: string[]; rows: (string | number | null)[][]; total: (string | number | null)[] } {
  return {
    head: ['乡镇', ...ROLLUP_COLUMNS.map((c) => (c.unit ? `${c.zh}（${c.unit}）` : c.zh))],
    rows: report.townships.map((t) => [t.township.name, ...ROLLUP_COLUMNS.map((c) => c.town(t))]),
    total: ['全县合计', ...ROLLUP_COLUMNS.map((c) => c.county(report.total))],
  };
}
