import type { Totals } from '../../../../shared/contract/totals';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage: npm run cli -- totals --data DIR [--date YYYY-MM-DD] [--json]
  某一天的出动力量与汛期累计（雨量、工程量、堵点）；与总览页、调度日报同一来源。
  The day's deployment and the season's figures (rain, works, blockages), from the same
  procedure the dashboard and the daily sheet read.
    --date DAY   哪一天 which day (default: 有数据的最近一天 the latest day with data)
    --json       输出 JSON output JSON (keys: date, rain.*, deployment.*, works.*, blockages.*)
${DATA_FLAG_HELP}`;

const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(1)}%`);

/** The figures as a short bilingual report. */
export function formatTotals(t: Totals): string {
  return [
    `日期 date: ${t.date}   汛期起始 season start: ${t.seasonStart}`,
    `雨情 rain: 当日 day ${t.rain.dayMm.toFixed(1)} mm · 汛期累计 season ${t.rain.seasonMm.toFixed(1)} mm · 去年同期 last year ${t.rain.lastYearSeasonMm.toFixed(1)} mm · 较去年 change ${pct(t.rain.changePct)}`,
    `出动 deployed: 人员 people ${n(t.deployment.people)} · 钩机 excavators ${n(t.deployment.excavators)} · 长臂钩机 long-arm ${n(t.deployment.longArmExcavators)} · 翻斗车 dump trucks ${n(t.deployment.dumpTrucks)} · 水泵 pumps ${n(t.deployment.pumps)}`,
    `累计工程 works to date: 涵管 culverts ${n(t.works.culvertsLaid)} 个 / ${n(t.works.culvertMeters)} m · 新挖条田沟 field ditch ${n(t.works.fieldDitchMeters)} m · 清淤沟渠 cleared ${n(t.works.clearedDitchMeters)} m · 抽水 pumped ${n(t.works.pumpedM3)} m³`,
    `累计投入 season effort: ${n(t.season.personDays)} 人日 person-days · ${n(t.season.machineDays)} 台日 machine-days`,
    `堵点 blockages: 未疏通 open ${t.blockages.open} · 当日疏通 cleared that day ${t.blockages.clearedToday}`,
  ].join('\n');
}

export const totalsCommand: Command = {
  name: 'totals',
  summary: '当日与汛期累计数字 the day\'s and the season\'s figures',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, {
      data: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    await withCore(values.data, async (core) => {
      const totals = await call(core, 'totals.get', values.date === undefined ? {} : { date: values.date });
      console.log(values.json ? JSON.stringify(totals, null, 2) : formatTotals(totals));
    });
  },
};
