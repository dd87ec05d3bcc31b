import type { Database, Statement } from 'better-sqlite3';
import { OPEN_BLOCKAGE_STATUSES } from '../../../../shared/domain/network';

type Raw = Record<string, unknown>;

const DITCH_COLUMNS = 'id, name, kind, village, bottom_width_m, depth_m, side_slope, manning_n, slope, condition, work, length_m, geometry, rowid';
const CULVERT_COLUMNS = 'id, name, village, ditch_id, diameter_m, length_m, barrels, geometry, rowid';
const AREA_COLUMNS = 'id, name, kind, area_m2, runoff_coefficient, curve_number, min_lon, min_lat, max_lon, max_lat, geometry, rowid';
const BLOCKAGE_COLUMNS = 'id, name, village, status, ditch_id, geometry, rowid';
const OPEN = `t.status IN (${OPEN_BLOCKAGE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The live network rows a capacity report reads, of one township (columns as stored, geometry as
 * text, and each row's rowid so a list patched by id keeps the order a full read gives). Every
 * read comes whole (the report's first call) or for the ids the change feed says were written.
 */
export class CapacityRepository {
  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {}

  /**
   * Live rows of `table`, all of them or (byId) those whose ids come as one JSON array, whatever
   * their number: walked from the array through the primary key, never a scan of the township.
   */
  private live(table: string, columns: string, extra: string, byId: boolean): Statement {
    const cols = columns.split(', ').map((c) => `t.${c}`).join(', ');
    const from = byId ? `json_each(@ids) AS j CROSS JOIN ${table} AS t ON t.id = j.value` : `${table} AS t`;
    return this.db.prepare(`SELECT ${cols} FROM ${from} WHERE t.township_id = @township AND t.deleted_at IS NULL${extra ? ` AND ${extra}` : ''} ORDER BY t.rowid`);
  }

  /**
   * Live ditches as raw arrays in this column order: id, name, kind, village, bottom_width_m,
   * depth_m, side_slope, manning_n, slope, condition, work, length_m, geometry, rowid. Raw rows
   * load 50,000 ditches in a fraction of the time named-column objects take (bench/capacity.ts).
   */
  ditchArrays(): unknown[][] {
    return this.live('ditch', DITCH_COLUMNS, '', false).raw(true).all({ township: this.townshipId }) as unknown[][];
  }

  /** The live ditches among `ids`, as ditchArrays gives them (a deleted or unknown id is absent). */
  ditchArraysById(ids: readonly string[]): unknown[][] {
    return this.live('ditch', DITCH_COLUMNS, '', true).raw(true).all({ township: this.townshipId, ids: JSON.stringify(ids) }) as unknown[][];
  }

  culverts(): Raw[] {
    return this.live('culvert', CULVERT_COLUMNS, '', false).all({ township: this.townshipId }) as Raw[];
  }

  /** The live culverts among `ids`. */
  culvertsById(ids: readonly string[]): Raw[] {
    return this.live('culvert', CULVERT_COLUMNS, '', true).all({ township: this.townshipId, ids: JSON.stringify(ids) }) as Raw[];
  }

  areas(): Raw[] {
    return this.live('area', AREA_COLUMNS, '', false).all({ township: this.townshipId }) as Raw[];
  }

  /** The live areas among `ids`. */
  areasById(ids: readonly string[]): Raw[] {
    return this.live('area', AREA_COLUMNS, '', true).all({ township: this.townshipId, ids: JSON.stringify(ids) }) as Raw[];
  }

  /** The blockages still holding water back (reported, assigned, in progress). */
  openBlockages(): Raw[] {
    return this.live('blockage', BLOCKAGE_COLUMNS, OPEN, false).all({ township: this.townshipId }) as Raw[];
  }

  /** The blockages among `ids` that still hold water back. */
  openBlockagesById(ids: readonly string[]): Raw[] {
    return this.live('blockage', BLOCKAGE_COLUMNS, OPEN, true).all({ township: this.townshipId, ids: JSON.stringify(ids) }) as Raw[];
  }

  /** The geometry of these blockages (live or not). */
  blockageGeometries(ids: readonly string[]): { id: string; geometry: string }[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare(`SELECT id, geometry FROM blockage WHERE township_id = ? AND id IN (${ids.map(() => '?').join(', ')})`)
      .all(this.townshipId, ...ids) as { id: string; geometry: string }[];
  }
}
