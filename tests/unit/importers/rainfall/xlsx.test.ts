import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRainfallFile } from '../../../../electron/core/importers/rainfall';
import { rainfallWorkbook } from '../../../fixtures/rainfall/build';
import { OPTIONS, rejection } from './helpers';

let dir: string;
let workbookPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'draindesk-rainfall-'));
  workbookPath = join(dir, '2026年汛期雨量.xlsx');
  writeFileSync(workbookPath, await rainfallWorkbook());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

async function workbookBytes(fill: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('rainfall xlsx', () => {
  it('reads the first sheet with a table, below a merged title, with dates of every kind', async () => {
    const result = await parseRainfallFile('2026年汛期雨量.xlsx', bytesOf(workbookPath), OPTIONS);
    expect(result.format).toBe('xlsx');
    expect(result.sheet).toBe('7月雨量');
    expect(result.rows).toEqual([
      { row: 3, date: '2026-07-01', station: '东风村', mm: 12.5 },
      { row: 4, date: '2026-07-02', station: '红旗村', mm: 8 },
      { row: 5, date: '2026-07-03', station: '永安村', mm: 20.5 },
      { row: 6, date: '2026-07-03', station: '东风村', mm: 7.5 },
      { row: 7, date: '2026-07-04', station: '红旗村', mm: 0 },
    ]);
    expect(result.errors).toEqual([expect.objectContaining({ row: 8, column: '雨量（毫米）' })]);
    expect(result.errors[0]?.zh).toContain('第 8 行 C 列');
    expect(result.errors[0]?.zh).toContain('负数');
    expect(result.warnings).toEqual([expect.objectContaining({ row: 10, zh: expect.stringContaining('合计') })]);
  });

  it('uses the sheet row numbers the user sees, blank rows included', async () => {
    const bytes = await workbookBytes((book) => {
      const sheet = book.addWorksheet('雨量');
      sheet.getRow(3).values = ['日期', '站点', '雨量'];
      sheet.getRow(7).values = ['2026-07-01', '东风村', 'abc'];
    });
    const result = await parseRainfallFile('a.xlsx', bytes, OPTIONS);
    expect(result.errors.map((e) => e.row)).toEqual([7]);
    expect(result.errors[0]?.zh).toContain('第 7 行');
  });

  it('reads a date merged down a block of station rows for every row of the block', async () => {
    const bytes = await workbookBytes((book) => {
      const sheet = book.addWorksheet('雨量');
      sheet.addRow(['日期', '站点', '雨量']);
      sheet.addRow(['2026-07-01', '东风村', 1]);
      sheet.addRow([null, '红旗村', 2]);
      sheet.mergeCells('A2:A3');
    });
    const result = await parseRainfallFile('a.xlsx', bytes, OPTIONS);
    expect(result.rows.map((r) => [r.row, r.date, r.station])).toEqual([
      [2, '2026-07-01', '东风村'],
      [3, '2026-07-01', '红旗村'],
    ]);
  });

  it('throws for a workbook whose sheets are all empty', async () => {
    const bytes = await workbookBytes((book) => void book.addWorksheet('Sheet1'));
    const error = await rejection(parseRainfallFile('a.xlsx', bytes, OPTIONS));
    expect(error.code).toBe('import_invalid');
    expect(error.messageZh).toContain('文件是空的');
  });
});
