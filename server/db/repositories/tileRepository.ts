import type { ServerPool } from '../pool';
import { OverviewRepository, overviewLevel } from './overviewRepository';

/**
 * Where a tile's ditches come from. Up to the overview's last zoom (where a county's ditches are a
 * pixel or less): the overview, merged per township, kind class and condition, plus every blocked
 * ditch on its own; beyond it every ditch of every kind on its own.
 */
function ditchSource(level: number | null, table: string): string {
  const single = `SELECT f.kind, f.status, f.township_id, f.geom_3857 AS g, 1 AS ditches, false AS merged
                  FROM ${table} f, b WHERE f.layer = 'ditch' AND f.geom_3857 && b.clip`;
  if (level === null) return single;
  return `SELECT o.kind, o.status, o.township_id, o.geom_3857 AS g, o.ditches, true AS merged
          FROM replica_feature_overview o, b WHERE o.level = ${level} AND o.geom_3857 && b.clip
          UNION ALL ${single} AND f.status = 'blocked'`;
}

/** The county map's vector tiles, cut by PostGIS from the GiST-indexed Web Mercator geometry. */
export class TileRepository {
  constructor(private readonly db: ServerPool) {}

  /**
   * One Mapbox Vector Tile with layers `ditch` (`ditches` and `merged` say how many a feature
   * stands for), `point` (every blockage, culverts from zoom 12) and `area` (from zoom 11). A stale
   * overview is rebuilt first, so a synced edit shows on the next fetch. `generalise: false` cuts
   * every ditch on its own at any zoom (the bench's baseline).
   */
  async tile(z: number, x: number, y: number, opts: { table?: string; generalise?: boolean } = {}): Promise<Buffer> {
    const table = opts.table ?? 'replica_feature';
    const level = opts.generalise === false ? null : overviewLevel(z);
    if (level !== null) await new OverviewRepository(this.db).refresh();
    const r = await this.db.query(
      `WITH e AS (SELECT ST_TileEnvelope($1, $2, $3) AS env),
       b AS (SELECT env, ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * 64.0 / 4096) AS clip FROM e),
       d AS (${ditchSource(level, table)}),
       p AS (SELECT f.layer, f.kind, f.status, f.name, f.township_id, f.geom_3857 AS g FROM ${table} f, b
             WHERE f.layer <> 'ditch' AND f.geom_3857 && b.clip AND (f.layer = 'blockage' OR (f.layer = 'culvert' AND $1 >= 12) OR (f.layer = 'area' AND $1 >= 11))),
       ditch AS (SELECT ST_AsMVTGeom(d.g, b.env, 4096, 64, true) AS geom, d.kind, d.status, d.ditches, d.merged, d.township_id, t.name AS township
                 FROM d JOIN township t ON t.id = d.township_id, b),
       point AS (SELECT ST_AsMVTGeom(p.g, b.env, 4096, 64, true) AS geom, p.layer, p.kind, p.status, p.name, p.township_id, t.name AS township
                 FROM p JOIN township t ON t.id = p.township_id, b WHERE p.layer IN ('blockage', 'culvert')),
       area AS (SELECT ST_AsMVTGeom(p.g, b.env, 4096, 64, true) AS geom, p.kind, p.name, p.township_id, t.name AS township
                FROM p JOIN township t ON t.id = p.township_id, b WHERE p.layer = 'area')
       SELECT (SELECT coalesce(ST_AsMVT(ditch.*, 'ditch', 4096, 'geom'), ''::bytea) FROM ditch WHERE geom IS NOT NULL)
           || (SELECT coalesce(ST_AsMVT(area.*, 'area', 4096, 'geom'), ''::bytea) FROM area WHERE geom IS NOT NULL)
           || (SELECT coalesce(ST_AsMVT(point.*, 'point', 4096, 'geom'), ''::bytea) FROM point WHERE geom IS NOT NULL) AS mvt`,
      [z, x, y],
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
