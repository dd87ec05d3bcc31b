/**
 * Reading one longitude or latitude written by people: decimal degrees ("124.2083", "E124.2083",
 * "东经124.2083") or degrees-minutes-seconds ("124°12'30.5\"", "124度12分30.5秒", "124°12.5'").
 */

const HEMISPHERE = /^(?:[NSEWnsew]|东经|西经|北纬|南纬)|(?:[NSEWnsew]|东经|西经|北纬|南纬)$/g;

/** Degrees as a number, or NaN when the text is not a coordinate. */
export function parseCoordinateText(raw: string): number {
  let text = raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim();
  if (text === '') return NaN;
  const negative = /^[-]|^[SWsw]|[SWsw]$|^西经|^南纬/.test(text);
  text = text.replace(HEMISPHERE, '').replace(/^[-+]/, '').trim();
  if (/^\d+(\.\d+)?$/.test(text)) return (negative ? -1 : 1) * Number(text);
  const m = /^(\d+(?:\.\d+)?)\s*[°度:]\s*(?:(\d+(?:\.\d+)?)\s*['′’分:]?\s*(?:(\d+(?:\.\d+)?)\s*(?:["″”]|''|′′|秒)?)?)?$/.exec(text);
  if (!m) return NaN;
  const [d, mi = '0', s = '0'] = m.slice(1).map((v) => v ?? '0') as [string, string, string];
  if (Number(mi) >= 60 || Number(s) >= 60) return NaN;
  return (negative ? -1 : 1) * (Number(d) + Number(mi) / 60 + Number(s) / 3600);
}
