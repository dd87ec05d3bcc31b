import type pg from 'pg';
import { AppError } from '../../../shared/contract/errors';

type Db = pg.PoolClient | pg.Pool;

/** The desk tables whose rows carry a GeoJSON `geometry`: kept in PostGIS for the county map. */
export const GEOMETRY_LAYERS = ['ditch', 'culvert', 'blockage', 'area'] as const;
export type GeometryLayer = (typeof GEOMETRY_LAYERS)[number];

export function isGeometryLayer(table: string): table is GeometryLayer {
  return (GEOMETRY_LAYERS as readonly string[]).includes(table);
}

export interface FeatureWrite {
  layer: GeometryLayer;
  rowId: string;
  /** The row after the change; null, soft-deleted or without geometry removes the feature. */
  row: Record<string, unknown> | null;
}

/** Live features with geometry in PostGIS (WGS 84 and Web Mercator), kept in step with the replica. */
export class FeatureRepository {
  constructor(private readonly db: Db) {}

  async write(townshipId: string, writes: readonly FeatureWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const isLive = (w: FeatureWrite) => w.row !== null && w.row.deleted_at == null && typeof w.row.geometry === 'string';
    const gone = writes.filter((w) => !isLive(w));
    if (gone.length > 0) {
      await this.db.query(
        `DELETE FROM replica_feature f USING unnest($2::text[], $3::text[]) AS k(layer, row_id)
         WHERE f.township_id = $1 AND f.layer = k.layer AND f.row_id = k.row_id`,
        [townshipId, gone.map((w) => w.layer), gone.map((w) => w.rowId)],
      );
    }
    const live = writes.filter(isLive);
    if (live.length === 0) return;
    const records = live.map((w) => ({
      layer: w.layer,
      row_id: w.rowId,
      kind: String(w.row!.kind ?? ''),
      status: String(w.row!.status ?? w.row!.condition ?? ''),
      name: String(w.row!.name ?? ''),
      geometry: w.row!.geometry,
    }));
    try {
      await this.db.query('SAVEPOINT features');
      await this.db.query(
        `INSERT INTO replica_feature (township_id, layer, row_id, kind, status, name, geom, geom_3857)
         SELECT $1, layer, row_id, kind, status, name, g, ST_Transform(g, 3857)
         FROM (SELECT layer, row_id, kind, status, name, ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326) AS g
               FROM jsonb_to_recordset($2::jsonb) AS x(layer text, row_id text, kind text, status text, name text, geometry text)) s
         ON CONFLICT (township_id, layer, row_id) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status,
           name = EXCLUDED.name, geom = EXCLUDED.geom, geom_3857 = EXCLUDED.geom_3857`,
        [townshipId, JSON.stringify(records)],
      );
      await this.db.query('RELEASE SAVEPOINT features');
    } catch (error) {
      await this.db.query('ROLLBACK TO SAVEPOINT features');
      throw new AppError('invalid_input', {
        zh: `批次中有几何（geometry）不是有效的 GeoJSON：${(error as Error).message}；整批未写入`,
        en: `A row's geometry is not valid GeoJSON: ${(error as Error).message}; nothing in the batch was written`,
      });
    }
  }
}
