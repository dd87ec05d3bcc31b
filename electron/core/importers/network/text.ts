/**
 * Turning file bytes into text. Files from Chinese Windows tools are often GBK with no label, so:
 * a BOM wins, then a declared encoding (XML declaration, .cpg), then strict UTF-8, then GB18030
 * (a superset of GBK/GB2312). Bytes that are neither fail with a clear message.
 */
import iconv from 'iconv-lite';
import { importInvalid } from './errors';
import type { Warnings } from './warnings';

/** Text plus the encoding that read it. */
export interface DecodedText {
  text: string;
  encoding: string;
}

// Code-page numbers and aliases that .cpg files and old tools write.
const ALIASES: Record<string, string> = {
  '936': 'gbk',
  cp936: 'gbk',
  ansi936: 'gbk',
  gb2312: 'gbk',
  '54936': 'gb18030',
  '65001': 'utf-8',
  utf8: 'utf-8',
  '950': 'big5',
  cp950: 'big5',
  '1252': 'windows-1252',
  ansi1252: 'windows-1252',
  '88591': 'iso-8859-1',
  '437': 'cp437',
};

/** Canonical encoding name for a label, or null when iconv-lite does not know it. */
export function normalizeEncoding(label: string): string | null {
  const key = label.trim().toLowerCase().replace(/[\s_-]/g, '');
  if (key === '') return null;
  const name = ALIASES[key] ?? label.trim().toLowerCase();
  return iconv.encodingExists(name) ? name : null;
}

/** True when the bytes are well-formed UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The encoding a byte-order mark announces, and its length. */
function bom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Decodes with a known-good encoding name (no BOM handling). */
export function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(bytes, encoding);
}

/**
 * Decodes a text file. `declared` is what the file says its encoding is (null if it says nothing);
 * an unknown declared encoding, or bytes that are neither UTF-8 nor GBK, throw import_invalid.
 */
export function decodeText(bytes: Uint8Array, fileName: string, declared: string | null = null, warnings?: Warnings): DecodedText {
  const mark = bom(bytes);
  if (mark) return { text: decodeWith(bytes.subarray(mark.length), mark.encoding), encoding: mark.encoding };
  if (declared !== null && declared.trim() !== '') {
    const encoding = normalizeEncoding(declared);
    // Tools that write the XML declaration by template often say UTF-8 over GBK text.
    if (encoding === 'utf-8' && !isValidUtf8(bytes)) {
      const gbk = decodeWith(bytes, 'gb18030');
      if (!gbk.includes('\uFFFD')) {
        warnings?.note('declared_utf8_is_gbk', {
          zh: '文件声明是 UTF-8,但内容不是有效的 UTF-8,已按 GBK 读取;请检查名称是否正确',
          en: 'the file says UTF-8 but its bytes are not valid UTF-8; read as GBK — check that the names look right',
        });
        return { text: gbk, encoding: 'gbk' };
      }
    }
    if (!encoding) {
      throw importInvalid(
        fileName,
        'unknown_encoding',
        { zh: `文件声明的字符编码“${declared}”无法识别,请另存为 UTF-8 或 GBK`, en: `the declared text encoding "${declared}" is not known; save it as UTF-8 or GBK` },
        { encoding: declared },
      );
    }
    return { text: decodeWith(bytes, encoding), encoding };
  }
  if (isValidUtf8(bytes)) return { text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8' };
  const text = decodeWith(bytes, 'gb18030');
  if (text.includes('\uFFFD')) {
    throw importInvalid(fileName, 'unknown_encoding', {
      zh: '文字编码无法识别:既不是 UTF-8 也不是 GBK。请在 Excel 或记事本中另存为“UTF-8”后再导入',
      en: 'unknown text encoding: it is neither UTF-8 nor GBK. Save it as UTF-8 (e.g. from Excel or Notepad) and import again',
    });
  }
  return { text, encoding: 'gbk' };
}

/** Strips a leading BOM and whitespace, for sniffing what a text file starts with. */
export function leadingText(bytes: Uint8Array, length = 512): string {
  const mark = bom(bytes);
  const head = bytes.subarray(mark?.length ?? 0, (mark?.length ?? 0) + length);
  const text = mark && mark.encoding !== 'utf-8' ? decodeWith(head, mark.encoding) : new TextDecoder('latin1').decode(head);
  let start = 0;
  while (start < text.length && (text.charCodeAt(start) === 0 || /\s/.test(text[start] as string))) start++;
  return text.slice(start);
}
