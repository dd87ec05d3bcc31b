/**
 * Reading KMZ: a zip holding doc.kml (the standard name) or, from some tools, another .kml. QGIS
 * and GDAL's LIBKML driver write a doc.kml of NetworkLinks to `layers/<name>.kml` inside the
 * archive: every linked KML is read, and KMLs nothing links to are read too when doc.kml holds no
 * placemark of its own. Images and other files inside are ignored.
 */
import { importInvalid } from './errors';
import { readKmlRaw, refuseLinksOnly } from './kml';
import { normalizeFeatures, type RawFeature } from './normalize';
import type { ReadResult } from './preview';
import type { Warnings } from './warnings';
import { extensionOf, extractZip, type ZipEntry } from './zip';

/** The archive entry a NetworkLink href names ("layers/沟渠.kml", "./layers/x.kml", URL-encoded), if any. */
function entryFor(href: string, kmls: readonly ZipEntry[]): ZipEntry | undefined {
  let path = href.replace(/^\.\//, '').replace(/\\/g, '/');
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep it as written
  }
  return kmls.find((e) => e.name.toLowerCase() === path.toLowerCase());
}

/** Parses a KMZ whose listing detectFormat already read. */
export function readKmz(fileName: string, bytes: Uint8Array, entries: readonly ZipEntry[], maxBytes: number, warnings: Warnings): ReadResult {
  const kmls = entries.filter((e) => ['kml', 'ovkml'].includes(extensionOf(e.name)));
  const main = kmls.find((e) => e.name.toLowerCase() === 'doc.kml') ?? kmls[0];
  if (!main) {
    throw importInvalid(fileName, 'kmz_no_kml', { zh: 'KMZ 里没有 .kml 文件', en: 'the KMZ contains no .kml file' });
  }
  // Their unpacked size together is checked against the limit before anything is inflated.
  const files = extractZip(bytes, fileName, kmls, maxBytes);
  const read = (entry: ZipEntry) => {
    const data = files.get(entry.name);
    if (!data) throw importInvalid(fileName, 'bad_zip', { zh: `无法解压 ${entry.name}`, en: `could not unpack ${entry.name}` });
    return readKmlRaw(`${fileName} → ${entry.name}`, data, warnings, `${fileName} ${entry.name}`);
  };
  const first = read(main);
  const raw: RawFeature[] = [...first.raw];
  const linked = first.links.map((h) => entryFor(h, kmls)).filter((e): e is ZipEntry => e !== undefined && e !== main);
  const others = kmls.filter((e) => e !== main && !linked.includes(e));
  const toRead = [...new Set([...linked, ...(first.raw.length === 0 ? others : [])])];
  const external: string[] = first.links.filter((h) => entryFor(h, kmls) === undefined);
  for (const entry of toRead) {
    const layer = read(entry);
    raw.push(...layer.raw.map((r) => ({ ...r, sourceLayer: r.sourceLayer ?? entry.name.replace(/^.*\//, '').replace(/\.(ov)?kml$/i, '') })));
    external.push(...layer.links.filter((h) => entryFor(h, kmls) === undefined));
  }
  const unread = kmls.filter((e) => e !== main && !toRead.includes(e));
  if (unread.length > 0) {
    warnings.note('kmz_extra_kml', {
      zh: `KMZ 里还有 ${unread.length} 个没有被 ${main.name} 引用的 KML(${unread.slice(0, 3).map((e) => e.name).join('、')}),未读取`,
      en: `the KMZ holds ${unread.length} more KML file(s) that ${main.name} does not link to (${unread.slice(0, 3).map((e) => e.name).join(', ')}); not read`,
    });
  }
  if (raw.length === 0 && external.length > 0) refuseLinksOnly(fileName, external);
  if (external.length > 0) {
    warnings.note('network_link_skipped', {
      zh: `文件里有 ${external.length} 个指向网上数据的网络链接(${external.slice(0, 2).join('、')}),未下载,只导入了文件本身的地标`,
      en: `the file has ${external.length} network link(s) to online data (${external.slice(0, 2).join(', ')}), not fetched; only the placemarks in the file were imported`,
    });
  }
  const features = normalizeFeatures(raw, fileName, warnings);
  return { format: 'kmz', encoding: first.encoding, detectedCrs: first.crs.crs, crsReason: first.crs.reason, features };
}
