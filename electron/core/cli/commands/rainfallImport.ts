import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../../shared/contract/errors';
import type { RainImportPreview } from '../../../../shared/contract/rainfall';
import { MAX_FILE_BYTES } from '../../importers/rainfall/constants';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage: npm run cli -- rainfall-import FILE --data DIR [--baseline] [--new-stations] [--skip-rows 3,7] [--dry-run] [--json]

导入雨量（CSV：UTF-8 或 Excel 在中文 Windows 上保存的 GBK；或 .xlsx）。有错误行时不导入，
列出每个错误行；用 --skip-rows 跳过这些行后导入其余行。
Imports daily rainfall per station from CSV (UTF-8 or GBK) or .xlsx. With bad rows nothing is
imported and every bad row is listed; --skip-rows names rows to leave out.
  --baseline       导入去年同期逐日雨量（基准）import last year's daily series (the baseline)
  --new-stations   自动添加文件中的新站点 add stations the file names that are not on the list
  --skip-rows R    跳过这些行（逗号分隔的行号）skip these rows (comma-separated row numbers)
  --dry-run        只预览不导入 preview only
  --json           输出 JSON output JSON
${DATA_FLAG_HELP}`;

function parseRows(text: string | undefined): number[] {
  if (text === undefined || text.trim() === '') return [];
  const rows = text.split(/[,，\s]+/).filter(Boolean).map(Number);
  if (rows.some((r) => !Number.isInteger(r) || r < 1)) {
    throw new AppError('invalid_input', { zh: `--skip-rows 应为逗号分隔的行号，而不是 ${text}`, en: `--skip-rows takes comma-separated row numbers, not ${text}` });
  }
  return rows;
}

function describe(p: RainImportPreview): string {
  const lines = [
    `格式 format: ${p.format} (${p.encoding}${p.sheet ? `, 工作表 sheet ${p.sheet}` : ''}), ${p.layout}`,
    `有效数值 valid values: ${p.values}（新增 new ${p.added} · 修改 changed ${p.changed} · 相同 same ${p.unchanged}）`,
  ];
  if (p.dateRange) lines.push(`日期 dates: ${p.dateRange.from} — ${p.dateRange.to}`);
  if (p.newStations.length) lines.push(`新站点 new stations: ${p.newStations.join('、')}`);
  for (const w of p.warnings) lines.push(`  提示 note: ${w.zh}`);
  for (const e of p.errors) lines.push(`  错误 error: ${e.zh}`);
  return lines.join('\n');
}

export const rainfallImportCommand: Command = {
  name: 'rainfall-import',
  summary: '导入雨量 CSV/xlsx import rainfall',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseFlags(
      argv,
      {
        data: { type: 'string' },
        baseline: { type: 'boolean', default: false },
        'new-stations': { type: 'boolean', default: false },
        'skip-rows': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      throw new AppError('invalid_input', { zh: '请给出一个要导入的文件（用 --help 查看用法）', en: 'Name one file to import (see --help)' });
    }
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new AppError('not_found', { zh: `找不到文件：${file}`, en: `File not found: ${file}` });
    }
    if (size > MAX_FILE_BYTES) {
      throw new AppError('import_invalid', { zh: `文件太大（上限 ${MAX_FILE_BYTES / 1048576} MB）`, en: `File too large (limit ${MAX_FILE_BYTES / 1048576} MB)` });
    }
    const input = {
      kind: values.baseline ? ('baseline' as const) : ('readings' as const),
      fileName: basename(file),
      contentBase64: readFileSync(file).toString('base64'),
      allowNewStations: values['new-stations'],
    };
    const skipRows = parseRows(values['skip-rows']);
    await withCore(values.data, async (core) => {
      if (values['dry-run']) {
        const preview = await call(core, 'rainfall.previewImport', input);
        console.log(values.json ? JSON.stringify(preview, null, 2) : describe(preview));
        return;
      }
      const result = await call(core, 'rainfall.import', { ...input, skipRows });
      if (values.json) console.log(JSON.stringify(result, null, 2));
      else {
        console.log(`已导入 Imported ${result.imported} 个数值 values（新增 new ${result.added} · 修改 changed ${result.changed}）`);
        if (result.skippedRows.length) console.log(`已跳过 Skipped rows: ${result.skippedRows.join(', ')}`);
        if (result.newStations.length) console.log(`新站点 New stations: ${result.newStations.join('、')}`);
      }
    });
  },
};
