import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../electron/core/importers/rainfall/decodeText';

// Every GB2312 level-1 character: the ones real station and village names are made of.
function commonChars(): string[] {
  const chars: string[] = [];
  for (let lead = 0xb0; lead <= 0xd7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) chars.push(iconv.decode(Buffer.from([lead, trail]), 'gbk'));
  }
  return chars;
}

describe('CSV encoding detection', () => {
  it('never mistakes a GBK line for UTF-8, although some GBK bytes are valid UTF-8 by chance', () => {
    const chars = commonChars();
    const lines = ['日期,站点,雨量'];
    // Pairs of neighbouring characters cover the byte patterns that happen to form UTF-8.
    for (let i = 0; i + 1 < chars.length; i++) lines.push(`2026-07-01,${chars[i]}${chars[i + 1]}村,1`);
    const decoded = decodeText(new Uint8Array(iconv.encode(lines.join('\r\n'), 'gbk')));
    expect(decoded.encoding).toBe('gbk');
    expect(decoded.oddLines.size).toBe(0);
    expect(decoded.text.split('\r\n')).toEqual(lines);
  });

  it('finds UTF-8 lines appended to a GBK file', () => {
    const bytes = Buffer.concat([iconv.encode('日期,站点,雨量\r\n2026-07-01,东风村,1\r\n', 'gbk'), Buffer.from('2026-07-02,红旗村,2\r\n')]);
    const decoded = decodeText(new Uint8Array(bytes));
    expect(decoded.encoding).toBe('gbk');
    expect([...decoded.oddLines]).toEqual([[3, 'utf-8']]);
    expect(decoded.text).toContain('红旗村');
  });
});
