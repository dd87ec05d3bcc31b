/**
 * The projected coordinate systems Chinese offices' files come in: CGCS2000, Xian 1980 and Beijing
 * 1954 Gauss-Krüger (3° and 6° zones, with and without the zone number in the easting), WGS84 UTM
 * and Web Mercator. The list is generated from EPSG's numbering pattern (each family is a run of
 * consecutive codes over consecutive zones), not typed code by code; the projection itself is done
 * in the core with proj4 from `projDefinition`.
 */
import type { Bilingual } from '../contract/errors';
import { CRS_LABELS, isCrs, type Crs } from './crs';

/** An EPSG code as files and the CLI write it: "EPSG:4527". */
export type ProjectedCrs = `EPSG:${number}`;

/** What an import's coordinates can be in: a geographic system we convert directly, or a projected one. */
export type SourceCrs = Crs | ProjectedCrs;

/** Bursa-Wolf seven parameters to WGS84 (position-vector convention, as PROJ's +towgs84). */
export interface DatumShift {
  /** Translations in metres. */
  dx: number;
  dy: number;
  dz: number;
  /** Rotations in arc-seconds. */
  rx: number;
  ry: number;
  rz: number;
  /** Scale difference in parts per million. */
  ppm: number;
}

/** The geodetic datum under a projected system. */
export type Datum = 'cgcs2000' | 'xian1980' | 'beijing1954' | 'wgs84';

/** One projected system. */
export interface ProjectedSystem {
  code: ProjectedCrs;
  datum: Datum;
  family: 'gk3' | 'gk6' | 'utm' | 'webmercator';
  /** Gauss-Krüger or UTM zone number; null for Web Mercator. */
  zone: number | null;
  /** True when the easting starts with the zone number (e.g. 41 500 000). */
  zonePrefix: boolean;
  centralMeridian: number;
  falseEasting: number;
  label: Bilingual;
}

const DATUM_LABELS: Record<Datum, Bilingual> = {
  cgcs2000: { zh: 'CGCS2000（国家2000）', en: 'CGCS2000' },
  xian1980: { zh: '西安80', en: 'Xian 1980' },
  beijing1954: { zh: '北京54', en: 'Beijing 1954' },
  wgs84: { zh: 'WGS84', en: 'WGS 84' },
};

/** Datums whose difference from WGS84 (tens of metres up to ~100 m) needs a shift the file does not give. */
export const OLD_DATUMS: readonly Datum[] = ['xian1980', 'beijing1954'];

/** Where each Gauss-Krüger family's run of EPSG codes starts: [6° prefixed, 6° CM, 3° prefixed, 3° CM]. */
const GK_RUNS: Record<'cgcs2000' | 'xian1980' | 'beijing1954', [number, number, number, number]> = {
  cgcs2000: [4491, 4502, 4513, 4534],
  xian1980: [2327, 2338, 2349, 2370],
  // EPSG deprecated 21473–21483 (6° CM) for 21453–21463; both are accepted (see ALIASES).
  beijing1954: [21413, 21453, 2401, 2422],
};

function gkLabel(datum: Datum, degrees: 3 | 6, zone: number, cm: number, prefix: boolean): Bilingual {
  const d = DATUM_LABELS[datum];
  return prefix
    ? { zh: `${d.zh} 高斯-克吕格 ${degrees}° 带 第 ${zone} 带（中央经线 ${cm}°E，东坐标带带号）`, en: `${d.en} / ${degrees}-degree Gauss-Kruger zone ${zone} (CM ${cm}E, zone number in easting)` }
    : { zh: `${d.zh} 高斯-克吕格 ${degrees}° 带 中央经线 ${cm}°E（第 ${zone} 带，东坐标不带带号）`, en: `${d.en} / ${degrees}-degree Gauss-Kruger CM ${cm}E (zone ${zone}, no zone number in easting)` };
}

function generate(): ProjectedSystem[] {
  const out: ProjectedSystem[] = [];
  for (const [datum, [six, sixCm, three, threeCm]] of Object.entries(GK_RUNS) as [Datum, [number, number, number, number]][]) {
    // 6° zones 13–23 (central meridians 75°–135°E), 3° zones 25–45 (75°–135°E): China's extent.
    for (let zone = 13; zone <= 23; zone++) {
      const cm = zone * 6 - 3;
      out.push({ code: `EPSG:${six + zone - 13}`, datum, family: 'gk6', zone, zonePrefix: true, centralMeridian: cm, falseEasting: zone * 1e6 + 500000, label: gkLabel(datum, 6, zone, cm, true) });
      out.push({ code: `EPSG:${sixCm + zone - 13}`, datum, family: 'gk6', zone, zonePrefix: false, centralMeridian: cm, falseEasting: 500000, label: gkLabel(datum, 6, zone, cm, false) });
    }
    for (let zone = 25; zone <= 45; zone++) {
      const cm = zone * 3;
      out.push({ code: `EPSG:${three + zone - 25}`, datum, family: 'gk3', zone, zonePrefix: true, centralMeridian: cm, falseEasting: zone * 1e6 + 500000, label: gkLabel(datum, 3, zone, cm, true) });
      out.push({ code: `EPSG:${threeCm + zone - 25}`, datum, family: 'gk3', zone, zonePrefix: false, centralMeridian: cm, falseEasting: 500000, label: gkLabel(datum, 3, zone, cm, false) });
    }
  }
  for (let zone = 1; zone <= 60; zone++) {
    const cm = zone * 6 - 183;
    out.push({ code: `EPSG:${32600 + zone}`, datum: 'wgs84', family: 'utm', zone, zonePrefix: false, centralMeridian: cm, falseEasting: 500000, label: { zh: `WGS84 UTM 第 ${zone}N 带（中央经线 ${cm}°）`, en: `WGS 84 / UTM zone ${zone}N (CM ${cm})` } });
  }
  out.push({ code: 'EPSG:3857', datum: 'wgs84', family: 'webmercator', zone: null, zonePrefix: false, centralMeridian: 0, falseEasting: 0, label: { zh: 'Web 墨卡托（EPSG:3857，网络地图瓦片）', en: 'Web Mercator (EPSG:3857, web map tiles)' } });
  return out;
}

/** Every projected system we read, Chinese Gauss-Krüger first. */
export const PROJECTED_SYSTEMS: readonly ProjectedSystem[] = generate();

const BY_CODE = new Map<string, ProjectedSystem>(PROJECTED_SYSTEMS.map((s) => [s.code, s]));
// Older or alternative codes for the same definitions.
const ALIASES: Record<string, ProjectedCrs> = { 'EPSG:900913': 'EPSG:3857', 'EPSG:3785': 'EPSG:3857', 'EPSG:102100': 'EPSG:3857' };
for (let i = 0; i <= 10; i++) ALIASES[`EPSG:${21473 + i}`] = `EPSG:${21453 + i}`;

/** "epsg:4527", "EPSG::4527", "urn:ogc:def:crs:EPSG::4527" → "EPSG:4527"; null when it names no EPSG code. */
export function normalizeEpsg(text: string): ProjectedCrs | null {
  const m = /EPSG:{1,2}(?:[\d.]*:)?(\d{4,6})\b/i.exec(text) ?? /^\s*(\d{4,6})\s*$/.exec(text);
  if (!m) return null;
  const code = `EPSG:${m[1] as string}` as ProjectedCrs;
  return ALIASES[code] ?? code;
}

/** The projected system for a code ("EPSG:4527", "4527", aliases too), or undefined. */
export function projectedSystem(code: string): ProjectedSystem | undefined {
  const normal = normalizeEpsg(code);
  return normal ? BY_CODE.get(normal) : undefined;
}

/** True for 'wgs84' | 'gcj02' | 'bd09' and every code in PROJECTED_SYSTEMS. */
export function isSourceCrs(value: unknown): value is SourceCrs {
  return isCrs(value) || (typeof value === 'string' && /^EPSG:\d+$/.test(value) && BY_CODE.has(value));
}

/** True when the system is projected (metres), not lon/lat. */
export function isProjected(crs: SourceCrs): crs is ProjectedCrs {
  return !isCrs(crs);
}

/** The user-facing name of any source system. */
export function sourceCrsLabel(crs: SourceCrs): Bilingual {
  if (isCrs(crs)) return CRS_LABELS[crs];
  const system = BY_CODE.get(crs);
  return system ? { zh: `${system.label.zh} ${crs}`, en: `${system.label.en} ${crs}` } : { zh: crs, en: crs };
}

const ELLIPSOIDS: Record<Datum, string> = { cgcs2000: 'GRS80', xian1980: 'IAU76', beijing1954: 'krass', wgs84: 'WGS84' };

/** The proj4 definition of a system, as PROJ writes it for that EPSG code. */
export function projDefinition(system: ProjectedSystem): string {
  if (system.family === 'webmercator') return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
  if (system.family === 'utm') return `+proj=utm +zone=${system.zone ?? 0} +datum=WGS84 +units=m +no_defs`;
  return `+proj=tmerc +lat_0=0 +lon_0=${system.centralMeridian} +k=1 +x_0=${system.falseEasting} +y_0=0 +ellps=${ELLIPSOIDS[system.datum]} +units=m +no_defs`;
}

/**
 * The Gauss-Krüger system that coordinates with the zone number in the easting belong to: 3° zones
 * are numbered 25–45 and 6° zones 13–23 over China, so the leading digits name one zone. CGCS2000
 * is assumed (the datum cannot be seen in the numbers). Null when the eastings carry no zone.
 */
export function zoneFromEasting(easting: number, northing: number): ProjectedSystem | null {
  if (!(northing > 1_000_000 && northing < 6_500_000)) return null;
  const zone = Math.floor(easting / 1e6);
  const within = easting - zone * 1e6;
  if (within < 100_000 || within > 900_000) return null;
  const family = zone >= 25 && zone <= 45 ? 'gk3' : zone >= 13 && zone <= 23 ? 'gk6' : null;
  if (!family) return null;
  return PROJECTED_SYSTEMS.find((s) => s.datum === 'cgcs2000' && s.family === family && s.zone === zone && s.zonePrefix) ?? null;
}
