import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseRainfallFile } from '../../../../electron/core/importers/rainfall';
import { MAX_XLSX_UNPACKED_BYTES } from '../../../../electron/core/importers/rainfall/xlsxGuard';
import { OPTIONS, rejection } from './helpers';

async function book(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('雨量'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('spreadsheet bombs', () => {
  it('reads a sheet with one stray cell at the far corner without allocating the grid', async () => {
    const bytes = await book((s) => {
      s.addRow(['日期', '站点', '雨量']);
      s.addRow(['2026-07-01', '东风村', 12.5]);
      s.getCell('XFD1048576').value = 'x';
    });
    expect(bytes.length).toBeLessThan(10_000);
    const before = process.memoryUsage().heapUsed;
    const r = await parseRainfallFile('corner.xlsx', bytes, OPTIONS);
    expect(r.rows).toEqual([{ row: 2, date: '2026-07-01', station: '东风村', mm: 12.5 }]);
    // The old reader walked 1,048,576 × 16,384 cells; reading what exists costs a few MB at most.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses a workbook that unpacks past the limit before exceljs opens it', async () => {
    const real = unzipSync(await book((s) => s.addRow(['日期', '站点', '雨量'])));
    real['xl/media/padding.bin'] = strToU8('PADDING!');
    const zip = zipSync(real, { level: 0 });
    // Declare 8 GB-ish unpacked in the local and central headers, as a crafted bomb does.
    const view = new DataView(zip.buffer);
    const name = strToU8('xl/media/padding.bin');
    for (let i = 0; i + 46 < zip.length; i++) {
      const sig = view.getUint32(i, true);
      const at = sig === 0x04034b50 ? 30 : sig === 0x02014b50 ? 46 : -1;
      if (at < 0 || !name.every((b, j) => zip[i + at + j] === b)) continue;
      view.setUint32(i + (sig === 0x04034b50 ? 22 : 24), MAX_XLSX_UNPACKED_BYTES + 1024, true);
    }
    const e = await rejection(parseRainfallFile('bomb.xlsx', zip, OPTIONS));
    expect(e.code).toBe('import_invalid');
    expect(e.messageZh).toContain('解压后有');
  });

  it('refuses a sheet with more cells than any rainfall table', async () => {
    const real = unzipSync(await book((s) => s.addRow(['日期', '站点', '雨量'])));
    const cells = '<c/>'.repeat(1_000_001);
    real['xl/worksheets/sheet1.xml'] = strToU8(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`);
    const e = await rejection(parseRainfallFile('cells.xlsx', zipSync(real, { level: 1 }), OPTIONS));
    expect(e.messageEn).toContain('cells');
  });
});
