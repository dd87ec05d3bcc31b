import type pg from 'pg';

type Db = pg.PoolClient | pg.Pool;

/**
 * Which ditch kinds a tile at zoom z carries: a county-wide view shows rivers and main ditches only,
 * field ditches appear at village zoom (a tile stays small and fast whatever the network's size).
 */
export function ditchKindsAtZoom(z: number): string[] {
  if (z <= 10) return ['river', 'main'];
  if (z <= 12) return ['river', 'main', 'branch'];
  return ['river', 'main', 'branch', 'field'];
}

/** The county map's vector tiles, cut by PostGIS from the GiST-indexed Web Mercator geometry. */
export class TileRepository {
  constructor(private readonly db: Db) {}

  /** One Mapbox Vector Tile with layers `ditch`, `point` (culverts from zoom 12, blockages) and `area`. */
  async tile(z: number, x: number, y: number, table = 'replica_feature'): Promise<Buffer> {
    const r = await this.db.query(
      `WITH e AS (SELECT ST_TileEnvelope($1, $2, $3) AS env),
       b AS (SELECT env, ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * 64.0 / 4096) AS clip FROM e),
       f AS (SELECT f.layer, f.kind, f.status, f.name, f.township_id, t.name AS township, f.geom_3857 AS g
             FROM ${table} f JOIN township t ON t.id = f.township_id, b
             WHERE f.geom_3857 && b.clip
               AND ((f.layer = 'ditch' AND f.kind = ANY($4::text[])) OR f.layer = 'blockage' OR (f.layer = 'culvert' AND $1 >= 12) OR (f.layer = 'area' AND $1 >= 11))),
       ditch AS (SELECT ST_AsMVTGeom(g, b.env, 4096, 64, true) AS geom, kind, status, township_id, township FROM f, b WHERE layer = 'ditch'),
       point AS (SELECT ST_AsMVTGeom(g, b.env, 4096, 64, true) AS geom, layer, kind, status, name, township_id, township FROM f, b WHERE layer IN ('blockage', 'culvert')),
       area AS (SELECT ST_AsMVTGeom(g, b.env, 4096, 64, true) AS geom, kind, name, township_id, township FROM f, b WHERE layer = 'area')
       SELECT (SELECT coalesce(ST_AsMVT(ditch.*, 'ditch', 4096, 'geom'), ''::bytea) FROM ditch WHERE geom IS NOT NULL)
           || (SELECT coalesce(ST_AsMVT(area.*, 'area', 4096, 'geom'), ''::bytea) FROM area WHERE geom IS NOT NULL)
           || (SELECT coalesce(ST_AsMVT(point.*, 'point', 4096, 'geom'), ''::bytea) FROM point WHERE geom IS NOT NULL) AS mvt`,
      [z, x, y, ditchKindsAtZoom(z)],
    );
    return r.rows[0].mvt as Buffer;
  }

  /** The bounding box of every township's network [west, south, east, north] in WGS 84, or null when empty. */
  async extent(): Promise<[number, number, number, number] | null> {
    const r = await this.db.query(`SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n FROM (SELECT ST_Extent(geom) AS e FROM replica_feature) x`);
    const row = r.rows[0];
    return row && row.w !== null ? [row.w, row.s, row.e, row.n] : null;
  }
}
