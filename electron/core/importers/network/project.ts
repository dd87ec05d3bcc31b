/**
 * From a file's coordinate system to WGS84. Geographic systems (GCJ-02, BD-09) go through
 * shared/geo/crs; projected ones (Gauss-Krüger, UTM, Web Mercator) through proj4 with the
 * definitions shared/geo/projected generates. CGCS2000 is WGS84 at ditch scale (a few cm); Xian
 * 1980 and Beijing 1954 need a datum shift that the file does not carry: the user's seven
 * parameters when given, otherwise none, with a warning (tens of metres).
 */
import type { Position } from 'geojson';
import proj4 from 'proj4';
import type { Bilingual } from '../../../../shared/contract/errors';
import { convertGeometry, isCrs } from '../../../../shared/geo/crs';
import { mapPositions, type SimpleGeometry } from '../../../../shared/geo/geometry';
import { OLD_DATUMS, projDefinition, projectedSystem, type DatumShift, type SourceCrs } from '../../../../shared/geo/projected';

export type { DatumShift };

/** Converts one geometry's positions to WGS84 [lon, lat]. */
export type ToWgs84 = (geometry: SimpleGeometry) => SimpleGeometry;

/** What projecting needs the user to know. */
export interface Projection {
  toWgs84: ToWgs84;
  /** Set when the datum shift is approximate (Xian 1980 / Beijing 1954 without seven parameters). */
  datumWarning: Bilingual | null;
}

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

/** The converter for a source system; throws on an unknown code (the contract checks codes first). */
export function projection(crs: SourceCrs, shift?: DatumShift): Projection {
  // WGS84 in, WGS84 out: the caller's geometry is already its own 2D copy (to2d), so no second copy.
  if (crs === 'wgs84') return { toWgs84: (g) => g, datumWarning: null };
  if (isCrs(crs)) return { toWgs84: (g) => convertGeometry(g, crs, 'wgs84'), datumWarning: null };
  const system = projectedSystem(crs);
  if (!system) throw new Error(`unknown coordinate system ${crs}`);
  let definition = projDefinition(system);
  let datumWarning: Bilingual | null = null;
  let target = WGS84;
  if (OLD_DATUMS.includes(system.datum)) {
    if (shift) {
      definition += ` +towgs84=${[shift.dx, shift.dy, shift.dz, shift.rx, shift.ry, shift.rz, shift.ppm].join(',')}`;
    } else {
      // No shift: read the latitude/longitude on the file's own ellipsoid and take them as WGS84.
      target = definition.replace(/\+proj=tmerc.*?\+ellps=/, '+proj=longlat +ellps=').replace(/ \+units=m/, '');
      datumWarning = {
        zh: `${system.label.zh} 的坐标基准与 WGS84 不同,文件没有给出转换参数,未做基准转换:位置可能偏差几十米到上百米。如有当地的七参数,请在预览中填写后再导入`,
        en: `${system.label.en} is on a datum other than WGS84 and the file gives no transformation, so no datum shift was applied: positions may be off by tens of metres up to ~100 m. Enter the local seven parameters in the preview if you have them`,
      };
    }
  }
  const converter = proj4(definition, target);
  const point = (p: Position): Position => {
    const [x, y] = converter.forward([p[0] as number, p[1] as number]);
    return [x, y];
  };
  return { toWgs84: (g) => mapPositions(g, point), datumWarning };
}
