/**
 * Reading a coordinate system's WKT (a shapefile's .prj, a GeoPackage's gpkg_spatial_ref_sys):
 * ESRI WKT1 (no authority codes: told apart by datum and parameters), OGC WKT1 with
 * AUTHORITY["EPSG",…], and WKT2 with ID["EPSG",…]. Geographic systems map to ours; projected
 * ones to the EPSG code of the Gauss-Krüger, UTM or Web Mercator system they are.
 */
import type { Bilingual } from '../../../../shared/contract/errors';
import type { Crs } from '../../../../shared/geo/crs';
import { PROJECTED_SYSTEMS, projectedSystem, type Datum, type ProjectedCrs } from '../../../../shared/geo/projected';

/** What the WKT says. */
export type PrjInfo =
  | { kind: 'geographic'; crs: Crs; datum: string; reason: Bilingual; warning: Bilingual | null }
  | { kind: 'projected'; crs: ProjectedCrs | null; name: string; reason: Bilingual }
  | { kind: 'unknown'; text: string };

function quotedName(wkt: string): string {
  return /^[A-Z]+\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? wkt.slice(0, 60);
}

/** The EPSG code of the outermost element: its AUTHORITY/ID is the last one before the final bracket. */
function outerEpsg(wkt: string): string | null {
  const m = /(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(wkt);
  return m ? `EPSG:${m[1] as string}` : null;
}

function parameter(wkt: string, names: RegExp): number | null {
  const re = /PARAMETER\s*\[\s*"([^"]+)"\s*,\s*(-?[\d.eE+-]+)/gi;
  for (let m = re.exec(wkt); m; m = re.exec(wkt)) if (names.test(m[1] as string)) return Number(m[2]);
  return null;
}

function datumOf(upper: string): Datum | null {
  if (/CHINA_2000|CGCS[ _]?2000|CHINA GEODETIC COORDINATE SYSTEM 2000/.test(upper)) return 'cgcs2000';
  if (/XIAN|XI_AN|IAG[ _]?1975/.test(upper)) return 'xian1980';
  if (/BEIJING|KRASS?OVSKY/.test(upper)) return 'beijing1954';
  if (/WGS[ _]?(19)?84/.test(upper)) return 'wgs84';
  return null;
}

/** The projected system an authority-less WKT describes, from its datum and parameters. */
function byParameters(wkt: string): ProjectedCrs | null {
  const upper = wkt.toUpperCase();
  if (/MERCATOR_AUXILIARY_SPHERE|POPULAR VISUALISATION|PSEUDO[-_ ]MERCATOR|WEB_MERCATOR/.test(upper)) return 'EPSG:3857';
  if (!/TRANSVERSE|GAUSS/.test(upper)) return null;
  const datum = datumOf(upper.replace(/^PROJ[A-Z]*\s*\[\s*"[^"]*"/, ''));
  const cm = parameter(wkt, /central[_ ]meridian|longitude of natural origin/i);
  const fe = parameter(wkt, /false[_ ]easting/i);
  const k = parameter(wkt, /scale[_ ]factor/i) ?? 1;
  const fn = parameter(wkt, /false[_ ]northing/i) ?? 0;
  if (datum === null || cm === null || fe === null || fn !== 0) return null;
  const family = datum === 'wgs84' && Math.abs(k - 0.9996) < 1e-9 ? 'utm' : Math.abs(k - 1) < 1e-9 ? null : 'none';
  if (family === 'none') return null;
  const matches = PROJECTED_SYSTEMS.filter(
    (s) => s.datum === datum && Math.abs(s.centralMeridian - cm) < 1e-9 && Math.abs(s.falseEasting - fe) < 1e-3 && (family === 'utm' ? s.family === 'utm' : s.family === 'gk3' || s.family === 'gk6'),
  );
  // 3° and 6° zones share a central meridian every 6°: both then give the same result; the name
  // ("…_6_Degree_GK_…") picks the one the user will recognise, else 3° (what county data mostly use).
  const six = /(^|[^\d])6[_ -]?deg/i.test(wkt);
  const match = matches.find((s) => s.family === (six ? 'gk6' : 'gk3')) ?? matches[0];
  return match?.code ?? null;
}

/** Classifies a WKT text. */
export function readPrj(text: string): PrjInfo {
  const wkt = text.trim();
  if (/^(PROJCS|PROJCRS|PROJECTEDCRS)\s*\[/i.test(wkt)) {
    const name = quotedName(wkt);
    const code = outerEpsg(wkt);
    const known = (code ? projectedSystem(code)?.code : undefined) ?? byParameters(wkt);
    return known
      ? { kind: 'projected', crs: known, name, reason: { zh: `坐标系写明是投影坐标 ${name}(${known}),按此换算为经纬度`, en: `the coordinate system is the projected ${name} (${known}); converted to lon/lat` } }
      : { kind: 'projected', crs: null, name, reason: { zh: `投影坐标 ${name} 不在本软件支持的列表中,请从列表中选择对应的坐标系`, en: `the projected system ${name} is not one we recognise; choose the matching system from the list` } };
  }
  if (!/^(GEOGCS|GEOGCRS|GEODCRS|GEOGRAPHICCRS)\s*\[/i.test(wkt)) return { kind: 'unknown', text: wkt.slice(0, 80) };
  const name = quotedName(wkt);
  const upper = wkt.toUpperCase();
  if (/GCJ|MARS/.test(upper)) {
    return { kind: 'geographic', crs: 'gcj02', datum: name, reason: { zh: `坐标系写明是 GCJ-02(${name})`, en: `the coordinate system says GCJ-02 (${name})` }, warning: null };
  }
  if (/BD09|BAIDU/.test(upper)) {
    return { kind: 'geographic', crs: 'bd09', datum: name, reason: { zh: `坐标系写明是百度坐标(${name})`, en: `the coordinate system says Baidu BD-09 (${name})` }, warning: null };
  }
  // Beijing 54 and Xian 80 are older Chinese datums: lon/lat shift of up to ~100 m from WGS84.
  const old = /BEIJING|XIAN|XI_AN|KRASSOVSKY|KRASOVSKY|IAG_1975/.test(upper);
  return {
    kind: 'geographic',
    crs: 'wgs84',
    datum: name,
    reason: { zh: `地理坐标(${name}),按 WGS84/CGCS2000 读取`, en: `geographic coordinates (${name}); read as WGS84/CGCS2000` },
    warning: old
      ? { zh: `坐标基准是 ${name}(北京54/西安80),与 WGS84 相差可达几十到上百米,本软件未做基准转换`, en: `the datum is ${name} (Beijing 1954/Xian 1980), which differs from WGS84 by up to ~100 m; no datum shift was applied` }
      : null,
  };
}
