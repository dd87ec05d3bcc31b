/**
 * Refusing documents nested deeper than anything real before a parser recurses into them: the
 * DOM parser, togeojson and JSON.stringify walk recursively, and a KML of 10⁴ nested folders (or
 * JSON of 10⁵ nested arrays) would end in "Maximum call stack size exceeded" instead of a message.
 * One linear scan, no allocation beyond a counter; XML entity declarations (billion laughs) are
 * refused too, since KML never needs a DTD.
 */
import { importInvalid } from './errors';

/** Deeper than any KML or GeoJSON a GIS writes (QGIS/ArcGIS/Ovital stay under 20). */
export const MAX_NESTING = 200;

function tooDeep(fileName: string, what: 'xml' | 'json', line: number): Error {
  return importInvalid(
    fileName,
    'too_deep',
    what === 'xml'
      ? { zh: `KML 的文件夹或元素嵌套超过 ${MAX_NESTING} 层(第 ${line} 行),不是正常的地图文件,未导入`, en: `the KML nests folders or elements more than ${MAX_NESTING} levels deep (line ${line}); this is not a normal map file and was not imported` }
      : { zh: `JSON 嵌套超过 ${MAX_NESTING} 层(第 ${line} 行),不是正常的 GeoJSON,未导入`, en: `the JSON nests more than ${MAX_NESTING} levels deep (line ${line}); this is not a normal GeoJSON and was not imported` },
    { line, maxNesting: MAX_NESTING },
  );
}

/** Throws import_invalid when XML elements nest deeper than MAX_NESTING or the document declares entities. */
export function checkXmlDepth(fileName: string, text: string): void {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (c !== 60 /* < */) continue;
    const next = text[i + 1];
    if (next === '!') {
      if (text.startsWith('<!--', i)) i = skipTo(text, i, '-->');
      else if (text.startsWith('<![CDATA[', i)) i = skipTo(text, i, ']]>');
      else {
        const end = skipTo(text, i, '>');
        if (/^<!DOCTYPE/i.test(text.slice(i, i + 9)) && /<!ENTITY/i.test(text.slice(i, Math.min(text.length, i + 100_000)))) {
          throw importInvalid(fileName, 'bad_xml', { zh: 'XML 里声明了实体(<!ENTITY>),KML 不需要这种写法,为安全起见未导入', en: 'the XML declares entities (<!ENTITY>), which KML never needs; refused for safety' });
        }
        i = end;
      }
      continue;
    }
    if (next === '?') {
      i = skipTo(text, i, '?>');
      continue;
    }
    if (next === '/') {
      depth--;
      continue;
    }
    const end = text.indexOf('>', i);
    if (end < 0) return; // cut short: the parser names it
    if (text.charCodeAt(end - 1) !== 47 /* / */) {
      depth++;
      if (depth > MAX_NESTING) throw tooDeep(fileName, 'xml', line);
    }
  }
}

function skipTo(text: string, from: number, end: string): number {
  const at = text.indexOf(end, from);
  return at < 0 ? text.length : at + end.length - 1;
}

/** Throws import_invalid when JSON arrays/objects nest deeper than MAX_NESTING (strings skipped). */
export function checkJsonDepth(fileName: string, text: string): void {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) throw tooDeep(fileName, 'json', line);
    } else if (c === 93 || c === 125) depth--;
  }
}
