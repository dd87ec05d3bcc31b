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
import { kmlCrs, type CrsGuess } from './ovital';
import { checkXmlDepth } from './depthGuard';
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

/** The element a geometry is, for an empty <coordinates>: <Point>/<LineString>, or the <Polygon> of a ring. */
function geometryElement(coords: XmlElement): XmlElement | null {
  let el = coords.parentNode as XmlElement | null;
  if (el && el.localName === 'LinearRing') {
    while (el && el.localName !== 'Polygon') el = el.parentNode as XmlElement | null;
  }
  return el;
}

/**
 * togeojson silently drops coordinate tuples it cannot read; we refuse the file instead, naming
 * the placemark and line, because a ditch missing a vertex is worse than no import. Empty
 * coordinates (a placemark saved before it was drawn) are taken out with a note naming them.
 */
function checkCoordinates(fileName: string, placemarks: XmlElement[], warnings: Warnings): void {
  const emptied: Bilingual[] = [];
  placemarks.forEach((pm, i) => {
    const coords = Array.from(pm.getElementsByTagName('coordinates'));
    let empty = 0;
    for (const el of coords) {
      const text = (el.textContent ?? '').trim();
      const tuples = text === '' ? [] : text.split(/\s+/);
      const bad = tuples.find((t) => {
        const parts = t.split(',');
        return parts.length < 2 || parts.some((p) => p === '' || !Number.isFinite(Number(p)));
      });
      if (bad !== undefined) {
        const label = placemarkLabel(i + 1, childText(pm, 'name'));
        const line = (el as unknown as { lineNumber?: number }).lineNumber;
        const at = line ? { zh: `(第 ${line} 行)`, en: ` (line ${line})` } : { zh: '', en: '' };
        throw importInvalid(
          fileName,
          'bad_coordinates',
          { zh: `${label.zh}的坐标“${bad}”不是“经度,纬度”数字${at.zh}`, en: `${label.en} has coordinates "${bad}", which are not "lon,lat" numbers${at.en}` },
          { feature: i + 1, line },
        );
      }
      if (tuples.length === 0) {
        empty++;
        const geometry = geometryElement(el);
        geometry?.parentNode?.removeChild(geometry);
      }
    }
    const hasGeometry = ['Point', 'LineString', 'Polygon', 'LinearRing', 'MultiGeometry', 'Track', 'gx:Track'].some((t) => pm.getElementsByTagName(t).length > 0);
    if (empty > 0 || (coords.length === 0 && !hasGeometry)) {
      const label = placemarkLabel(i + 1, childText(pm, 'name'));
      emptied.push(label);
    }
  });
  if (emptied.length > 0) {
    const more = emptied.length > 5 ? '…' : '';
    warnings.note('placemark_no_coordinates', {
      zh: `${emptied.length} 个地标没有坐标(或部分几何为空),空的部分已跳过:${emptied.slice(0, 5).map((l) => l.zh).join('、')}${more}`,
      en: `${emptied.length} placemark(s) have no coordinates (or an empty part), which was skipped: ${emptied.slice(0, 5).map((l) => l.en).join(', ')}${more}`,
    });
  }
}

/** Where the document's NetworkLinks point (Link/href or the old Url/href). */
function networkLinks(doc: { getElementsByTagName(name: string): ArrayLike<XmlElement> }): string[] {
  return Array.from(doc.getElementsByTagName('NetworkLink')).map((link) => {
    const href = (link as XmlElement).getElementsByTagName('href').item(0);
    return (href?.textContent ?? '').trim();
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

/** What one KML document gives before the shared finishing. */
export interface KmlRaw {
  raw: RawFeature[];
  encoding: string;
  crs: CrsGuess;
  /** hrefs of the document's NetworkLinks (other files in a KMZ, or online data). */
  links: string[];
}

/** Reads one KML document's placemarks (not yet normalized); `hintName` is what Ovital detection looks at. */
export function readKmlRaw(fileName: string, bytes: Uint8Array, warnings: Warnings, hintName = fileName): KmlRaw {
  const { text, encoding } = decodeText(bytes, fileName, declaredEncoding(bytes), warnings);
  checkXmlDepth(fileName, text);
  const doc = parseXml(fileName, text);
  const root = doc.documentElement;
  if (!root || root.localName !== 'kml') {
    throw importInvalid(fileName, 'not_kml', { zh: `这是 XML,但不是 KML(根元素是 <${root?.nodeName ?? '?'}>)`, en: `this is XML but not KML (the root element is <${root?.nodeName ?? '?'}>)` }, { root: root?.nodeName });
  }
  const placemarks = Array.from(doc.getElementsByTagName('Placemark'));
  checkCoordinates(fileName, placemarks, warnings);
  const links = networkLinks(doc as unknown as { getElementsByTagName(name: string): ArrayLike<XmlElement> }).filter((h) => h !== '');
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
    if (feature.geometry === null) continue; // emptied above, with a note naming it
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) if (!STYLE_KEYS.has(k)) properties[k] = v;
    const name = typeof props.name === 'string' ? props.name : null;
    raw.push({ geometry: feature.geometry, properties, id: feature.id, where: placemarkLabel(placemarkNo, name), folderPath: path, sourceLayer: path[0] ?? null });
  }
  const head = text.slice(0, 4096);
  return { raw, encoding, crs: kmlCrs(hintName, head, head.includes(DRAINDESK_KML_MARK)), links };
}

/** A file that is only links to online data holds nothing to import: say what it is. */
export function refuseLinksOnly(fileName: string, links: readonly string[]): never {
  const shown = links.slice(0, 3).join(', ');
  throw importInvalid(
    fileName,
    'network_link_only',
    {
      zh: `这个 KML 只是“网络链接”,指向网上或别处的数据(${shown}),本身不含任何地标。请在 Google Earth 中打开它,等数据加载后右键图层“另存为” KMZ,再导入保存的文件`,
      en: `this KML is only a NetworkLink to data elsewhere (${shown}) and holds no placemarks itself. Open it in Google Earth, let the data load, right-click the layer and "Save Place As" KMZ, then import that file`,
    },
    { links: links.slice(0, 20) },
  );
}

/** Parses KML bytes; `hintName` is what Ovital detection looks at (the KMZ's name for a KMZ). */
export function readKml(fileName: string, bytes: Uint8Array, warnings: Warnings, hintName = fileName): ReadResult {
  const read = readKmlRaw(fileName, bytes, warnings, hintName);
  if (read.raw.length === 0 && read.links.length > 0) refuseLinksOnly(fileName, read.links);
  const features = normalizeFeatures(read.raw, fileName, warnings);
  return { format: 'kml', encoding: read.encoding, detectedCrs: read.crs.crs, crsReason: read.crs.reason, features };
}
