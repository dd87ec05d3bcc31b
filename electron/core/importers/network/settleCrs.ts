/**
 * The last word on a file's coordinate system before its features are checked: a file that says
 * nothing (or only "GeoJSON is WGS84 by its standard") but holds metres is projected. Eastings
 * that start with a zone number name the Gauss-Krüger zone; plain metres leave the choice to the
 * user. Projected coordinates are checked for shape now and for range after conversion.
 */
import type { Bilingual } from '../../../../shared/contract/errors';
import { isProjected, zoneFromEasting, type SourceCrs } from '../../../../shared/geo/projected';

/** What a reader found about the system. */
export interface CrsFinding {
  crs: SourceCrs | null;
  reason: Bilingual;
  /** True when the file itself named a geographic system (a .prj, a crs member): metres then are an error. */
  declared?: boolean;
}

/** The settled system and whether lon/lat ranges apply yet. */
export interface SettledCrs {
  crs: SourceCrs | null;
  reason: Bilingual;
  ranges: boolean;
}

const SAMPLE = 200;

/** Up to SAMPLE [x, y] pairs from raw (unvalidated) geometries. */
function samplePositions(geometries: readonly unknown[]): [number, number][] {
  const out: [number, number][] = [];
  const visit = (c: unknown, depth: number): void => {
    if (out.length >= SAMPLE || !Array.isArray(c) || depth > 6) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      if (Number.isFinite(c[0]) && Number.isFinite(c[1])) out.push([c[0], c[1]]);
      return;
    }
    for (const child of c) visit(child, depth + 1);
  };
  for (const g of geometries) {
    if (out.length >= SAMPLE) break;
    const geometry = g as { coordinates?: unknown; geometries?: unknown[] } | null;
    if (geometry?.coordinates !== undefined) visit(geometry.coordinates, 0);
    else if (Array.isArray(geometry?.geometries)) for (const member of geometry.geometries.slice(0, 20)) visit((member as { coordinates?: unknown } | null)?.coordinates, 0);
  }
  return out;
}

/** Settles the system from what the reader found and what the numbers look like. */
export function settleCrs(found: CrsFinding, geometries: readonly unknown[]): SettledCrs {
  if (found.crs !== null && isProjected(found.crs)) return { crs: found.crs, reason: found.reason, ranges: false };
  const positions = samplePositions(geometries);
  // Beyond 1000 is metres; 95.4 is a mistyped latitude and stays an error.
  const metres = positions.some(([x, y]) => Math.abs(x) > 1000 || Math.abs(y) > 1000);
  if (!metres || found.declared) return { crs: found.crs, reason: found.reason, ranges: true };
  const zones = new Set(positions.map(([x, y]) => zoneFromEasting(x, y)?.code ?? null));
  const [only] = [...zones];
  if (zones.size === 1 && only) {
    const zone = only.replace('EPSG:', '');
    return {
      crs: only,
      ranges: false,
      reason: {
        zh: `坐标是米(投影坐标),东坐标前两位是带号,按 CGCS2000 高斯-克吕格(EPSG:${zone})读取;如果数据是西安80或北京54,请在列表中改选`,
        en: `the coordinates are metres (projected) whose eastings start with the zone number; read as CGCS2000 Gauss-Kruger (EPSG:${zone}). If the data is on Xian 1980 or Beijing 1954, choose that system instead`,
      },
    };
  }
  return {
    crs: null,
    ranges: false,
    reason: {
      zh: '坐标是米(投影坐标),文件没有说明是哪个坐标系。请从列表中选择,例如 CGCS2000 高斯-克吕格 3° 带 中央经线 123°E',
      en: 'the coordinates are metres (projected) and the file does not say which system; choose it from the list, e.g. CGCS2000 3-degree Gauss-Kruger CM 123E',
    },
  };
}
