/** The sheet's tables as .xlsx, for offices that retype them into the county's forms. */
import ExcelJS from 'exceljs';
import { DEPLOYMENT_TASK_LABELS } from '../../../../shared/contract/deployments';
import type { SheetData } from '../../../../shared/contract/sheets';
import { BLOCKAGE_STATUS_LABELS } from '../../../../shared/domain/network';
import { townshipClock } from '../../../../shared/domain/dates';

type Cell = string | number | null;

interface Table {
  name: string;
  header: string[];
  rows: Cell[][];
  /** Number formats per column (null: general). */
  formats?: (string | null)[];
}

const INT = '#,##0';
const DEC1 = '#,##0.0';
const DEC2 = '#,##0.00';

function tables(d: SheetData): Table[] {
  const t = d.totals;
  const wan = (m3: number) => m3 / 10_000;
  return [
    {
      name: '概况',
      header: ['项目', '数值', '单位'],
      formats: [null, '#,##0.0##', null],
      rows: [
        ['标题', d.title, null],
        ['期号', `第${d.number}期${d.correction > 0 ? ' 更正' : ''}`, null],
        ['日期', d.date, null],
        ['发文单位', d.issuingOffice, null],
        ['当日降雨', t.rain.dayMm, 'mm'],
        ['汛期累计降雨', t.rain.seasonMm, 'mm'],
        ['去年同期降雨', t.rain.lastYearSeasonMm, 'mm'],
        ['较去年同期', t.rain.changePct, '%'],
        ['出动人员', t.deployment.people, '人'],
        ['钩机', t.deployment.excavators, '台'],
        ['长臂钩机', t.deployment.longArmExcavators, '台'],
        ['翻斗车', t.deployment.dumpTrucks, '台'],
        ['水泵', t.deployment.pumps, '台'],
        ['累计投入人工', t.season.personDays, '人日'],
        ['累计投入机械', t.season.machineDays, '台日'],
        ['未疏通堵点', t.blockages.open, '处'],
        ['当日疏通堵点', t.blockages.clearedToday, '处'],
      ],
    },
    {
      name: '投入力量',
      header: ['序号', '村/作业点', '任务', '人员(人)', '钩机(台)', '长臂钩机(台)', '翻斗车(台)', '水泵(台)'],
      formats: [null, null, null, INT, INT, INT, INT, INT],
      rows: [
        ...d.force.map((r, i) => [i + 1, r.place, DEPLOYMENT_TASK_LABELS[r.task].zh, r.people, r.excavators, r.longArmExcavators, r.dumpTrucks, r.pumps]),
        ['合计', null, null, t.deployment.people, t.deployment.excavators, t.deployment.longArmExcavators, t.deployment.dumpTrucks, t.deployment.pumps],
      ],
    },
    {
      name: '工程进展',
      header: ['项目', '单位', '当日', '汛期累计'],
      formats: [null, null, DEC1, DEC1],
      rows: [
        ['铺设涵管', '节', t.worksToday.culvertsLaid, t.works.culvertsLaid],
        ['铺设涵管长度', 'm', t.worksToday.culvertMeters, t.works.culvertMeters],
        ['新挖条田沟', 'm', t.worksToday.fieldDitchMeters, t.works.fieldDitchMeters],
        ['清淤高标准通畅沟渠', 'm', t.worksToday.clearedDitchMeters, t.works.clearedDitchMeters],
        ['本季清淤沟渠蓄水能力', '万m³', null, wan(d.capacity.cleared.storageM3)],
        ['本季清淤沟渠过流能力', 'm³/s', null, d.capacity.cleared.conveyanceM3s],
        ['本季新挖条田沟蓄水能力', '万m³', null, wan(d.capacity.dug.storageM3)],
        ['全乡沟渠蓄水能力（不含河道）', '万m³', null, wan(d.capacity.overall.storageM3)],
        ['全乡沟渠过流能力（不含河道）', 'm³/s', null, d.capacity.overall.conveyanceM3s],
        ['当日抽排能力', 'm³/h', d.capacity.pumpingM3h, null],
      ],
    },
    {
      name: '未疏通堵点',
      header: ['序号', '堵点', '所在村', '作业队', '状态', '上报时间', '已历天数'],
      formats: [null, null, null, null, null, null, INT],
      rows: d.blockages.open.map((b, i) => [
        i + 1,
        b.name,
        b.village,
        b.teamName ?? '未派工',
        BLOCKAGE_STATUS_LABELS[b.status].zh,
        townshipClock(b.reportedAt),
        b.daysOpen,
      ]),
    },
    {
      name: '优先疏通',
      header: ['排序', '堵点', '所在村', '所在沟渠', '受阻沟渠长度(m)', '受阻蓄水(m³)', '受阻过流(m³/s)', '滞留水量(m³)'],
      formats: [null, null, null, null, INT, INT, DEC2, INT],
      rows: d.blockages.top.map((r) => [r.rank, r.name, r.village, r.ditchName, r.lengthM, r.storageM3, r.conveyanceM3s, r.runoffHeldM3]),
    },
    {
      name: '明日安排',
      header: ['序号', '村/作业点', '任务', '人员(人)', '钩机(台)', '长臂钩机(台)', '翻斗车(台)', '水泵(台)', '备注'],
      formats: [null, null, null, INT, INT, INT, INT, INT, null],
      rows: [
        ...d.plan.rows.map((r, i) => [i + 1, r.place, DEPLOYMENT_TASK_LABELS[r.task].zh, r.people, r.excavators, r.longArmExcavators, r.dumpTrucks, r.pumps, r.note]),
        ...(d.plan.text ? [['安排', d.plan.text, null, null, null, null, null, null, null] as Cell[]] : []),
      ],
    },
  ];
}

/** One worksheet per table of the sheet, with the sheet's title and number above each. */
export async function sheetXlsx(d: SheetData): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DrainDesk 排涝调度台';
  const caption = `${d.title} 第${d.number}期${d.correction > 0 ? ' 更正' : ''}（${d.date}）${d.state === 'draft' ? ' 样稿，未签发' : ''}`;
  for (const table of tables(d)) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow([caption]).font = { bold: true, size: 13 };
    const header = sheet.addRow(table.header);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, i) => {
      column.width = i === 1 ? 30 : i === 0 && table.name === '工程进展' ? 30 : 14;
      const fmt = table.formats?.[i];
      if (fmt) column.numFmt = fmt;
    });
    sheet.views = [{ state: 'frozen', ySplit: 2 }];
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
