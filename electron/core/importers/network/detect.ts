/**
 * Deciding what a file is from its bytes, with the name only as a hint: a WeChat download may be
 * renamed, and a ".kml" that is really a web page must fail clearly rather than parse as nothing.
 */
import type { Bilingual } from '../../../../shared/contract/errors';
import type { NetworkFileExtension } from '../../../../shared/domain/networkFiles';
import { importInvalid } from './errors';
import { decodeWith, leadingText } from './text';
import type { NetworkFormat } from './types';
import { extensionOf, isZip, listZip, type ZipEntry } from './zip';
import { isSqlite } from './gpkg';

/** The format, the zip listing when it is a zip, and a note when the name disagreed with the content. */
export interface Detection {
  format: NetworkFormat;
  entries: ZipEntry[];
  nameMismatch: Bilingual | null;
}

/** What each accepted extension should hold (typed by the shared list: a new extension must say its format here). */
const EXPECTED: Record<NetworkFileExtension, NetworkFormat> = {
  kml: 'kml',
  ovkml: 'kml',
  kmz: 'kmz',
  ovkmz: 'kmz',
  json: 'geojson',
  geojson: 'geojson',
  zip: 'shapefile',
  csv: 'csv',
  txt: 'csv',
  tsv: 'csv',
  gpkg: 'gpkg',
  xlsx: 'xlsx',
};

const FORMAT_NAMES: Record<NetworkFormat, string> = {
  geojson: 'GeoJSON',
  kml: 'KML',
  kmz: 'KMZ',
  shapefile: 'Shapefile (zip)',
  csv: 'CSV',
  gpkg: 'GeoPackage',
  xlsx: 'Excel 沟渠台账',
};

/** The first line of a text file, decoded as UTF-8 or else GBK, for "it starts with …". */
function firstLine(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 240);
  const utf8 = new TextDecoder('utf-8').decode(head);
  // Only a replacement character before the last few bytes means it is not UTF-8 (the end may cut a character).
  const text = utf8.slice(0, -2).includes('\uFFFD') ? decodeWith(head, 'gb18030') : utf8;
  const line = text.replace(/^\uFEFF?\s+/, '').split(/\r?\n/, 1)[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

function fromZip(fileName: string, ext: string, entries: ZipEntry[]): NetworkFormat {
  const exts = entries.map((e) => extensionOf(e.name));
  const hasShp = exts.includes('shp');
  const hasKml = exts.includes('kml') || exts.includes('ovkml');
  if (hasKml && (!hasShp || ext === 'kmz' || ext === 'ovkmz')) return 'kmz';
  if (hasShp) return 'shapefile';
  const found = entries.slice(0, 8).map((e) => e.name).join(', ') || '—';
  if (entries.length === 0) {
    throw importInvalid(fileName, 'bad_zip', { zh: '压缩包是空的', en: 'the zip archive is empty' });
  }
  if (entries.some((e) => e.name === '[Content_Types].xml') && entries.some((e) => e.name.startsWith('xl/'))) return 'xlsx';
  if (entries.some((e) => e.name === '[Content_Types].xml')) {
    throw importInvalid(fileName, 'unknown_format', {
      zh: '这是 Excel/Office 文件,不是地图数据。请在 Excel 中“另存为 CSV”,并包含经度、纬度两列',
      en: 'this is an Excel/Office file, not map data. Save it as CSV from Excel, with longitude and latitude columns',
    });
  }
  if (ext === 'kmz' || ext === 'ovkmz') {
    throw importInvalid(fileName, 'kmz_no_kml', { zh: `KMZ 里没有 .kml 文件(里面有:${found})`, en: `the KMZ contains no .kml file (it has: ${found})` }, { entries: entries.map((e) => e.name) });
  }
  throw importInvalid(
    fileName,
    'zip_no_shp',
    { zh: `压缩包里没有 .shp 或 .kml 文件(里面有:${found})。Shapefile 请把 .shp、.dbf、.prj、.cpg 一起压缩`, en: `the zip has no .shp or .kml file (it has: ${found}). For a shapefile, zip the .shp, .dbf, .prj and .cpg together` },
    { entries: entries.map((e) => e.name) },
  );
}

/** Control bytes (NUL, BEL…) in the first kilobyte mean a binary file; text has none. UTF-16 is caught by its BOM first. */
function hasControlBytes(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  return bytes.subarray(0, 1024).some((b) => b <= 0x08 || (b >= 0x0e && b <= 0x1a));
}

/** Works out the format; throws import_invalid for empty, binary, partial or mislabelled files. */
export function detectFormat(fileName: string, bytes: Uint8Array): Detection {
  const ext = extensionOf(fileName);
  const lead = leadingText(bytes, 2048);
  if (bytes.length === 0 || lead === '') {
    throw importInvalid(fileName, 'empty', { zh: '文件是空的', en: 'the file is empty' });
  }
  let format: NetworkFormat;
  let entries: ZipEntry[] = [];
  if (isSqlite(bytes)) {
    format = 'gpkg';
  } else if (isZip(bytes)) {
    entries = listZip(bytes, fileName);
    format = fromZip(fileName, ext, entries);
  } else if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0x27 && bytes[3] === 0x0a) {
    throw importInvalid(fileName, 'shp_missing_part', {
      zh: '这是单独的 .shp 文件,缺少属性和坐标系。请把同名的 .shp、.dbf、.prj、.cpg 一起压缩成 .zip 再导入',
      en: 'this is a lone .shp file, without its attributes and coordinate system. Zip the .shp, .dbf, .prj and .cpg of the same name together and import the .zip',
    });
  } else if (['dbf', 'shx', 'prj', 'cpg'].includes(ext)) {
    throw importInvalid(fileName, 'shp_missing_part', {
      zh: `.${ext} 只是 Shapefile 的一部分。请把同名的 .shp、.dbf、.prj、.cpg 一起压缩成 .zip 再导入`,
      en: `a .${ext} is only one part of a shapefile. Zip the .shp, .dbf, .prj and .cpg of the same name together and import the .zip`,
    });
  } else if (ext === 'kmz' || ext === 'ovkmz' || ext === 'zip') {
    throw importInvalid(fileName, 'bad_zip', { zh: `文件名是 .${ext},但内容不是压缩包`, en: `it is named .${ext} but is not a zip archive` });
  } else if (hasControlBytes(bytes)) {
    throw importInvalid(fileName, 'unknown_format', {
      zh: '这是二进制文件,不是可导入的格式(支持 KML、KMZ、GeoJSON、Shapefile 压缩包、CSV)',
      en: 'this is a binary file, not a format we can import (KML, KMZ, GeoJSON, zipped shapefile, CSV)',
    });
  } else if (lead.startsWith('<')) {
    format = 'kml';
  } else if (lead.startsWith('{') || lead.startsWith('[')) {
    format = 'geojson';
  } else if (ext === 'kml' || ext === 'ovkml') {
    throw importInvalid(fileName, 'not_xml', { zh: `文件名是 .kml,但内容不是 XML(开头是“${firstLine(bytes)}”)`, en: `it is named .kml but is not XML (it starts with "${firstLine(bytes)}")` });
  } else if (ext === 'json' || ext === 'geojson') {
    throw importInvalid(fileName, 'bad_json', { zh: `文件名是 .${ext},但内容不是 JSON(开头是“${firstLine(bytes)}”)`, en: `it is named .${ext} but is not JSON (it starts with "${firstLine(bytes)}")` });
  } else {
    format = 'csv';
  }
  const expected: NetworkFormat | undefined = Object.hasOwn(EXPECTED, ext) ? EXPECTED[ext as NetworkFileExtension] : undefined;
  const nameMismatch: Bilingual | null =
    expected && expected !== format && !(expected === 'shapefile' && format === 'kmz')
      ? { zh: `文件名是 .${ext},但内容是 ${FORMAT_NAMES[format]},已按 ${FORMAT_NAMES[format]} 读取`, en: `named .${ext} but the content is ${FORMAT_NAMES[format]}; read as ${FORMAT_NAMES[format]}` }
      : null;
  return { format, entries, nameMismatch };
}
