import ExcelJS from 'exceljs';
import type { CountyReport } from '../../shared/contract/county';
import { ROLLUP_TITLE, rollupCells } from '../../shared/domain/countyRollup';

/** The roll-up as a workbook: title, date, the table with numbers as numbers, the county total in bold. */
export async function rollupXlsx(report: CountyReport): Promise<Buffer> {
  const { head, rows, total } = rollupCells(report);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DrainDesk county server';
  const ws = wb.addWorksheet('汇总', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow([ROLLUP_TITLE]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, head.length);
  ws.addRow([`日期：${report.date}`]);
  const h = ws.addRow(head);
  h.font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.addRow(total).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 14 : 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
