/** Extents and tile arithmetic for the network's vector tiles (services/tiles). */
import type { Layer } from '../../../../shared/domain/network';
import type { MapRow } from '../../db/repositories/mapRowRepository';

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/** The tiles' layer holding each area's label point (one label per area, not one per tile). */
export const AREA_LABEL_LAYER = 'area-label';

export type TileFeature = GeoJSON.Feature<GeoJSON.Geometry, Record<string, string>>;

/** The extent of a geometry's positions. */
export function extentOf(geometry: GeoJSON.Geometry): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [lon, lat] = c as [number, number];
      if (lon < box[0]) box[0] = lon;
      if (lat < box[1]) box[1] = lat;
      if (lon > box[2]) box[2] = lon;
      if (lat > box[3]) box[3] = lat;
    } else for (const inner of c as unknown[]) visit(inner);
  };
  if (geometry.type !== 'GeometryCollection') visit(geometry.coordinates);
  return box;
}

/** The middle of an area's outer ring's extent: where its name is written. */
function labelPoint(geometry: GeoJSON.Geometry): [number, number] | null {
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.type === 'MultiPolygon' ? geometry.coordinates[0]?.[0] : undefined;
  if (!ring || ring.length === 0) return null;
  const [w, s, e, n] = extentOf({ type: 'LineString', coordinates: ring });
  return [(w + e) / 2, (s + n) / 2];
}

/** A row's tile features (with its extent): itself, and for an area its label point. */
export function featuresOf(layer: Layer, row: MapRow): { features: TileFeature[]; extent: Bbox } {
  const geometry = JSON.parse(row.geometry) as GeoJSON.Geometry;
  const features: TileFeature[] = [{ type: 'Feature', geometry, properties: { id: row.id, layer, ...row.props } }];
  if (layer === 'area') {
    const at = labelPoint(geometry);
    if (at) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { id: row.id, layer: AREA_LABEL_LAYER, name: row.props.name ?? '', kind: row.props.kind ?? '' } });
  }
  return { features, extent: extentOf(geometry) };
}

/** The lon/lat extent of tile z/x/y, widened by `pad` (a fraction of the tile's side). */
export function tileExtent(z: number, x: number, y: number, pad: number): Bbox {
  const n = 2 ** z;
  const lon = (tx: number) => (tx / n) * 360 - 180;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [lon(x - pad), lat(y + 1 + pad), lon(x + 1 + pad), lat(y - pad)];
}

/** Whether two extents meet. */
export function overlaps(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}
