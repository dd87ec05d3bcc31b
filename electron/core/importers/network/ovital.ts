/**
 * Recognising files from Ovital (奥维互动地图). Since v9.3 Ovital exports KML/KMZ (as .ovkml/.ovkmz,
 * often renamed to .kml before sharing over WeChat), TXT and CSV in GCJ-02, not WGS84. There is no
 * documented marker, so we look for every trace it leaves: the .ovkml/.ovkmz extension, and the
 * words "ovital"/"奥维" in a namespace, generator comment, creator element or document name.
 */
import type { Bilingual } from '../../../../shared/contract/errors';
import type { Crs } from '../../../../shared/geo/crs';

/** The detected system and why. */
export interface CrsGuess {
  crs: Crs | null;
  reason: Bilingual;
}

/** True when the file name or the start of the text carries an Ovital trace. */
export function looksLikeOvital(fileName: string, head: string): boolean {
  if (/\.ovkm[lz](\s|$)/i.test(fileName) || /奥维|ovital/i.test(fileName)) return true;
  return /ovital|奥维/i.test(head);
}

/** CRS for a KML/KMZ: GCJ-02 when it comes from Ovital, WGS84 (the KML standard) otherwise. */
export function kmlCrs(fileName: string, head: string, ours: boolean): CrsGuess {
  if (ours) return { crs: 'wgs84', reason: { zh: '本软件导出的 KML,坐标为 WGS84', en: 'a KML exported by DrainDesk, in WGS84' } };
  if (looksLikeOvital(fileName, head)) {
    return {
      crs: 'gcj02',
      reason: {
        zh: '奥维互动地图导出的文件:奥维 9.3 及以后版本导出 KML/KMZ 时使用 GCJ-02 火星坐标。如果来自奥维 9.3 以前的版本,请改选 WGS84',
        en: 'exported by Ovital (奥维互动地图): since v9.3 Ovital writes KML/KMZ in GCJ-02. If it came from an Ovital older than 9.3, choose WGS84',
      },
    };
  }
  return {
    crs: 'wgs84',
    reason: {
      zh: 'KML 标准规定坐标为 WGS84;如果是从奥维 9.3 及以后版本导出后改过名的文件,请改选 GCJ-02',
      en: 'KML is WGS84 by its standard; if it was exported from Ovital 9.3 or later and renamed, choose GCJ-02',
    },
  };
}
