import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseRainfallFile } from '../../../../electron/core/importers/rainfall';
import { OPTIONS, fixture, rejection } from './helpers';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text));

describe('rainfall whole-file problems', () => {
  it('throws for unrecognised columns, saying what was expected and what was found', async () => {
    const error = await rejection(parseRainfallFile('错列.csv', fixture('wrong-columns.csv'), OPTIONS));
    expect(error.code).toBe('import_invalid');
    expect(error.messageZh).toContain('找不到表头');
    expect(error.messageZh).toContain('“日期”“站点”“雨量”');
    expect(error.messageZh).toContain('序号、村名称、数值');
    expect(error.messageEn).toContain('序号, 村名称, 数值');
  });

  it('names the missing column when the header is nearly right', async () => {
    const error = await rejection(parseRainfallFile('a.csv', utf8('日期,雨量\n2026-07-01,3\n'), OPTIONS));
    expect(error.messageZh).toContain('缺少“站点”列');
  });

  it('does not look for the header below the fifth row', async () => {
    const text = `${'说明\n'.repeat(5)}日期,站点,雨量\n2026-07-01,东风村,1\n`;
    const error = await rejection(parseRainfallFile('a.csv', utf8(text), OPTIONS));
    expect(error.messageZh).toContain('找不到表头');
  });

  it('throws for an empty file, a blank one and a header with no rows', async () => {
    expect((await rejection(parseRainfallFile('a.csv', new Uint8Array(), OPTIONS))).messageZh).toContain('文件是空的');
    expect((await rejection(parseRainfallFile('a.csv', utf8('\ufeff\r\n,,\r\n'), OPTIONS))).messageZh).toContain('文件是空的');
    expect((await rejection(parseRainfallFile('a.csv', utf8('日期,站点,雨量\r\n'), OPTIONS))).messageZh).toContain('没有数据行');
  });

  it('throws for a file over 20 MB before reading it', async () => {
    const error = await rejection(parseRainfallFile('a.csv', new Uint8Array(MAX_FILE_BYTES + 1), OPTIONS));
    expect(error.code).toBe('import_invalid');
    expect(error.messageZh).toContain('不能超过 20 MB');
  });

  it('decides by content: an .xlsx name on CSV text, an old .xls, UTF-16 text and an image are refused', async () => {
    const csvText = utf8('日期,站点,雨量\n2026-07-01,东风村,1\n');
    expect((await rejection(parseRainfallFile('雨量.xlsx', csvText, OPTIONS))).messageZh).toContain('内容不是 .xlsx 文件');
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await rejection(parseRainfallFile('雨量.csv', ole, OPTIONS))).messageZh).toContain('旧版 Excel（.xls）');
    const utf16 = new Uint8Array(iconv.encode('日期\t站点\t雨量\r\n', 'utf16-le', { addBOM: true }));
    expect((await rejection(parseRainfallFile('雨量.txt', utf16, OPTIONS))).messageZh).toContain('UTF-16');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await rejection(parseRainfallFile('雨量.csv', png, OPTIONS))).messageZh).toContain('不是 CSV 或 Excel');
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
    expect((await rejection(parseRainfallFile('雨量.csv', brokenZip, OPTIONS))).messageZh).toContain('不是可读取的 Excel 工作簿');
  });

  it('reports lines in a second encoding by row and still imports the rest', async () => {
    const result = await parseRainfallFile('混合.csv', fixture('mixed-encoding.csv'), OPTIONS);
    expect(result.encoding).toBe('utf-8');
    expect(result.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(result.errors.map((e) => e.row)).toEqual([4, 5]);
    expect(result.errors[0]?.zh).toContain('第 4 行');
    expect(result.errors[0]?.zh).toContain('混用了两种编码');
    expect(result.errors[0]?.zh).toContain('GBK');
  });

  it('rejects options that are not real dates as a programming error', async () => {
    const error = await rejection(parseRainfallFile('a.csv', utf8('日期,站点,雨量\n'), { ...OPTIONS, today: '2026-7-20' }));
    expect(error.code).toBe('invalid_input');
  });
});
