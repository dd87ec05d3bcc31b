/**
 * Reading a shapefile's .prj (ESRI WKT, or WKT2): geographic systems we can take, projected ones
 * (Gauss-Krüger zones of CGCS2000/Xian 80/Beijing 54, Web Mercator, UTM) we refuse with advice.
 */
import type { Bilingual } from '../../../../shared/contract/errors';
import type { Crs } from '../../../../shared/geo/crs';

/** What the .prj says. */
export type PrjInfo =
  | { kind: 'geographic'; crs: Crs; datum: string; reason: Bilingual; warning: Bilingual | null }
  | { kind: 'projected'; name: string }
  | { kind: 'unknown'; text: string };

function quotedName(wkt: string): string {
  return /^[A-Z]+\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? wkt.slice(0, 60);
}

/** Classifies a .prj text. */
export function readPrj(text: string): PrjInfo {
  const wkt = text.trim();
  if (/^(PROJCS|PROJCRS|PROJECTEDCRS)\s*\[/i.test(wkt)) return { kind: 'projected', name: quotedName(wkt) };
  if (!/^(GEOGCS|GEOGCRS|GEODCRS|GEOGRAPHICCRS)\s*\[/i.test(wkt)) return { kind: 'unknown', text: wkt.slice(0, 80) };
  const name = quotedName(wkt);
  const upper = wkt.toUpperCase();
  if (/GCJ|MARS/.test(upper)) {
    return { kind: 'geographic', crs: 'gcj02', datum: name, reason: { zh: `.prj 写明是 GCJ-02(${name})`, en: `the .prj says GCJ-02 (${name})` }, warning: null };
  }
  if (/BD09|BAIDU/.test(upper)) {
    return { kind: 'geographic', crs: 'bd09', datum: name, reason: { zh: `.prj 写明是百度坐标(${name})`, en: `the .prj says Baidu BD-09 (${name})` }, warning: null };
  }
  // Beijing 54 and Xian 80 are older Chinese datums: lon/lat shift of up to ~100 m from WGS84.
  const old = /BEIJING|XIAN|XI_AN|KRASSOVSKY|KRASOVSKY|IAG_1975/.test(upper);
  return {
    kind: 'geographic',
    crs: 'wgs84',
    datum: name,
    reason: { zh: `.prj 为地理坐标(${name}),按 WGS84/CGCS2000 读取`, en: `the .prj is geographic (${name}); read as WGS84/CGCS2000` },
    warning: old
      ? { zh: `坐标基准是 ${name}(北京54/西安80),与 WGS84 相差可达几十到上百米,本软件未做基准转换`, en: `the datum is ${name} (Beijing 1954/Xian 1980), which differs from WGS84 by up to ~100 m; no datum shift was applied` }
      : null,
  };
}
