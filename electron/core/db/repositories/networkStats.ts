import type { Database } from 'better-sqlite3';
import { OPEN_BLOCKAGE_STATUSES, type Layer } from '../../../../shared/domain/network';

type Row = Record<string, string | number>;

/** Read-only questions about the network of one township: search, villages, extent, nearby features. */
export class NetworkStats {
  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {}

  /** Live features of a layer whose name (or village) is LIKE `like` (already escaped with \\). */
  search(layer: Layer, like: string, limit: number): Row[] {
    const extra = layer === 'ditch' ? ', kind' : layer === 'blockage' ? ', status' : layer === 'area' ? ", kind, '' AS village" : '';
    const village = layer === 'area' ? '' : ', village';
    return this.db
      .prepare(
        `SELECT id, name${village}${extra}, min_lon, min_lat, max_lon, max_lat FROM ${layer}
         WHERE township_id = ? AND deleted_at IS NULL AND (name LIKE ? ESCAPE '\\' ${layer === 'area' ? '' : "OR village LIKE ? ESCAPE '\\'"})
         LIMIT ?`,
      )
      .all(...(layer === 'area' ? [this.townshipId, like, limit] : [this.townshipId, like, like, limit])) as Row[];
  }

  /** Per village: its areas' extent (a, b, c, d), and its ditches, culverts and open blockages with counts. */
  villageRows(): { areas: Row[]; ditches: Row[]; culverts: Row[]; openBlockages: Row[] } {
    const rows = (sql: string) => this.db.prepare(sql).all(this.townshipId) as Row[];
    const open = OPEN_BLOCKAGE_STATUSES.map((s) => `'${s}'`).join(',');
    return {
      areas: rows(`SELECT name, min(min_lon) a, min(min_lat) b, max(max_lon) c, max(max_lat) d FROM area WHERE township_id = ? AND deleted_at IS NULL AND kind = 'village' GROUP BY name`),
      ditches: rows(`SELECT village, count(*) n, sum(length_m) len, min(min_lon) a, min(min_lat) b, max(max_lon) c, max(max_lat) d FROM ditch WHERE township_id = ? AND deleted_at IS NULL GROUP BY village`),
      culverts: rows(`SELECT village, count(*) n, min(min_lon) a, min(min_lat) b, max(max_lon) c, max(max_lat) d FROM culvert WHERE township_id = ? AND deleted_at IS NULL GROUP BY village`),
      openBlockages: rows(`SELECT village, count(*) n, min(min_lon) a, min(min_lat) b, max(max_lon) c, max(max_lat) d FROM blockage WHERE township_id = ? AND deleted_at IS NULL AND status IN (${open}) GROUP BY village`),
    };
  }

  /** Live ditch length per kind. */
  ditchLengthByKind(): { kind: string; len: number }[] {
    return this.db.prepare('SELECT kind, sum(length_m) len FROM ditch WHERE township_id = ? AND deleted_at IS NULL GROUP BY kind').all(this.townshipId) as { kind: string; len: number }[];
  }

  /** The bounding box of a layer's live features, or null when it has none. */
  extent(layer: Layer): [number, number, number, number] | null {
    const r = this.db.prepare(`SELECT min(min_lon) a, min(min_lat) b, max(max_lon) c, max(max_lat) d FROM ${layer} WHERE township_id = ? AND deleted_at IS NULL`).get(this.townshipId) as Record<string, number | null>;
    return r.a === null ? null : [Number(r.a), Number(r.b), Number(r.c), Number(r.d)];
  }

  /** Whether a layer holds live sample (demo) features. */
  hasDemo(layer: Layer): boolean {
    return this.db.prepare(`SELECT 1 FROM ${layer} WHERE township_id = ? AND source = 'demo' AND deleted_at IS NULL LIMIT 1`).get(this.townshipId) !== undefined;
  }

  /** Rows of a layer ever written, deleted ones included (the demo seed refuses to write over real data). */
  countAll(layer: Layer): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${layer} WHERE township_id = ?`).get(this.townshipId) as { n: number }).n;
  }

  /** Ditches and areas whose bounding box meets a box (R*Tree). */
  nearby(minLon: number, minLat: number, maxLon: number, maxLat: number): { layer: 'ditch' | 'area'; feature_id: string }[] {
    return this.db
      .prepare(
        `SELECT f.layer, f.feature_id FROM geo_rtree r JOIN geo_feature f ON f.gid = r.gid
         WHERE f.layer IN ('ditch','area') AND r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?`,
      )
      .all(minLon, maxLon, minLat, maxLat) as { layer: 'ditch' | 'area'; feature_id: string }[];
  }

  /** A live village area's name and outline. */
  villageArea(id: string): { name: string; geometry: string } | undefined {
    return this.db.prepare(`SELECT name, geometry FROM area WHERE id = ? AND township_id = ? AND kind = 'village' AND deleted_at IS NULL`).get(id, this.townshipId) as
      | { name: string; geometry: string }
      | undefined;
  }

  /** A live ditch's village and line. */
  ditchLine(id: string): { id: string; village: string; geometry: string } | undefined {
    return this.db.prepare('SELECT id, village, geometry FROM ditch WHERE id = ? AND township_id = ? AND deleted_at IS NULL').get(id, this.townshipId) as
      | { id: string; village: string; geometry: string }
      | undefined;
  }
}
