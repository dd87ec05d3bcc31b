/**
 * Descriptions as Google Earth, ArcGIS and QGIS write them: HTML tables and paragraphs, often
 * CDATA, sometimes thousands of characters. We keep the words, not the markup: block ends become
 * line breaks, cells are separated by a space, entities are decoded.
 */

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', middot: '·', mdash: '—', hellip: '…' };

/** True when the text contains HTML markup (a tag or an entity). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][\w-]*(\s[^<>]*)?\/?>/i.test(text) || /&(#\d+|#x[\da-f]+|[a-z]+);/i.test(text);
}

/** Plain text of an HTML fragment; text without markup comes back as it was (trimmed). */
export function htmlToText(html: string): string {
  if (!looksLikeHtml(html)) return html.trim();
  const text = html
    .replace(/<!\[CDATA\[|\]\]>/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|tr|li|h[1-6]|table|ul|ol)\s*>/gi, '\n')
    .replace(/<\/(td|th)\s*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === '#') {
        const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    });
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n')
    .trim();
}

/** The first `max` characters at a word or line boundary where one is near, with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const boundary = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('。'), cut.lastIndexOf(' '));
  return `${boundary > max * 0.8 ? cut.slice(0, boundary) : cut}…`;
}
