import { describe, expect, it } from 'vitest';
import { projection } from '../../../../electron/core/importers/network/project';
import { lineLengthM } from '../../../../shared/geo/length';
import { isSourceCrs, normalizeEpsg, PROJECTED_SYSTEMS, projectedSystem, zoneFromEasting, type ProjectedCrs } from '../../../../shared/geo/projected';

/**
 * Known points computed with PROJ/GDAL 3 on this machine, e.g.
 *   printf "124.2 43.4\n" | gdaltransform -s_srs EPSG:4490 -t_srs EPSG:4529 -output_xy
 * (source EPSG:4490 for CGCS2000, 4610 for Xian 1980, 4214 for Beijing 1954, 4326 for UTM and
 * Web Mercator). Our proj4 inverse must land within 0.1 m of the lon/lat PROJ started from.
 */
const KNOWN: { crs: ProjectedCrs; lonLat: [number, number]; xy: [number, number] }[] = [
  { crs: 'EPSG:4529', lonLat: [124.2, 43.4], xy: [41597212.4498364, 4807858.04998246] },
  { crs: 'EPSG:4529', lonLat: [124.215, 43.4065], xy: [41598417.0915962, 4808597.81174342] },
  { crs: 'EPSG:4529', lonLat: [125.4, 47.2], xy: [41681848.1176198, 5232276.85420254] },
  { crs: 'EPSG:4550', lonLat: [124.2, 43.4], xy: [597212.44983639, 4807858.04998246] },
  { crs: 'EPSG:4550', lonLat: [123.0, 45.0], xy: [500000, 4984944.377858] },
  { crs: 'EPSG:4499', lonLat: [125.4, 47.2], xy: [21681848.1176198, 5232276.85420254] },
  { crs: 'EPSG:4510', lonLat: [124.215, 43.4065], xy: [598417.09159621, 4808597.81174342] },
  { crs: 'EPSG:4527', lonLat: [124.2, 43.4], xy: [40083357.2774758, 4832411.40225556] },
  { crs: 'EPSG:2386', lonLat: [124.2, 43.4], xy: [597212.495675495, 4807860.29344404] },
  { crs: 'EPSG:2386', lonLat: [125.4, 47.2], xy: [681848.203397811, 5232279.29677763] },
  { crs: 'EPSG:2417', lonLat: [124.2, 43.4], xy: [41597214.0738557, 4807942.91695924] },
  { crs: 'EPSG:2417', lonLat: [125.4, 47.2], xy: [41681851.1497306, 5232369.00692782] },
  { crs: 'EPSG:32651', lonLat: [124.2, 43.4], xy: [597173.564855704, 4805934.90688056] },
  { crs: 'EPSG:3857', lonLat: [124.2, 43.4], xy: [13825880.7565246, 5373055.47188349] },
];

const geodesicDistance = (a: [number, number], b: [number, number]) => lineLengthM([a, b]);

describe('projected coordinate systems', () => {
  it.each(KNOWN)('$crs $xy → within 0.1 m of PROJ', ({ crs, lonLat, xy }) => {
    const { toWgs84 } = projection(crs);
    const out = toWgs84({ type: 'Point', coordinates: xy });
    expect(out.type).toBe('Point');
    const [lon, lat] = out.coordinates as [number, number];
    expect(geodesicDistance([lon, lat], lonLat)).toBeLessThan(0.1);
  });

  it('applies the user’s seven parameters for Beijing 1954 and Xian 1980 (checked against PROJ +towgs84)', () => {
    // gdaltransform -s_srs "+proj=longlat +datum=WGS84" -t_srs "+proj=tmerc +lon_0=123 +x_0=41500000 +ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0"
    const b54 = projection('EPSG:2417', { dx: 15.8, dy: -154.4, dz: -82.3, rx: 0, ry: 0, rz: 0, ppm: 0 });
    expect(b54.datumWarning).toBeNull();
    const p = b54.toWgs84({ type: 'Point', coordinates: [41597140.8845411, 4807905.10922768] }).coordinates as [number, number];
    expect(geodesicDistance(p, [124.2, 43.4])).toBeLessThan(0.1);
    // … +ellps=IAU76 +towgs84=24.0,-123.0,-94.0,0.02,-0.25,-0.13,1.1 (rotations in arc-seconds, scale in ppm)
    const x80 = projection('EPSG:2386', { dx: 24, dy: -123, dz: -94, rx: 0.02, ry: -0.25, rz: -0.13, ppm: 1.1 });
    const q = x80.toWgs84({ type: 'Point', coordinates: [597161.627637124, 4807852.5683126] }).coordinates as [number, number];
    expect(geodesicDistance(q, [124.2, 43.4])).toBeLessThan(0.1);
  });

  it('warns about the datum of Xian 1980 and Beijing 1954 without parameters, not for CGCS2000', () => {
    expect(projection('EPSG:2386').datumWarning?.zh).toMatch(/西安80.*未做基准转换/);
    expect(projection('EPSG:2417').datumWarning?.en).toMatch(/Beijing 1954.*no datum shift/);
    expect(projection('EPSG:4529').datumWarning).toBeNull();
  });

  it('lists every CGCS2000 code from 4491 to 4554 once, with PROJ’s parameters', () => {
    const cgcs = PROJECTED_SYSTEMS.filter((s) => s.datum === 'cgcs2000').map((s) => Number(s.code.slice(5))).sort((a, b) => a - b);
    expect(cgcs).toEqual(Array.from({ length: 64 }, (_, i) => 4491 + i));
    // gdalsrsinfo EPSG:4513 / 4554 / 4491 / 4502
    expect(projectedSystem('EPSG:4513')).toMatchObject({ centralMeridian: 75, falseEasting: 25500000, zone: 25 });
    expect(projectedSystem('EPSG:4554')).toMatchObject({ centralMeridian: 135, falseEasting: 500000 });
    expect(projectedSystem('EPSG:4491')).toMatchObject({ centralMeridian: 75, falseEasting: 13500000 });
    expect(projectedSystem('EPSG:4502')).toMatchObject({ centralMeridian: 75, falseEasting: 500000, family: 'gk6' });
    // Deprecated Beijing 1954 6° CM codes read as their replacements.
    expect(projectedSystem('EPSG:21473')?.code).toBe('EPSG:21453');
  });

  it('reads EPSG codes as files write them and tells a zone from an easting that carries it', () => {
    expect(normalizeEpsg('urn:ogc:def:crs:EPSG::4529')).toBe('EPSG:4529');
    expect(normalizeEpsg('EPSG:900913')).toBe('EPSG:3857');
    expect(isSourceCrs('EPSG:4529')).toBe(true);
    expect(isSourceCrs('EPSG:4326')).toBe(false);
    expect(zoneFromEasting(41597212, 4807858)?.code).toBe('EPSG:4529');
    expect(zoneFromEasting(21597212, 4807858)?.code).toBe('EPSG:4499');
    expect(zoneFromEasting(597212, 4807858)).toBeNull();
  });
});
