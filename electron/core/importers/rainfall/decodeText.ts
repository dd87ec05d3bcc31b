import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { TextEncodingName } from './types';

/** CSV text with the encoding it was in, and the lines (1-based) that were in the other one. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  oddLines: Map<number, TextEncodingName>;
}

type LineClass = 'ascii' | 'utf8' | 'other';

const utf8 = new TextDecoder('utf-8');

/**
 * Decode CSV bytes: UTF-8 (BOM or not) when the whole file is valid UTF-8, otherwise GB18030
 * (a superset of the GBK that Excel on Chinese Windows writes). A file whose lines disagree,
 * as when rows typed in another editor were appended, is decoded line by line and the lines in
 * the minority encoding are returned so each can be reported.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return { text: utf8.decode(body), encoding: 'utf-8', oddLines: new Map() };

  const lines = splitLines(body);
  const classes = lines.map(classify);
  const firstNonAscii = classes.find((c) => c !== 'ascii');
  // The encoding of whoever wrote the top of the file (usually the header) is the file's own.
  const encoding: TextEncodingName = hasBom || firstNonAscii === 'utf8' ? 'utf-8' : 'gbk';
  const oddLines = new Map<number, TextEncodingName>();
  const parts = lines.map((line, i) => {
    const cls = classes[i];
    if (cls === 'utf8' && encoding === 'gbk') oddLines.set(i + 1, 'utf-8');
    if (cls === 'other' && encoding === 'utf-8') oddLines.set(i + 1, 'gbk');
    return cls === 'other' ? iconv.decode(Buffer.from(line), 'gb18030') : utf8.decode(line);
  });
  return { text: parts.join('\n'), encoding, oddLines };
}

// 0x0A never occurs inside a GBK/GB18030 or UTF-8 multibyte character, so splitting bytes is safe.
function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  lines.push(bytes.subarray(start));
  return lines;
}

function classify(line: Uint8Array): LineClass {
  if (line.every((b) => b < 0x80)) return 'ascii';
  if (!isUtf8(line)) return 'other';
  // GBK bytes are sometimes valid UTF-8 by chance, but then decode to Latin, Cyrillic or other
  // scripts nobody types in a Chinese rainfall table; only CJK-looking text counts as UTF-8.
  return [...utf8.decode(line)].every(plausibleChar) ? 'utf8' : 'other';
}

const PLAUSIBLE: [number, number][] = [
  [0x00b0, 0x00b0], // °
  [0x00b7, 0x00b7], // ·
  [0x00d7, 0x00d7], // ×
  [0x2010, 0x203b], // dashes, quotes, ellipsis, ‰
  [0x2100, 0x218f], // ℃, Roman numerals
  [0x2460, 0x24ff], // ①
  [0x3000, 0x303f], // CJK punctuation
  [0x3300, 0x33ff], // ㎜ ㎡
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xfeff, 0xfeff], // BOM
  [0xff00, 0xffef], // full-width forms
];

function plausibleChar(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x80 || PLAUSIBLE.some(([lo, hi]) => code >= lo && code <= hi);
}
