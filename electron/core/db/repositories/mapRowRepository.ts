import type { Database, Statement } from 'better-sqlite3';
import type { Layer } from '../../../../shared/domain/network';

/** The attributes the map draws and filters on, per layer (besides id and layer). */
export const MAP_PROPS: Record<Layer, readonly string[]> = {
  ditch: ['name', 'kind', 'condition'],
  culvert: ['name'],
  blockage: ['name', 'status'],
  area: ['name', 'kind'],
};

/** One live feature as the map needs it: id, geometry text and the drawn attributes. */
export interface MapRow {
  id: string;
  geometry: string;
  props: Record<string, string>;
}

/** Read-only queries for the map's vector tiles (services/tiles). */
export class MapRowRepository {
  private readonly byIdStmts = new Map<Layer, Statement>();

  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {}

  private select(layer: Layer, where: string): string {
    return `SELECT id, geometry, ${MAP_PROPS[layer].join(', ')} FROM ${layer} WHERE township_id = ? AND deleted_at IS NULL ${where}`;
  }

  private toRow(layer: Layer, r: Record<string, string | number | null>): MapRow {
    const props: Record<string, string> = {};
    for (const c of MAP_PROPS[layer]) props[c] = String(r[c] ?? '');
    return { id: String(r.id), geometry: String(r.geometry), props };
  }

  /** Every live feature of the layer, in rowid order. */
  all(layer: Layer): MapRow[] {
    const rows = this.db.prepare(this.select(layer, 'ORDER BY rowid')).all(this.townshipId) as Record<string, string | number | null>[];
    return rows.map((r) => this.toRow(layer, r));
  }

  /** The live feature with this id, or null (deleted, another township's, or unknown). */
  byId(layer: Layer, id: string): MapRow | null {
    let stmt = this.byIdStmts.get(layer);
    if (!stmt) this.byIdStmts.set(layer, (stmt = this.db.prepare(this.select(layer, 'AND id = ?'))));
    const r = stmt.get(this.townshipId, id) as Record<string, string | number | null> | undefined;
    return r ? this.toRow(layer, r) : null;
  }
}
