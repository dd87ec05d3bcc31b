import type { Geometry, Position } from 'geojson';
import { localProjection, pointPieceDistanceSq } from '../../../../shared/calc/localMetres';
import type { CoreContext } from '../../context';
import { NetworkStats } from '../../db/repositories/networkStats';

/** A ditch within this distance of a new report is taken as the one it blocks. */
const SNAP_M = 30;
const DEG_PER_M = 1 / 111_000;

/** Metres between two nearby positions (equirectangular; exact enough under a kilometre). */
export function nearMetres(a: readonly [number, number], b: readonly [number, number]): number {
  const p = localProjection((a[1] + b[1]) / 2);
  return Math.hypot(p.x(a[0]) - p.x(b[0]), p.y(a[1]) - p.y(b[1]));
}

function insideRing(ring: readonly Position[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insidePolygon(geometry: Geometry, lon: number, lat: number): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons.some((rings) => rings.length > 0 && insideRing(rings[0]!, lon, lat) && !rings.slice(1).some((hole) => insideRing(hole, lon, lat)));
}

/**
 * Where a new report lies: the village (from a village area containing it, else the nearest
 * ditch's village) and the ditch it blocks (the nearest within 30 m). Uses the R*Tree.
 */
export function locatePoint(ctx: Pick<CoreContext, 'db' | 'townshipId'>, lon: number, lat: number): { village: string; ditchId: string | null } {
  const d = SNAP_M * DEG_PER_M * 2;
  const stats = new NetworkStats(ctx.db, ctx.townshipId);
  const candidates = stats.nearby(lon - d, lat - d, lon + d, lat + d);
  let village = '';
  let best: { id: string; village: string; dist: number } | null = null;
  const p = localProjection(lat);
  const px = p.x(lon);
  const py = p.y(lat);
  for (const c of candidates) {
    if (c.layer === 'area') {
      const a = stats.villageArea(c.feature_id);
      if (a && !village && insidePolygon(JSON.parse(a.geometry) as Geometry, lon, lat)) village = a.name;
      continue;
    }
    const row = stats.ditchLine(c.feature_id);
    if (!row) continue;
    const g = JSON.parse(row.geometry) as Geometry;
    const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
    for (const line of lines) {
      for (let i = 1; i < line.length; i++) {
        const a = line[i - 1] as [number, number];
        const b = line[i] as [number, number];
        const dist = Math.sqrt(pointPieceDistanceSq(px, py, p.x(a[0]), p.y(a[1]), p.x(b[0]), p.y(b[1])));
        if (dist <= SNAP_M && (!best || dist < best.dist)) best = { id: row.id, village: row.village, dist };
      }
    }
  }
  return { village: village || best?.village || '', ditchId: best?.id ?? null };
}
