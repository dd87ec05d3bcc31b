import { writeFileSync } from 'node:fs';
import { AppError } from '../../../../shared/contract/errors';
import type { SheetRecord } from '../../../../shared/contract/sheets';
import { ensurePrintViewBuilt } from '../../sheets/build';
import type { Core } from '../../app';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage: npm run cli -- sheet --data DIR [--date YYYY-MM-DD] --out FILE.pdf [options]
  调度日报：生成 A4 PDF（与程序中的打印页面相同），签发、更正、导出 Excel、查看存档。
  The daily dispatch sheet: render it to A4 PDF (the app's own print view, in headless Chromium),
  issue it, correct it, export its tables, list the archive.
    --date DAY        哪一天 which day (default: 有数据的最近一天 the latest day with data)
    --out FILE.pdf    写出 PDF write the PDF here. 已签发的日期写出签发原件 (a day already issued
                      gives the archived original), 否则为样稿 (otherwise the live draft)
    --draft           即使已签发也生成当前样稿 render the live draft even if the day was issued
    --issue           签发：冻结期号、数据和 PDF issue: freeze the number, data and PDF
    --correct REASON  更正重发（保留原件）re-issue the day's latest issue as a correction, with the reason
    --xlsx FILE       导出日报表格 export the sheet's tables to .xlsx
    --list            列出本汛期已签发的日报 list the season's issued sheets
    --json            以 JSON 输出结果 print the result as JSON
  Chromium: /usr/bin/chromium 或环境变量 CHROMIUM_PATH (or set CHROMIUM_PATH).
${DATA_FLAG_HELP}`;

const label = (r: Pick<SheetRecord, 'number' | 'correction'>) => `第${r.number}期${r.correction > 0 ? `（更正${r.correction}）` : ''}`;

function write(file: string, base64: string): number {
  const bytes = Buffer.from(base64, 'base64');
  writeFileSync(file, bytes);
  return bytes.length;
}

/** The latest issue of a day, or null. */
async function latestIssue(core: Core, date: string): Promise<SheetRecord | null> {
  const list = await call(core, 'sheets.list', { season: date.slice(0, 4) });
  return list.records.find((r) => r.date === date && !r.superseded) ?? null;
}

const FLAGS = {
  data: { type: 'string' },
  date: { type: 'string' },
  out: { type: 'string' },
  draft: { type: 'boolean', default: false },
  issue: { type: 'boolean', default: false },
  correct: { type: 'string' },
  xlsx: { type: 'string' },
  list: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

type SheetFlags = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];

export const sheetCommand: Command = {
  name: 'sheet',
  summary: '调度日报 PDF、签发与存档 the daily dispatch sheet: PDF, issue, archive',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, FLAGS);
    if (values.issue && values.correct !== undefined) {
      throw new AppError('invalid_input', { zh: '--issue 与 --correct 只能选一个', en: 'use either --issue or --correct, not both' });
    }
    if (!values.list && !values.out && !values.xlsx) {
      throw new AppError('invalid_input', { zh: '请用 --out 指定 PDF 文件（或 --xlsx、--list）', en: 'name the PDF with --out (or use --xlsx or --list)' });
    }
    if (values.out && !/\.pdf$/i.test(values.out)) throw new AppError('invalid_input', { zh: '--out 应为 .pdf 文件', en: '--out must be a .pdf file' });
    if (values.xlsx && !/\.xlsx$/i.test(values.xlsx)) throw new AppError('invalid_input', { zh: '--xlsx 应为 .xlsx 文件', en: '--xlsx must be a .xlsx file' });

    await run(values);
  },
};

async function run(values: SheetFlags): Promise<void> {
    await withCore(values.data, async (core) => {
      const date = values.date ?? (await call(core, 'totals.get', {})).date;
      const result: Record<string, unknown> = { date };
      if (values.list) {
        const list = await call(core, 'sheets.list', { season: date.slice(0, 4) });
        result.list = list;
        if (!values.json) {
          console.log(`汛期 season ${list.season ?? '—'}：已签发 ${list.records.length} 份，下一期 next No. ${list.nextNumber}`);
          for (const r of list.records) console.log(`  ${label(r).padEnd(10)} ${r.date}  ${r.issuedAt}  ${r.superseded ? '已更正 superseded' : '有效 current'}  sha256 ${r.pdfSha256.slice(0, 12)}`);
        }
      }
      let record: SheetRecord | null = null;
      if (values.issue || values.correct !== undefined) {
        ensurePrintViewBuilt();
        if (values.issue) record = await call(core, 'sheets.issue', { date });
        else {
          const latest = await latestIssue(core, date);
          if (!latest) throw new AppError('conflict', { zh: `${date} 的日报尚未签发，不能更正`, en: `The sheet for ${date} has not been issued; nothing to correct` });
          record = await call(core, 'sheets.issue', { date, correction: { of: latest.id, reason: values.correct! } });
        }
        result.issued = record;
        if (!values.json) console.log(`已签发 Issued ${label(record)} ${date}  sha256 ${record.pdfSha256}`);
      } else if (!values.draft && (values.out || values.xlsx)) {
        record = await latestIssue(core, date);
      }
      if (values.out) {
        if (record) {
          const pdf = await call(core, 'sheets.pdf', { id: record.id });
          result.pdf = { file: values.out, bytes: write(values.out, pdf.contentBase64), sha256: pdf.sha256, issued: true };
          if (!values.json) console.log(`已写出签发原件 Wrote the issued original ${label(record)}: ${values.out}`);
        } else {
          ensurePrintViewBuilt();
          const pdf = await call(core, 'sheets.renderPdf', { date });
          result.pdf = { file: values.out, bytes: write(values.out, pdf.contentBase64), issued: false };
          if (!values.json) console.log(`已写出样稿（未签发）Wrote the draft (not issued): ${values.out}`);
        }
      }
      if (values.xlsx) {
        const file = await call(core, 'sheets.exportXlsx', record ? { id: record.id } : { date });
        result.xlsx = { file: values.xlsx, bytes: write(values.xlsx, file.contentBase64) };
        if (!values.json) console.log(`已导出表格 Wrote the tables: ${values.xlsx}`);
      }
      if (values.json) console.log(JSON.stringify(result, null, 2));
    });
}
