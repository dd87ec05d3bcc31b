import { writeFileSync } from 'node:fs';
import type { CapacityQuery, CapacityReport } from '../../../../shared/contract/capacity';
import { AppError } from '../../../../shared/contract/errors';
import { DITCH_KINDS, DITCH_KIND_LABELS } from '../../../../shared/domain/network';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage: npm run cli -- capacity --data DIR [--date D] [--rain-mm N | --rain today|last3] [options]

沟渠蓄排能力：按类型和合计的蓄水量、过流能力、抽排能力，堵点影响排序，各片区排涝历时。
Drainage capacity: storage, conveyance and pumping per kind and overall, the blockage ranking
(open these first) and the drain-down time of each area, computed from the data folder.
    --date D              日期 YYYY-MM-DD（默认最近有数据的一天） the day (default: latest with data)
    --rain-mm N           按输入雨量 N 毫米计算 a typed rain depth in mm
    --rain today|last3    当日或近 3 日雨量（默认当日） the day's or the last 3 days' rain (default today)
    --method coefficient|scs   径流系数法或 SCS 曲线数法 runoff method (default coefficient)
    --fill PCT            沟渠已蓄水比例 % how full the ditches already are (default 0)
    --out FILE.csv|.xlsx  另存汇总表 also write the tables to a file
    --json                输出 JSON（与 capacity.report 相同） output the capacity.report JSON
${DATA_FLAG_HELP}`;

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) {
    throw new AppError('invalid_input', { zh: `${flag} 应为数字，收到“${text}”`, en: `${flag} must be a number, got "${text}"` });
  }
  return n;
}

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function printReport(r: CapacityReport): void {
  const rain = r.rain.mm === null ? '无记录 none recorded' : `${fmt(r.rain.mm, 1)} mm`;
  console.log(`日期 date ${r.date}   雨量 rain (${r.rain.source}) ${rain}   方法 method ${r.method}`);
  if (r.rain.note) console.log(`  ${r.rain.note.zh} / ${r.rain.note.en}`);
  console.log('');
  console.log(`${'类型 kind'.padEnd(18)}${'长度 m'.padStart(12)}${'蓄水 m³'.padStart(14)}${'万m³'.padStart(9)}${'过流 m³/s'.padStart(12)}${'无效 invalid'.padStart(14)}`);
  const line = (label: string, g: CapacityReport['overall'] | CapacityReport['byKind']['main']) =>
    console.log(`${label.padEnd(18)}${fmt(g.lengthM).padStart(12)}${fmt(g.storageM3).padStart(14)}${fmt(g.storageM3 / 10_000, 1).padStart(9)}${fmt(g.conveyanceM3s, 2).padStart(12)}${String(g.excluded).padStart(14)}`);
  for (const k of DITCH_KINDS) line(`${DITCH_KIND_LABELS[k].zh} ${k}`, r.byKind[k]);
  line('合计(不含河道) all', r.overall);
  line('本季清淤 cleared', r.byWork.cleared);
  console.log(`抽排 pumping: ${r.pumping.pumps} × ${r.pumping.ratedM3h} m³/h = ${fmt(r.overall.pumpingM3h)} m³/h`);
  console.log(`涵管 culverts: ${r.culverts.valid} 座 ${fmt(r.culverts.totalM3s, 2)} m³/s（${r.culverts.excluded} 座数据不全 incomplete）`);
  console.log('');
  console.log(`堵点排序 blockage ranking (${r.ranking.length} / ${r.openBlockages} open):`);
  for (const b of r.ranking.slice(0, 20)) {
    console.log(`  ${String(b.rank).padStart(3)}. ${b.name || '未命名堵点'}（${b.village}）滞留径流 held ${fmt(b.cutOff.runoffHeldM3)} m³, 截断蓄水 storage ${fmt(b.cutOff.storageM3)} m³, 长度 ${fmt(b.cutOff.lengthM)} m`);
  }
  for (const p of r.networkProblems) console.log(`  ! ${p.message.zh}`);
  console.log('');
  console.log('片区排涝 drain-down:');
  for (const a of r.areas) {
    const hours = a.drain.status === 'none' ? '0 h' : a.drain.status === 'no_outflow' ? '无出路 no outflow' : a.drain.hours === null ? '—' : `${fmt(a.drain.hours, 1)} h`;
    console.log(`  ${a.name.padEnd(10)} 径流 runoff ${a.runoffM3 === null ? '—' : fmt(a.runoffM3)} m³, 排完 ${hours}, 旱田 dry ${a.grade.dry ?? '—'}, 水田 rice ${a.grade.rice ?? '—'}`);
  }
}

export const capacityCommand: Command = {
  name: 'capacity',
  summary: '蓄排能力与堵点排序 drainage capacity and blockage ranking',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, {
      data: { type: 'string' },
      date: { type: 'string' },
      'rain-mm': { type: 'string' },
      rain: { type: 'string' },
      method: { type: 'string' },
      fill: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const query: Record<string, unknown> = {};
    if (values.date !== undefined) query.date = values.date;
    const rainMm = number('--rain-mm', values['rain-mm']);
    if (rainMm !== undefined) query.rainMm = rainMm;
    if (values.rain !== undefined) query.rainSource = values.rain;
    if (values.method !== undefined) query.method = values.method;
    const fill = number('--fill', values.fill);
    if (fill !== undefined) query.initialFillPct = fill;
    if (values.out !== undefined && !/\.(csv|xlsx)$/i.test(values.out)) {
      throw new AppError('invalid_input', { zh: '--out 文件名应以 .csv 或 .xlsx 结尾', en: '--out must end in .csv or .xlsx' });
    }
    await withCore(values.data, async (core) => {
      const report = await call(core, 'capacity.report', query as CapacityQuery);
      if (values.out !== undefined) {
        const format = values.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
        const file = await call(core, 'capacity.export', { format, query: query as CapacityQuery });
        writeFileSync(values.out, Buffer.from(file.contentBase64, 'base64'));
      }
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else {
        printReport(report);
        if (values.out !== undefined) console.log(`\n已导出 Written: ${values.out}`);
      }
    });
  },
};
