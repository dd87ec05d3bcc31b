import type { Database, Statement } from 'better-sqlite3';
import type { Layer } from '../../../../shared/domain/network';

/** The columns each layer keeps besides the common ones (id, township, geometry, bbox, source, times). */
export const LAYER_COLUMNS: Record<Layer, readonly string[]> = {
  ditch: ['name', 'kind', 'village', 'bottom_width_m', 'depth_m', 'side_slope', 'manning_n', 'slope', 'condition', 'work', 'work_date', 'length_m', 'note', 'attributes'],
  culvert: ['name', 'ditch_id', 'village', 'diameter_m', 'length_m', 'barrels', 'material', 'laid_date', 'note', 'attributes'],
  blockage: ['name', 'ditch_id', 'culvert_id', 'village', 'status', 'reported_at', 'note', 'attributes'],
  area: ['name', 'kind', 'area_m2', 'runoff_coefficient', 'curve_number', 'note', 'attributes'],
};

const COMMON = ['id', 'township_id', 'geometry', 'min_lon', 'min_lat', 'max_lon', 'max_lat', 'source', 'import_batch_id', 'created_at', 'updated_at', 'deleted_at'];

/** A row as stored: column name → value. */
export type FeatureRow = Record<string, string | number | null>;

/** A value as bound: the attributes object (when given parsed) as its JSON text. */
function bindable(value: unknown): string | number | null {
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return value as string | number | null;
}

const statements = new WeakMap<Database, Map<string, Statement>>();

/** Prepare once per connection: bulk imports of 50,000 features go through these. */
function stmt(db: Database, key: string, sql: () => string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(key);
  if (!s) cache.set(key, (s = db.prepare(sql())));
  return s;
}

/** Network features of one township: the four layer tables and their change log. */
export class NetworkRepository {
  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {}

  columns(layer: Layer): string[] {
    return [...COMMON, ...LAYER_COLUMNS[layer]];
  }

  insert(layer: Layer, row: FeatureRow): void {
    const cols = this.columns(layer);
    // Positional values: binding by name costs noticeably on 50,000-row imports (bench/network.ts).
    const values = new Array<string | number | null>(cols.length);
    for (let i = 0; i < cols.length; i++) values[i] = bindable(row[cols[i]!]);
    stmt(this.db, `insert:${layer}`, () => `INSERT INTO ${layer} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(values);
  }

  /**
   * Overwrite every column of a row from a full snapshot (used by update and undo). A blockage's
   * status is never written here: it changes only through the lifecycle, with its event.
   */
  write(layer: Layer, row: FeatureRow): void {
    const cols = this.columns(layer).filter((c) => c !== 'id' && c !== 'township_id' && !(layer === 'blockage' && c === 'status'));
    stmt(this.db, `write:${layer}`, () => `UPDATE ${layer} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id AND township_id = @township_id`).run(
      Object.fromEntries([...cols, 'id', 'township_id'].map((c) => [c, bindable(row[c])])),
    );
  }

  /** One row, live or deleted. */
  get(layer: Layer, id: string): FeatureRow | undefined {
    return stmt(this.db, `get:${layer}`, () => `SELECT * FROM ${layer} WHERE id = ? AND township_id = ?`).get(id, this.townshipId) as FeatureRow | undefined;
  }

  /** Live rows of a layer, optionally only those whose bounding box meets `bbox` (via the R*Tree). */
  list(layer: Layer, bbox?: [number, number, number, number]): FeatureRow[] {
    if (!bbox) {
      return stmt(this.db, `list:${layer}`, () => `SELECT * FROM ${layer} WHERE township_id = ? AND deleted_at IS NULL ORDER BY rowid`).all(this.townshipId) as FeatureRow[];
    }
    return stmt(
      this.db,
      `listBox:${layer}`,
      () => `SELECT t.* FROM geo_rtree r JOIN geo_feature f ON f.gid = r.gid JOIN ${layer} t ON t.id = f.feature_id
             WHERE f.layer = '${layer}' AND r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?
               AND t.township_id = ? AND t.deleted_at IS NULL ORDER BY t.rowid`,
    ).all(bbox[0], bbox[2], bbox[1], bbox[3], this.townshipId) as FeatureRow[];
  }

  count(layer: Layer): number {
    return (stmt(this.db, `count:${layer}`, () => `SELECT count(*) AS n FROM ${layer} WHERE township_id = ? AND deleted_at IS NULL`).get(this.townshipId) as { n: number }).n;
  }

  /** Append one row to the network change log. */
  recordChange(change: {
    id: string;
    batchId: string;
    layer: Layer;
    featureId: string;
    action: 'create' | 'update' | 'delete' | 'import' | 'undo';
    before: FeatureRow | null;
    after: FeatureRow | null;
    source: string;
    at: string;
  }): void {
    stmt(
      this.db,
      'change',
      () => `INSERT INTO network_change (id, township_id, batch_id, layer, feature_id, action, before_json, after_json, source, at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      change.id,
      this.townshipId,
      change.batchId,
      change.layer,
      change.featureId,
      change.action,
      change.before ? JSON.stringify(change.before) : null,
      change.after ? JSON.stringify(change.after) : null,
      change.source,
      change.at,
      change.at,
      change.at,
    );
  }

  /** The newest batch of changes not yet undone (undo rows themselves are not undoable here). */
  lastUndoableBatch(): { id: string; layer: Layer; feature_id: string; action: string; before_json: string | null; after_json: string | null; at: string; source: string; batch_id: string }[] {
    const newest = this.db
      .prepare(`SELECT batch_id FROM network_change WHERE township_id = ? AND undone_at IS NULL AND action != 'undo' ORDER BY rowid DESC LIMIT 1`)
      .get(this.townshipId) as { batch_id: string } | undefined;
    if (!newest) return [];
    return this.db
      .prepare(`SELECT * FROM network_change WHERE township_id = ? AND batch_id = ? ORDER BY rowid`)
      .all(this.townshipId, newest.batch_id) as never;
  }

  markUndone(batchId: string, at: string): void {
    this.db.prepare('UPDATE network_change SET undone_at = ?, updated_at = ? WHERE township_id = ? AND batch_id = ?').run(at, at, this.townshipId, batchId);
  }

  history(limit: number): { id: string; batch_id: string; layer: Layer; feature_id: string; action: string; before_json: string | null; after_json: string | null; at: string; source: string }[] {
    return this.db
      .prepare(`SELECT id, batch_id, layer, feature_id, action, before_json, after_json, at, source FROM network_change WHERE township_id = ? ORDER BY rowid DESC LIMIT ?`)
      .all(this.townshipId, limit) as never;
  }
}
