import type { Bilingual } from '../../../../shared/contract/errors';
import type { ImportIssue } from './types';
import { MAX_POSSIBLE_MM, MAX_DAILY_MM, MAX_FILE_BYTES } from './constants';
import { shorten } from './text';

/** Where a problem is: a row, and optionally a column by letter and header text. */
export interface Place {
  row: number;
  letter?: string;
  header?: string;
}

function at(p: Place): Bilingual {
  if (p.letter === undefined) return { zh: `第 ${p.row} 行`, en: `Row ${p.row}` };
  const name = p.header ? `“${p.header}”` : '';
  const nameEn = p.header ? ` (${p.header})` : '';
  return { zh: `第 ${p.row} 行 ${p.letter} 列${name}`, en: `Row ${p.row}, column ${p.letter}${nameEn}` };
}

function issue(p: Place, zh: string, en: string): ImportIssue {
  const where = at(p);
  const column = p.header || p.letter;
  const base = { row: p.row, zh: `${where.zh}：${zh}`, en: `${where.en}: ${en}` };
  return column ? { ...base, column } : base;
}

// ---- whole-file problems (thrown as AppError 'import_invalid') ----

/** The file is over the size limit. */
export function tooLarge(bytes: number): Bilingual {
  const mb = (bytes / 1024 / 1024).toFixed(1);
  const max = MAX_FILE_BYTES / 1024 / 1024;
  return {
    zh: `文件太大（${mb} MB），雨量文件不能超过 ${max} MB。请只保留雨量表后再导入。`,
    en: `The file is too large (${mb} MB); a rainfall file may be at most ${max} MB. Keep only the rainfall table and import again.`,
  };
}

/** A workbook whose zip unpacks to far more than a rainfall sheet: a zip bomb or the wrong file. */
export function xlsxTooLargeUnpacked(bytes: number, max: number): Bilingual {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  return {
    zh: `这个 Excel 文件解压后有 ${mb(bytes)} MB，超过雨量表的上限 ${mb(max)} MB，未读取。请只保留雨量表另存为新文件后再导入。`,
    en: `This Excel file unpacks to ${mb(bytes)} MB, more than the ${mb(max)} MB a rainfall sheet may have; it was not read. Keep only the rainfall table in a new file and import that.`,
  };
}

/** A workbook with more cells than any rainfall table. */
export function xlsxTooManyCells(cells: number, max: number): Bilingual {
  return {
    zh: `这个 Excel 文件有 ${cells} 个以上的单元格，超过雨量表的上限 ${max} 个，未读取。请只保留雨量表另存为新文件后再导入。`,
    en: `This Excel file has more than ${cells} cells, above the ${max} a rainfall table may have; it was not read. Keep only the rainfall table in a new file and import that.`,
  };
}

/** A quote opened and never closed: the file is cut short. */
export function unclosedQuote(line: number): Bilingual {
  return { zh: `第 ${line} 行的引号没有闭合，文件可能不完整；请在 Excel 中打开检查后重新保存。`, en: `The quote opened on line ${line} is never closed; the file may be incomplete. Open it in Excel, check it and save it again.` };
}

/** The file has no content. */
export function emptyFile(): Bilingual {
  return { zh: '文件是空的，没有任何数据。', en: 'The file is empty.' };
}

/** The header was found but no row below it. */
export function noDataRows(headerRow: number): Bilingual {
  return {
    zh: `第 ${headerRow} 行是表头，但表头下面没有数据行。`,
    en: `Row ${headerRow} is the header, but there are no data rows below it.`,
  };
}

/** An old binary .xls, or an encrypted workbook (both are OLE files, not zips). */
export function legacyXls(): Bilingual {
  return {
    zh: '这是旧版 Excel（.xls）文件或加了密码的工作簿，无法读取。请在 Excel 中“另存为”Excel 工作簿（.xlsx）或 CSV 后再导入。',
    en: 'This is an old Excel (.xls) file or a password-protected workbook, which cannot be read. Save it as an Excel workbook (.xlsx) or CSV and import again.',
  };
}

/** The name says xlsx but the bytes are not a zip. */
export function notXlsx(fileName: string): Bilingual {
  return {
    zh: `“${fileName}”的扩展名是 Excel 工作簿，但内容不是 .xlsx 文件（可能改过扩展名或已损坏）。请用 Excel 打开后另存为 .xlsx 或 CSV。`,
    en: `"${fileName}" is named as an Excel workbook but its content is not an .xlsx file (renamed or damaged). Open it in Excel and save as .xlsx or CSV.`,
  };
}

/** A zip that exceljs could not read as a workbook. */
export function badXlsx(): Bilingual {
  return {
    zh: '文件是压缩包格式，但不是可读取的 Excel 工作簿（.xlsx），可能已损坏。请用 Excel 打开后重新保存。',
    en: 'The file is a zip archive but not a readable Excel workbook (.xlsx); it may be damaged. Open it in Excel and save it again.',
  };
}

/** Excel's "Unicode text" export: UTF-16, which users should re-save. */
export function utf16(): Bilingual {
  return {
    zh: '文件是 UTF-16 编码（Excel 的“Unicode 文本”），请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入。',
    en: 'The file is UTF-16 encoded (Excel "Unicode Text"). Save it as "CSV UTF-8 (Comma delimited)" or .xlsx and import again.',
  };
}

/** Binary content that is neither CSV nor xlsx. */
export function notTableFile(): Bilingual {
  return {
    zh: '文件不是 CSV 或 Excel（.xlsx）表格，无法导入雨量。',
    en: 'The file is not a CSV or Excel (.xlsx) table, so no rainfall can be imported from it.',
  };
}

/** No header row: which columns were expected, and what the top rows held. */
export function noHeader(expected: Bilingual, found: string[], missing?: Bilingual): Bilingual {
  const shown = found.slice(0, 12).map((f) => shorten(f));
  const more = found.length > shown.length ? '…' : '';
  const foundZh = shown.length ? `前 5 行找到的列是：${shown.join('、')}${more}` : '前 5 行没有任何列名';
  const foundEn = shown.length ? `The first 5 rows have: ${shown.join(', ')}${more}` : 'The first 5 rows have no column names';
  const lackZh = missing ? `缺少${missing.zh}。` : '';
  const lackEn = missing ? `Missing ${missing.en}. ` : '';
  return {
    zh: `找不到表头。${lackZh}需要的列：${expected.zh}。${foundZh}。`,
    en: `No header row found. ${lackEn}Expected columns: ${expected.en}. ${foundEn}.`,
  };
}

/** Expected columns of a rainfall file. */
export function expectedRainfallColumns(): Bilingual {
  return {
    zh: '“日期”“站点”“雨量”三列（长表），或“日期”一列加每个站点一列、表头为站点名（宽表）',
    en: '"日期/date", "站点/station" and "雨量/mm" (long layout), or "日期/date" and one column per station headed by its name (wide layout)',
  };
}

/** Expected columns of a baseline file. */
export function expectedBaselineColumns(): Bilingual {
  return {
    zh: '“日期”和“雨量”两列，或与雨量导入相同的长表/宽表',
    en: '"日期/date" and "雨量/mm", or the same long/wide layouts as the rainfall import',
  };
}

/** A column a long-layout header lacks. */
export function columnName(role: 'station' | 'mm'): Bilingual {
  return role === 'station' ? { zh: '“站点”列', en: 'the "站点/station" column' } : { zh: '“雨量”列', en: 'the "雨量/mm" column' };
}

// ---- row problems (collected, never thrown) ----

/** A data row without a date. */
export function dateMissing(p: Place): ImportIssue {
  return issue(p, '缺少日期', 'the date is missing');
}

/** A date cell that is not a date. */
export function dateUnparseable(p: Place, text: string): ImportIssue {
  return issue(
    p,
    `无法识别日期“${shorten(text)}”（可写作 2026-07-03、2026/7/3 或 2026年7月3日）`,
    `cannot read the date "${shorten(text)}" (write it as 2026-07-03, 2026/7/3 or 2026年7月3日)`,
  );
}

/** A reading dated before the season started. */
export function dateBeforeSeason(p: Place, date: string, seasonStart: string): ImportIssue {
  return issue(p, `日期 ${date} 早于汛期开始日期 ${seasonStart}`, `the date ${date} is before the season start ${seasonStart}`);
}

/** A reading dated in the future. */
export function dateAfterToday(p: Place, date: string, today: string): ImportIssue {
  return issue(p, `日期 ${date} 晚于今天（${today}），不能导入未来的雨量`, `the date ${date} is after today (${today}); future rainfall cannot be imported`);
}

/** A baseline date outside last year's season. */
export function dateOutsideLastYear(p: Place, date: string, from: string, to: string): ImportIssue {
  return issue(
    p,
    `日期 ${date} 不在去年汛期内（应在 ${from} 至 ${to} 之间）`,
    `the date ${date} is not in last year's season (${from} to ${to})`,
  );
}

/** A long-layout row without a station. */
export function stationMissing(p: Place): ImportIssue {
  return issue(p, '缺少站点名', 'the station is missing');
}

/** A station not on the office's list. */
export function stationUnknown(p: Place, name: string): ImportIssue {
  return issue(
    p,
    `站点“${shorten(name)}”不在站点列表中（请检查站名，或先添加该站点）`,
    `the station "${shorten(name)}" is not in the station list (check the name, or add the station first)`,
  );
}

/** A long-layout row with no rainfall value. */
export function mmMissing(p: Place): ImportIssue {
  return issue(p, '缺少雨量', 'the rainfall value is missing');
}

/** A rainfall cell that is not a number. */
export function mmNotNumber(p: Place, text: string): ImportIssue {
  return issue(p, `雨量“${shorten(text)}”不是数字`, `the rainfall "${shorten(text)}" is not a number`);
}

/** A negative rainfall value. */
export function mmNegative(p: Place, mm: number): ImportIssue {
  return issue(p, `雨量 ${mm} mm 是负数`, `the rainfall ${mm} mm is negative`);
}

/** A rainfall value too large for one day. */
export function mmTooLarge(p: Place, mm: number): ImportIssue {
  return issue(
    p,
    `雨量 ${mm} mm 超过单日 ${MAX_POSSIBLE_MM} mm，超过世界纪录，不可能是真实读数（是否多输了一位或小数点？）`,
    `the rainfall ${mm} mm exceeds ${MAX_POSSIBLE_MM} mm, more than the world record for one day; it cannot be a real reading (an extra digit or a missing decimal point?)`,
  );
}

/** A CMA no-reading code (32766 缺测, 32744): the row holds no reading. */
export function cmaMissing(p: Place): ImportIssue {
  return issue(p, '气象站数据标为缺测（32766/32744），这一行没有雨量，已跳过', 'the station file marks this reading missing (32766/32744); the row has no rainfall and was skipped');
}

/** Over 500 mm in a day: possible (a record storm) but worth a second look before it is saved. */
export function mmImplausible(p: Place, mm: number): ImportIssue {
  return issue(
    p,
    `雨量 ${mm} mm 超过单日 ${MAX_DAILY_MM} mm，极为罕见：已读入，请核对原始记录后再确认导入（是否多输了一位或小数点？）`,
    `the rainfall ${mm} mm exceeds ${MAX_DAILY_MM} mm, which is very rare: it was read in; check the original record before confirming the import (an extra digit or a missing decimal point?)`,
  );
}

/** The same station and date twice. */
export function duplicateReading(p: Place, station: string, date: string, firstRow: number): ImportIssue {
  return issue(
    p,
    `站点“${shorten(station)}” ${date} 的雨量重复（第 ${firstRow} 行已有）`,
    `the station "${shorten(station)}" already has rainfall for ${date} (row ${firstRow})`,
  );
}

/** The same date on two rows of a wide or date + mm table. */
export function duplicateDate(p: Place, date: string, firstRow: number): ImportIssue {
  return issue(p, `日期 ${date} 重复（第 ${firstRow} 行已有）`, `the date ${date} already appears on row ${firstRow}`);
}

/** The same station heading two columns of a wide table. */
export function duplicateStationColumn(p: Place, name: string, firstLetter: string): ImportIssue {
  return issue(
    p,
    `站点“${shorten(name)}”的列重复（${firstLetter} 列已有），该列未导入`,
    `the station "${shorten(name)}" already has column ${firstLetter}; this column was not imported`,
  );
}

/** A line whose bytes are in a different encoding from the rest of the file. */
export function mixedEncoding(p: Place, lineEncoding: string, fileEncoding: string): ImportIssue {
  return issue(
    p,
    `文件混用了两种编码：这一行是 ${lineEncoding}，文件其余部分是 ${fileEncoding}，该行未导入。请在 Excel 中把整个文件另存为“CSV UTF-8”`,
    `the file mixes encodings: this line is ${lineEncoding} while the rest is ${fileEncoding}; the row was not imported. Save the whole file as "CSV UTF-8" in Excel`,
  );
}

// ---- warnings: rows skipped on purpose ----

/** A total or average row, skipped. */
export function totalRowSkipped(p: Place, label: string): ImportIssue {
  return issue(p, `“${shorten(label)}”行是合计/平均行，已跳过`, `"${shorten(label)}" is a total/average row and was skipped`);
}

/** A row with text but no data (a note or signature line), skipped. */
export function notDataRowSkipped(p: Place, text: string): ImportIssue {
  return issue(p, `“${shorten(text)}”不是数据行，已跳过`, `"${shorten(text)}" is not a data row and was skipped`);
}

/** A total or average column of a wide table, skipped. */
export function totalColumnSkipped(p: Place): ImportIssue {
  return issue(p, '合计/平均列不是站点，已忽略', 'a total/average column is not a station and was ignored');
}

/** A wide-table column with values but no station name, skipped. */
export function unnamedColumnSkipped(p: Place): ImportIssue {
  return issue(p, '该列有数据但没有站点名，已忽略', 'this column has values but no station name, and was ignored');
}
