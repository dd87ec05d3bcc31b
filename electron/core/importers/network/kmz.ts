/**
 * Reading KMZ: a zip holding doc.kml (the standard name) or, from some tools, another .kml; images
 * and other files inside are ignored.
 */
import { importInvalid } from './errors';
import { readKml } from './kml';
import type { ReadResult } from './preview';
import type { Warnings } from './warnings';
import { extensionOf, extractZip, type ZipEntry } from './zip';

/** Parses a KMZ whose listing detectFormat already read. */
export function readKmz(fileName: string, bytes: Uint8Array, entries: readonly ZipEntry[], maxBytes: number, warnings: Warnings): ReadResult {
  const kmls = entries.filter((e) => ['kml', 'ovkml'].includes(extensionOf(e.name)));
  const main = kmls.find((e) => e.name.toLowerCase() === 'doc.kml') ?? kmls[0];
  if (!main) {
    throw importInvalid(fileName, 'kmz_no_kml', { zh: 'KMZ 里没有 .kml 文件', en: 'the KMZ contains no .kml file' });
  }
  if (kmls.length > 1) {
    warnings.note('kmz_extra_kml', {
      zh: `KMZ 里有 ${kmls.length} 个 KML,只读取了 ${main.name}`,
      en: `the KMZ holds ${kmls.length} KML files; only ${main.name} was read`,
    });
  }
  const data = extractZip(bytes, fileName, [main], maxBytes).get(main.name);
  if (!data) throw importInvalid(fileName, 'bad_zip', { zh: `无法解压 ${main.name}`, en: `could not unpack ${main.name}` });
  const read = readKml(`${fileName} → ${main.name}`, data, warnings, `${fileName} ${main.name}`);
  return { ...read, format: 'kmz' };
}
