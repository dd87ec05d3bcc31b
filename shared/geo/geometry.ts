/**
 * The geometry shapes the drainage network uses, and walking their positions. Pure TS: runs in the
 * core and in the browser.
 */
import type {
  Geometry,
  LineString,
  MultiLineString,
  MultiPoint,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson';

/** A GeoJSON geometry other than GeometryCollection: what a network feature can carry. */
export type SimpleGeometry = Point | MultiPoint | LineString | MultiLineString | Polygon | MultiPolygon;

/** What a geometry is drawn as, whatever its single/multi type. */
export type GeometryKind = 'point' | 'line' | 'polygon';

/** The GeoJSON type names of SimpleGeometry. */
export const SIMPLE_GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
] as const;

/** True when `type` names a SimpleGeometry. */
export function isSimpleGeometryType(type: unknown): type is SimpleGeometry['type'] {
  return typeof type === 'string' && (SIMPLE_GEOMETRY_TYPES as readonly string[]).includes(type);
}

/** Point/line/polygon for a geometry type. */
export function geometryKind(geometry: SimpleGeometry): GeometryKind {
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint':
      return 'point';
    case 'LineString':
    case 'MultiLineString':
      return 'line';
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygon';
  }
}

/** A copy of `geometry` with every position replaced by `fn(position)`; GeometryCollections recurse. */
export function mapPositions<G extends Geometry>(geometry: G, fn: (p: Position) => Position): G {
  const g = geometry as Geometry;
  const line = (ps: Position[]): Position[] => ps.map(fn);
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: fn(g.coordinates) } as G;
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: line(g.coordinates) } as G;
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map(line) } as G;
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((poly) => poly.map(line)) } as G;
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((child) => mapPositions(child, fn)) } as G;
  }
}

/** Calls `fn` on every position of `geometry`, in order (a walk: nothing is copied, so a 50,000-feature import makes no garbage here). */
export function forEachPosition(geometry: Geometry, fn: (p: Position) => void): void {
  const g = geometry;
  switch (g.type) {
    case 'Point':
      fn(g.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      for (const p of g.coordinates) fn(p);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of g.coordinates) for (const p of line) fn(p);
      return;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const line of poly) for (const p of line) fn(p);
      return;
    case 'GeometryCollection':
      for (const child of g.geometries) forEachPosition(child, fn);
  }
}

/** A copy with only longitude and latitude kept: the network stores no altitude. */
export function to2d<G extends Geometry>(geometry: G): G {
  return mapPositions(geometry, (p) => [p[0] as number, p[1] as number]);
}
