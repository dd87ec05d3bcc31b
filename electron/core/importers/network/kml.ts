/**
 * Reading KML: placemarks nested in folders, with the folder path kept, since in files shared by
 * field teams the folder often says what a point is ("涵管", "堵点", "三家子村").
 */
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { kmlWithFolders, type Folder, type Root } from '@tmcw/togeojson';
import type { Feature, Geometry } from 'geojson';
import type { Bilingual } from '../../../../shared/contract/errors';
import { importInvalid } from './errors';
import { normalizeFeatures, type RawFeature } from './normalize';
import { kmlCrs } from './ovital';
import type { ReadResult } from './preview';
import { decodeText } from './text';
import type { Warnings } from './warnings';

/** A comment our KML export writes near the top, so re-import knows the file. */
export const DRAINDESK_KML_MARK = 'DrainDesk 排涝调度台';

/** Style and display properties togeojson adds; they are not data and would clutter the field list. */
const STYLE_KEYS = new Set([
  'styleUrl', 'styleHash', 'styleMapHash', 'stroke', 'stroke-opacity', 'stroke-width', 'fill', 'fill-opacity',
  'icon', 'icon-scale', 'icon-color', 'icon-opacity', 'icon-heading', 'icon-offset', 'icon-offset-units',
  'label-scale', 'label-color', 'label-opacity', 'visibility', 'open', 'coordinateProperties', '@geometry-type',
]);

function declaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1] ?? null;
}

function placemarkLabel(i: number, name: string | null): Bilingual {
  const shown = name && name.trim() ? name.trim() : null;
  return { zh: `第 ${i} 个地标${shown ? `“${shown}”` : ''}`, en: `placemark ${i}${shown ? ` "${shown}"` : ''}` };
}

function childText(el: XmlElement, tag: string): string | null {
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as XmlElement).localName === tag) return n.textContent;
  }
  return null;
}

/**
 * togeojson silently drops coordinate tuples it cannot read; we refuse the file instead, naming
 * the placemark and line, because a ditch missing a vertex is worse than no import.
 */
function checkCoordinates(fileName: string, placemarks: XmlElement[]): void {
  placemarks.forEach((pm, i) => {
    const coords = pm.getElementsByTagName('coordinates');
    for (let c = 0; c < coords.length; c++) {
      const el = coords.item(c) as XmlElement;
      const text = (el.textContent ?? '').trim();
      const tuples = text === '' ? [] : text.split(/\s+/);
      const bad = tuples.find((t) => {
        const parts = t.split(',');
        return parts.length < 2 || parts.some((p) => p === '' || !Number.isFinite(Number(p)));
      });
      if (tuples.length === 0 || bad !== undefined) {
        const label = placemarkLabel(i + 1, childText(pm, 'name'));
        const line = (el as unknown as { lineNumber?: number }).lineNumber;
        const at = line ? { zh: `(第 ${line} 行)`, en: ` (line ${line})` } : { zh: '', en: '' };
        throw importInvalid(
          fileName,
          'bad_coordinates',
          bad === undefined
            ? { zh: `${label.zh}的坐标是空的${at.zh}`, en: `${label.en} has empty coordinates${at.en}` }
            : { zh: `${label.zh}的坐标“${bad}”不是“经度,纬度”数字${at.zh}`, en: `${label.en} has coordinates "${bad}", which are not "lon,lat" numbers${at.en}` },
          { feature: i + 1, line },
        );
      }
    }
  });
}

function parseXml(fileName: string, text: string) {
  try {
    return new DOMParser({ onError: () => undefined }).parseFromString(text, 'text/xml');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = (error as { locator?: { lineNumber?: number } }).locator?.lineNumber;
    const at = line ? { zh: `第 ${line} 行附近`, en: ` near line ${line}` } : { zh: '', en: '' };
    const truncated = /unclosed|end of|missing root/i.test(message);
    throw importInvalid(
      fileName,
      'bad_xml',
      truncated
        ? { zh: `XML 不完整,文件可能被截断或没传完(${at.zh || '文件末尾'}:${message})`, en: `the XML is incomplete; the file may be truncated${at.en}: ${message}` }
        : { zh: `XML 格式错误(${at.zh || '文件中'}:${message})`, en: `the XML is malformed${at.en}: ${message}` },
      { line, cause: message },
    );
  }
}

/** Walks togeojson's folder tree, depth first, which is document order. */
function collect(node: Root | Folder, path: string[], out: { feature: Feature<Geometry | null>; path: string[] }[]): void {
  for (const child of node.children) {
    if (child.type === 'folder') {
      const name = typeof child.meta.name === 'string' ? child.meta.name.trim() : '';
      collect(child, name ? [...path, name] : path, out);
    } else out.push({ feature: child, path });
  }
}

/** Parses KML bytes; `hintName` is what Ovital detection looks at (the KMZ's name for a KMZ). */
export function readKml(fileName: string, bytes: Uint8Array, warnings: Warnings, hintName = fileName): ReadResult {
  const { text, encoding } = decodeText(bytes, fileName, declaredEncoding(bytes));
  const doc = parseXml(fileName, text);
  const root = doc.documentElement;
  if (!root || root.localName !== 'kml') {
    throw importInvalid(fileName, 'not_kml', { zh: `这是 XML,但不是 KML(根元素是 <${root?.nodeName ?? '?'}>)`, en: `this is XML but not KML (the root element is <${root?.nodeName ?? '?'}>)` }, { root: root?.nodeName });
  }
  const placemarks = Array.from(doc.getElementsByTagName('Placemark'));
  checkCoordinates(fileName, placemarks);
  const found: { feature: Feature<Geometry | null>; path: string[] }[] = [];
  collect(kmlWithFolders(doc), [], found);
  const raw: RawFeature[] = [];
  let placemarkNo = 0;
  for (const { feature, path } of found) {
    const props = (feature.properties ?? {}) as Record<string, unknown>;
    if (props['@geometry-type'] === 'groundoverlay' || props['@geometry-type'] === 'networklink') {
      warnings.add('overlay_skipped', (n) => ({ zh: `${n} 个图片叠加层或网络链接已跳过`, en: `${n} ground overlay(s) or network link(s) skipped` }));
      continue;
    }
    placemarkNo++;
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) if (!STYLE_KEYS.has(k)) properties[k] = v;
    const name = typeof props.name === 'string' ? props.name : null;
    raw.push({ geometry: feature.geometry, properties, id: feature.id, where: placemarkLabel(placemarkNo, name), folderPath: path, sourceLayer: path[0] ?? null });
  }
  const features = normalizeFeatures(raw, fileName, warnings);
  const head = text.slice(0, 4096);
  const guess = kmlCrs(hintName, head, head.includes(DRAINDESK_KML_MARK));
  return { format: 'kml', encoding, detectedCrs: guess.crs, crsReason: guess.reason, features };
}
