import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Core } from '../../../electron/core/app';
import { tempCore } from '../../helpers/tempDir';
import { ok } from '../deployments/helpers';

export { fails, NOW, ok } from '../deployments/helpers';

export const STATIONS = ['三合堡站', '兴隆站', '永安站'];

/** A core (today 2026-07-20, season from 2026-06-01) with three stations; returns their ids by name. */
export async function rainCore(): Promise<{ core: Core; ids: Record<string, string> }> {
  const { NOW } = await import('../deployments/helpers');
  const core = await tempCore({ now: NOW });
  const ids: Record<string, string> = {};
  for (const name of STATIONS) ids[name] = (await ok(core, 'rainfall.saveStation', { name })).id;
  return { core, ids };
}

/** What Excel on a Chinese Windows PC writes for "CSV (逗号分隔)": GBK, CRLF, no BOM. */
export function gbkCsv(lines: string[]): string {
  return iconv.encode(lines.map((l) => `${l}\r\n`).join(''), 'gbk').toString('base64');
}

/** An .xlsx workbook with a title row above the table, built with exceljs. */
export async function xlsx(rows: (string | number | Date | null)[][], title = '2026年汛期雨量'): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('雨量');
  sheet.addRow([title]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

/** Live readings and rainfall history rows in the database. */
export function rainCounts(core: Core): { readings: number; baseline: number; changes: number } {
  const one = (sql: string) => (core.db.prepare(sql).get() as { n: number }).n;
  return {
    readings: one('SELECT COUNT(*) AS n FROM rain_reading WHERE deleted_at IS NULL'),
    baseline: one('SELECT COUNT(*) AS n FROM rain_baseline WHERE deleted_at IS NULL'),
    changes: one("SELECT COUNT(*) AS n FROM change_feed WHERE (table_name IN ('rain_reading', 'rain_baseline') OR (table_name = 'setting' AND row_id = 'rainfall.options')) AND action <> 'snapshot'"),
  };
}
