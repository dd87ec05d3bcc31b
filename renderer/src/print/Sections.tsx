import type { ReactNode } from 'react';
import { DEPLOYMENT_TASK_LABELS } from '../../../shared/domain/deployments';
import type { SheetBlockageRow, SheetData, SheetForceRow, SheetImpactRow, SheetPlanRow } from '../../../shared/contract/sheets';
import { addDays } from '../../../shared/domain/dates';
import { BLOCKAGE_STATUS_LABELS } from '../../../shared/domain/network';
import { dec1, int, metres, num, wan, zhDate, zhMonthDay, zhTime } from './format';
import { SheetTable, type Column } from './SheetTable';

const task = (t: SheetForceRow['task']) => DEPLOYMENT_TASK_LABELS[t].zh;

const machineColumns = <R extends { people: number; excavators: number; longArmExcavators: number; dumpTrucks: number; pumps: number }>(): Column<R>[] => [
  { head: '人员(人)', cell: (r) => int(r.people), align: 'right', width: '11%' },
  { head: '钩机(台)', cell: (r) => int(r.excavators), align: 'right', width: '10%' },
  { head: '长臂钩机(台)', cell: (r) => int(r.longArmExcavators), align: 'right', width: '12%' },
  { head: '翻斗车(台)', cell: (r) => int(r.dumpTrucks), align: 'right', width: '11%' },
  { head: '水泵(台)', cell: (r) => int(r.pumps), align: 'right', width: '10%' },
];

/** 一、雨情 */
export function RainSection({ data }: { data: SheetData }) {
  const r = data.totals.rain;
  const change =
    r.changePct === null
      ? '去年同期无降雨记录'
      : r.changePct === 0
        ? '与去年同期持平'
        : `较去年同期偏${r.changePct > 0 ? '多' : '少'} ${num(Math.abs(r.changePct), 1)}%`;
  return (
    <section className="sd-section" data-testid="sheet-rain">
      <h2>一、雨情</h2>
      <p>
        {zhMonthDay(data.date)}全乡平均降雨 {dec1(r.dayMm)} mm
        {r.stationsReported > 0 ? `（${r.stationsReported} 个雨量站报汛）` : '（当日无雨量站报汛）'}
        ；去年同日 {dec1(r.lastYearDayMm)} mm。入汛以来（{zhMonthDay(data.totals.seasonStart)}起）累计降雨 <b>{dec1(r.seasonMm)} mm</b>，去年同期 {dec1(r.lastYearSeasonMm)} mm，
        <b>{change}</b>。
      </p>
    </section>
  );
}

/** 二、投入力量, with the table by place and task and the rain-vs-deployment chart. */
export function ForceSection({ data, chart }: { data: SheetData; chart: ReactNode }) {
  const d = data.totals.deployment;
  const s = data.totals.season;
  const columns: Column<SheetForceRow>[] = [
    { head: '序号', cell: (_r, i) => i + 1, align: 'center', width: '7%' },
    { head: '村 / 作业点', cell: (r) => r.place || '（未填地点）', width: '29%' },
    { head: '任务', cell: (r) => task(r.task), align: 'center', width: '10%' },
    ...machineColumns<SheetForceRow>(),
  ];
  return (
    <section className="sd-section" data-testid="sheet-force">
      <h2>二、投入力量</h2>
      <p>
        当日全乡共出动人员 <b>{int(d.people)} 人</b>，钩机 <b>{int(d.excavators)} 台</b>、长臂钩机 <b>{int(d.longArmExcavators)} 台</b>、翻斗车 <b>{int(d.dumpTrucks)} 台</b>、水泵{' '}
        <b>{int(d.pumps)} 台</b>，分布见表1。入汛以来 {s.daysWithDeployments} 天有出动，累计投入人工 {int(s.personDays)} 人日、机械 {int(s.machineDays)} 台日（钩机 {int(s.excavatorDays)}、长臂钩机{' '}
        {int(s.longArmExcavatorDays)}、翻斗车 {int(s.dumpTruckDays)}、水泵 {int(s.pumpDays)} 台日）。
      </p>
      <SheetTable
        caption="表1 当日出动力量分布"
        columns={columns}
        rows={data.force}
        empty="当日无出动记录"
        testId="sheet-force-table"
        footer={['合计', '', '', int(d.people), int(d.excavators), int(d.longArmExcavators), int(d.dumpTrucks), int(d.pumps)]}
      />
      {chart}
    </section>
  );
}

interface WorksLine {
  item: string;
  unit: string;
  today: string;
  season: string;
}

/** 三、工程进展: today and the season to date; what the cleared ditches hold and carry. */
export function WorksSection({ data }: { data: SheetData }) {
  const w = data.totals.works;
  const t = data.totals.worksToday;
  const c = data.capacity;
  const lines: WorksLine[] = [
    { item: '铺设涵管', unit: '节', today: int(t.culvertsLaid), season: int(w.culvertsLaid) },
    { item: '涵管长度', unit: 'm', today: metres(t.culvertMeters), season: metres(w.culvertMeters) },
    { item: '新挖条田沟', unit: 'm', today: metres(t.fieldDitchMeters), season: metres(w.fieldDitchMeters) },
    { item: '清淤高标准通畅沟渠', unit: 'm', today: metres(t.clearedDitchMeters), season: metres(w.clearedDitchMeters) },
    { item: '抽排水量', unit: '万m³', today: wan(t.pumpedM3), season: wan(w.pumpedM3) },
  ];
  const capRows = [
    { item: '本季清淤高标准通畅沟渠', g: c.cleared },
    { item: '本季新挖条田沟', g: c.dug },
    { item: '全乡沟渠（不含河道，按现状）', g: c.overall },
  ];
  return (
    <section className="sd-section" data-testid="sheet-works">
      <h2>三、工程进展</h2>
      <p>
        当日铺设涵管 {int(t.culvertsLaid)} 节、{metres(t.culvertMeters)} m，新挖条田沟 {metres(t.fieldDitchMeters)} m，清淤沟渠 {metres(t.clearedDitchMeters)} m。入汛以来累计新铺涵管{' '}
        <b>{int(w.culvertsLaid)} 节</b>、共 <b>{metres(w.culvertMeters)} m</b>；新挖条田沟 <b>{metres(w.fieldDitchMeters)} m</b>；清淤高标准通畅沟渠 <b>{metres(w.clearedDitchMeters)} m</b>
        ，可蓄水 <b>{wan(c.cleared.storageM3)} 万m³</b>，过流能力 {num(c.cleared.conveyanceM3s, 0)} m³/s。当日 {int(c.pumps)} 台水泵抽排能力 {int(c.pumpingM3h)} m³/h。
        {c.excluded > 0 ? `另有 ${c.excluded} 条沟渠断面数据不全，未计入蓄排能力。` : ''}
      </p>
      <div className="sd-pair">
        <SheetTable
          caption="表2 工程量"
          testId="sheet-works-table"
          columns={[
            { head: '项目', cell: (r: WorksLine) => r.item, width: '40%' },
            { head: '单位', cell: (r: WorksLine) => r.unit, align: 'center', width: '14%' },
            { head: '当日', cell: (r: WorksLine) => r.today, align: 'right', width: '20%' },
            { head: '入汛以来', cell: (r: WorksLine) => r.season, align: 'right', width: '26%' },
          ]}
          rows={lines}
        />
        <SheetTable
          caption="表3 沟渠蓄排能力"
          testId="sheet-capacity-table"
          columns={[
            { head: '类别', cell: (r: (typeof capRows)[number]) => r.item, width: '38%' },
            { head: '长度(m)', cell: (r) => metres(r.g.lengthM), align: 'right', width: '20%' },
            { head: '蓄水(万m³)', cell: (r) => wan(r.g.storageM3), align: 'right', width: '21%' },
            { head: '过流(m³/s)', cell: (r) => num(r.g.conveyanceM3s, 0), align: 'right', width: '21%' },
          ]}
          rows={capRows}
        />
      </div>
    </section>
  );
}

/** 四、堵点情况: new, cleared, still open (table), and the capacity ranking's first ones; the map of the day. */
export function BlockageSection({ data, map }: { data: SheetData; map: ReactNode }) {
  const b = data.blockages;
  const totals = data.totals.blockages;
  const byStatus = (s: SheetBlockageRow['status']) => b.open.filter((r) => r.status === s).length;
  const openColumns: Column<SheetBlockageRow>[] = [
    { head: '序号', cell: (_r, i) => i + 1, align: 'center', width: '7%' },
    { head: '堵点', cell: (r) => r.name, width: '33%' },
    { head: '所在村', cell: (r) => r.village || '—', width: '12%' },
    { head: '作业队', cell: (r) => r.teamName ?? '未派工', width: '14%' },
    { head: '状态', cell: (r) => BLOCKAGE_STATUS_LABELS[r.status].zh, align: 'center', width: '10%' },
    { head: '上报时间', cell: (r) => zhTime(r.reportedAt), align: 'center', width: '15%' },
    { head: '已历(天)', cell: (r) => r.daysOpen, align: 'right', width: '9%' },
  ];
  const topColumns: Column<SheetImpactRow>[] = [
    { head: '顺序', cell: (r) => r.rank, align: 'center', width: '7%' },
    { head: '堵点', cell: (r) => r.name, width: '33%' },
    { head: '所在村', cell: (r) => r.village || '—', width: '12%' },
    { head: '受阻沟渠(m)', cell: (r) => metres(r.lengthM), align: 'right', width: '15%' },
    { head: '受阻蓄水(m³)', cell: (r) => int(r.storageM3), align: 'right', width: '16%' },
    { head: '滞水量(m³)', cell: (r) => int(r.runoffHeldM3), align: 'right', width: '17%' },
  ];
  return (
    <section className="sd-section" data-testid="sheet-blockages">
      <h2>四、堵点情况</h2>
      <p>
        当日新上报堵点 {b.newToday.length} 处{b.newToday.length > 0 ? `（${b.newToday.map((r) => r.name).join('、')}）` : ''}，疏通 {totals.clearedToday} 处
        {b.clearedToday.length > 0 ? `（${b.clearedToday.map((r) => r.name).join('、')}）` : ''}；截至当日 24 时全乡尚有 <b>{totals.open} 处</b>堵点未疏通（上报未派工 {byStatus('reported')} 处、已派工{' '}
        {byStatus('assigned')} 处、处理中 {byStatus('in_progress')} 处），见表4。入汛以来累计疏通 {totals.clearedSeason} 处。
        {b.top.length > 0 ? '按对全乡蓄排能力的影响排序，建议优先疏通表5所列堵点。' : ''}
        {data.patrol && data.patrol.tracks > 0 && (
          <span data-testid="sheet-patrol">
            当日巡查沟渠 {(data.patrol.coveredM / 1000).toFixed(1)} km，覆盖率 {Math.round(data.patrol.share * 100)}%。
          </span>
        )}
      </p>
      <SheetTable caption="表4 未疏通堵点" columns={openColumns} rows={b.open} empty="当日无未疏通堵点" testId="sheet-open-table" />
      {b.top.length > 0 && (
        <SheetTable caption={`表5 优先疏通堵点（按影响排序，前 ${b.top.length} 处，共 ${b.rankedCount} 处参与排序）`} columns={topColumns} rows={b.top} testId="sheet-top-table" />
      )}
      {map}
    </section>
  );
}

/** 五、明日安排: the office's text and planned deployments. */
export function PlanSection({ data }: { data: SheetData }) {
  const paragraphs = data.plan.text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  const columns: Column<SheetPlanRow>[] = [
    { head: '序号', cell: (_r, i) => i + 1, align: 'center', width: '7%' },
    { head: '村 / 作业点', cell: (r) => r.place, width: '21%' },
    { head: '任务', cell: (r) => task(r.task), align: 'center', width: '8%' },
    ...machineColumns<SheetPlanRow>(),
    { head: '备注', cell: (r) => r.note, width: '11%' },
  ];
  const sum = (k: 'people' | 'excavators' | 'longArmExcavators' | 'dumpTrucks' | 'pumps') => int(data.plan.rows.reduce((s, r) => s + r[k], 0));
  return (
    <section className="sd-section" data-testid="sheet-plan">
      <h2>五、明日安排</h2>
      {paragraphs.length === 0 && data.plan.rows.length === 0 && <p>（未填写）</p>}
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {data.plan.rows.length > 0 && (
        <SheetTable
          caption={`表6 ${zhDate(addDays(data.date, 1))}计划出动`}
          columns={columns}
          rows={data.plan.rows}
          testId="sheet-plan-table"
          footer={['合计', '', '', sum('people'), sum('excavators'), sum('longArmExcavators'), sum('dumpTrucks'), sum('pumps'), '']}
        />
      )}
    </section>
  );
}

