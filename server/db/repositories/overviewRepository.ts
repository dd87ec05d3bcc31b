import type pg from 'pg';
import { withTransaction, type ServerPool } from '../pool';

/** Zooms whose tiles read the overview; from OVERVIEW_MAX_ZOOM + 1 on, every ditch is its own feature. */
export const OVERVIEW_MIN_ZOOM = 6;
export const OVERVIEW_MAX_ZOOM = 11;
const LEVELS = Array.from({ length: OVERVIEW_MAX_ZOOM - OVERVIEW_MIN_ZOOM + 1 }, (_, i) => OVERVIEW_MIN_ZOOM + i);

/** The overview level a tile at zoom z reads, or null when z shows single ditches. */
export function overviewLevel(z: number): number | null {
  return z > OVERVIEW_MAX_ZOOM ? null : Math.max(z, OVERVIEW_MIN_ZOOM);
}

/**
 * The ditches of the given cells, generalised for every level: per cell, township, kind class and
 * condition, one geometry snapped to the level's pixel grid (a 512-pixel tile's pixel) and merged
 * (ST_LineMerge) into as few lines as stay within a pixel of every ditch. A ditch smaller than a
 * pixel becomes a one-pixel dash at its centre, so it is never dropped. Rivers and main ditches
 * keep their kind; branch and field ditches, interleaved at that scale, merge as `minor`.
 * Blocked ditches are not in it: tiles carry each of them on its own.
 */
const REBUILD = `
  INSERT INTO replica_feature_overview (level, cell, township_id, kind, status, ditches, geom_3857)
  SELECT l.z, c.cell, f.township_id, CASE WHEN f.kind IN ('river', 'main') THEN f.kind ELSE 'minor' END AS class, f.status, count(*),
    ST_Simplify(ST_LineMerge(ST_Collect(DISTINCT
      CASE WHEN ST_XMax(f.geom_3857) - ST_XMin(f.geom_3857) < gr.px AND ST_YMax(f.geom_3857) - ST_YMin(f.geom_3857) < gr.px
           THEN ST_MakeLine(ST_SnapToGrid(ST_Centroid(f.geom_3857), gr.px), ST_Translate(ST_SnapToGrid(ST_Centroid(f.geom_3857), gr.px), gr.px, 0))
           ELSE ST_SnapToGrid(f.geom_3857, gr.px) END)), gr.px / 2, true)
  FROM unnest($1::bigint[]) AS c(cell)
  CROSS JOIN LATERAL (SELECT ST_MakeEnvelope(-20037508.342789244 + (c.cell / 4096) * 9783.939620502294, -20037508.342789244 + (c.cell % 4096) * 9783.939620502294,
                                             -20037508.342789244 + (c.cell / 4096 + 1) * 9783.939620502294, -20037508.342789244 + (c.cell % 4096 + 1) * 9783.939620502294, 3857) AS box) b
  JOIN replica_feature f ON f.geom_3857 && b.box AND overview_cell(f.geom_3857) = c.cell
  CROSS JOIN unnest($2::int[]) AS l(z)
  CROSS JOIN LATERAL (SELECT 40075016.68557849 / 2 ^ l.z / 512 AS px) gr
  WHERE f.layer = 'ditch' AND f.status <> 'blocked'
  GROUP BY l.z, gr.px, c.cell, f.township_id, class, f.status`;

/** The pre-generalised county overview, rebuilt cell by cell where writes marked it stale. */
export class OverviewRepository {
  constructor(private readonly pool: ServerPool) {}

  /**
   * Rebuild every stale cell, in one transaction; answers how many. A concurrent caller waits on
   * the same cells' rows and then finds them fresh, so a tile never reads a half-built cell.
   */
  async refresh(): Promise<number> {
    const quick = await this.pool.query('SELECT EXISTS (SELECT 1 FROM replica_feature_overview_stale) AS any');
    if (!quick.rows[0].any) return 0;
    return withTransaction(this.pool, (c) => rebuildStale(c));
  }
}

async function rebuildStale(c: pg.PoolClient): Promise<number> {
  const stale = await c.query('DELETE FROM replica_feature_overview_stale RETURNING cell');
  const cells = stale.rows.map((r) => String(r.cell));
  if (cells.length === 0) return 0;
  await c.query('DELETE FROM replica_feature_overview WHERE cell = ANY($1::bigint[])', [cells]);
  await c.query(REBUILD, [cells, LEVELS]);
  return cells.length;
}
