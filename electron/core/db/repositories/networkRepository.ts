import type { Database, Statement } from 'better-sqlite3';
import { ChangeFeed, type FeedRow, type StoredRows, type WriteMeta } from '../feed/changeFeed';
import type { Layer } from '../../../../shared/domain/network';
import { timed, type PhaseTimer } from '../../phaseTimer';

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

/** The verbs of map edits in the feed (lifecycle writes to blockage rows carry their own and are not map edits). */
export const NETWORK_ACTIONS = ['create', 'update', 'delete', 'import', 'undo'] as const;
export type NetworkAction = (typeof NETWORK_ACTIONS)[number];

/** A value as bound: the attributes object (when given parsed) as its JSON text. */
function bindable(value: unknown): string | number | null {
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return value as string | number | null;
}

/** One network change as the history shows it; imports are one row per file and layer. */
export interface NetworkHistoryRow extends FeedRow {
  /** Entries this row stands for (an import's features of one layer). */
  n: number;
  file_name: string | null;
}

/** Network features of one township: the four layer tables, written through the change feed. */
export class NetworkRepository {
  readonly feed: ChangeFeed;
  // Prepared once per repository: bulk imports of 50,000 features go through these.
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {
    this.feed = new ChangeFeed(db, townshipId);
  }

  private stmt(key: string, sql: () => string): Statement {
    let s = this.statements.get(key);
    if (!s) this.statements.set(key, (s = this.db.prepare(sql())));
    return s;
  }

  columns(layer: Layer): string[] {
    return [...COMMON, ...LAYER_COLUMNS[layer]];
  }

  /** Insert a new feature with its feed entry. */
  insert(layer: Layer, row: FeatureRow, meta: WriteMeta): void {
    this.insertMany(layer, [row], meta);
  }

  /**
   * Insert new features of one layer with their feed entries, in bulk (ChangeFeed.insertMany),
   * and enter them into the R*Tree in one pass afterwards instead of by a trigger per row
   * (migration 0013's flag). Inside the caller's transaction; returns the rows as stored.
   */
  insertMany(layer: Layer, rows: readonly FeatureRow[], meta: WriteMeta, timer?: PhaseTimer): FeatureRow[] {
    if (rows.length === 0) return [];
    // The attributes object (when given parsed) is stored as its JSON text.
    const bound = rows.map((r) => (typeof r.attributes === 'object' && r.attributes !== null ? { ...r, attributes: bindable(r.attributes) } : r));
    return this.bulk(layer, () => this.feed.insertMany(layer, bound, meta, timer) as FeatureRow[], timer);
  }

  /** insertMany for rows already completed as stored (the import worker's; ChangeFeed.insertStored). */
  insertStored(layer: Layer, rows: StoredRows, meta: WriteMeta, timer?: PhaseTimer): void {
    if (rows.count === 0) return;
    this.bulk(layer, () => this.feed.insertStored(layer, rows, meta, timer), timer);
  }

  /** Run a bulk insert of new layer rows with the R*Tree's trigger off, then index them in one pass. */
  private bulk<T>(layer: Layer, insert: () => T, timer?: PhaseTimer): T {
    if (!this.db.inTransaction) throw new Error('NetworkRepository.insertMany runs inside the caller\'s transaction');
    // New rows get rowids above the largest one (no AUTOINCREMENT, nothing else writes in this transaction): the R*Tree pass finds them by that.
    const after = this.stmt(`maxRowid:${layer}`, () => `SELECT coalesce(max(rowid), 0) FROM ${layer}`).pluck().get() as number;
    this.stmt('bulkOn', () => 'INSERT INTO geo_bulk_load (id) VALUES (1)').run();
    let stored: T;
    try {
      stored = insert();
    } finally {
      this.stmt('bulkOff', () => 'DELETE FROM geo_bulk_load').run();
    }
    timed(timer, 'rtree', () => this.index(layer, after));
    return stored;
  }

  /**
   * Enter the live rows inserted after rowid `after` into geo_feature and the R*Tree, in the order
   * inserted: two INSERT … SELECT statements, so SQLite copies the boxes without a call per row.
   */
  private index(layer: Layer, after: number): void {
    const gidBefore = this.stmt('maxGid', () => 'SELECT coalesce(max(gid), 0) FROM geo_feature').pluck().get() as number;
    this.stmt(`geoFeature:${layer}`, () => `INSERT INTO geo_feature (layer, feature_id) SELECT '${layer}', id FROM ${layer} WHERE rowid > ? AND deleted_at IS NULL ORDER BY rowid`).run(after);
    this.stmt(
      `geoBox:${layer}`,
      () => `INSERT INTO geo_rtree (gid, min_lon, max_lon, min_lat, max_lat)
             SELECT f.gid, t.min_lon, t.max_lon, t.min_lat, t.max_lat FROM geo_feature f JOIN ${layer} t ON t.id = f.feature_id WHERE f.gid > ? ORDER BY f.gid`,
    ).run(gidBefore);
  }

  /**
   * Overwrite every column of a row from a full snapshot (used by update and undo). A blockage's
   * status is never written here: it changes only through the lifecycle, with its event.
   */
  write(layer: Layer, row: FeatureRow, meta: WriteMeta): void {
    const cols = this.columns(layer).filter((c) => c !== 'id' && c !== 'township_id' && !(layer === 'blockage' && c === 'status'));
    this.feed.write(layer, String(row.id), meta, () =>
      this.stmt(`write:${layer}`, () => `UPDATE ${layer} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id AND township_id = @township_id`).run(
        Object.fromEntries([...cols, 'id', 'township_id'].map((c) => [c, bindable(row[c])])),
      ),
    );
  }

  /** One row, live or deleted. */
  get(layer: Layer, id: string): FeatureRow | undefined {
    return this.stmt(`get:${layer}`, () => `SELECT * FROM ${layer} WHERE id = ? AND township_id = ?`).get(id, this.townshipId) as FeatureRow | undefined;
  }

  /** The rows (live or deleted) of a layer with these ids, by id: one query however many. */
  getMany(layer: Layer, ids: readonly string[]): Map<string, FeatureRow> {
    const rows = this.stmt(`getMany:${layer}`, () => `SELECT * FROM ${layer} WHERE township_id = ? AND id IN (SELECT value FROM json_each(?))`).all(this.townshipId, JSON.stringify(ids)) as FeatureRow[];
    return new Map(rows.map((r) => [String(r.id), r]));
  }

  /** Live rows of a layer, optionally only those whose bounding box meets `bbox` (via the R*Tree). */
  list(layer: Layer, bbox?: [number, number, number, number]): FeatureRow[] {
    if (!bbox) {
      return this.stmt(`list:${layer}`, () => `SELECT * FROM ${layer} WHERE township_id = ? AND deleted_at IS NULL ORDER BY rowid`).all(this.townshipId) as FeatureRow[];
    }
    return this.stmt(
      `listBox:${layer}`,
      () => `SELECT t.* FROM geo_rtree r JOIN geo_feature f ON f.gid = r.gid JOIN ${layer} t ON t.id = f.feature_id
             WHERE f.layer = '${layer}' AND r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?
               AND t.township_id = ? AND t.deleted_at IS NULL ORDER BY t.rowid`,
    ).all(bbox[0], bbox[2], bbox[1], bbox[3], this.townshipId) as FeatureRow[];
  }

  /** Live rows of a layer with only the named columns (what the map draws), in insertion order. */
  slim(layer: Layer, cols: readonly string[]): Record<string, string>[] {
    return this.stmt(`slim:${layer}:${cols.join(',')}`, () => `SELECT id, geometry, ${cols.join(', ')} FROM ${layer} WHERE township_id = ? AND deleted_at IS NULL ORDER BY rowid`).all(
      this.townshipId,
    ) as Record<string, string>[];
  }

  count(layer: Layer): number {
    return (this.stmt(`count:${layer}`, () => `SELECT count(*) AS n FROM ${layer} WHERE township_id = ? AND deleted_at IS NULL`).get(this.townshipId) as { n: number }).n;
  }

  /** Live rows a file import created in one layer (to undo an import logged before the feed, per layer). */
  importedIds(layer: Layer, importBatchId: string, createdAt: string): string[] {
    return (
      this.db
        .prepare(`SELECT id FROM ${layer} WHERE township_id = ? AND import_batch_id = ? AND deleted_at IS NULL AND created_at = ?`)
        .all(this.townshipId, importBatchId, createdAt) as { id: string }[]
    ).map((r) => r.id);
  }

  /** Record an imported file (counts filled in when the import is written). */
  insertImportBatch(b: { id: string; fileName: string; format: string; crs: string; counts: Record<string, number>; at: string }, meta: WriteMeta): void {
    this.feed.write('import_batch', b.id, meta, () =>
      this.db
        .prepare('INSERT INTO import_batch (id, township_id, file_name, format, crs, counts_json, imported_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(b.id, this.townshipId, b.fileName, b.format, b.crs, JSON.stringify(b.counts), b.at, b.at, b.at),
    );
  }

  private get scopes() {
    return (['ditch', 'culvert', 'blockage', 'area'] as const).map((table) => ({ table }));
  }

  /** The newest map-edit batch not yet undone (undos themselves are not undone here), oldest entry first. */
  lastUndoableBatch(): FeedRow[] {
    const newest = this.feed.recent({ scopes: this.scopes, actions: NETWORK_ACTIONS.filter((a) => a !== 'undo'), undoable: true }, 1)[0];
    if (!newest) return [];
    return this.feed.batch(newest.batch_id).filter((c) => this.scopes.some((s) => s.table === c.table_name) && (NETWORK_ACTIONS as readonly string[]).includes(c.action));
  }

  /** Mark a batch undone by an undo batch. */
  markUndone(batchId: string, undoBatchId: string): void {
    this.feed.markUndone(batchId, undoBatchId);
  }

  /**
   * Map edits newest first. The features one file import wrote to one layer are one row (their
   * count in `n`, the file's name beside), so a 50,000-ditch import does not flood the list.
   */
  history(limit: number): NetworkHistoryRow[] {
    const rows = this.db
      .prepare(
        `SELECT f.*, max(f.seq) AS seq, count(*) AS n, b.file_name
         FROM change_feed f LEFT JOIN import_batch b ON f.action = 'import' AND b.id = json_extract(f.row_json, '$.import_batch_id')
         WHERE f.township_id = ? AND f.table_name IN ('ditch', 'culvert', 'blockage', 'area') AND f.action IN (${NETWORK_ACTIONS.map((a) => `'${a}'`).join(', ')})
         GROUP BY CASE WHEN f.action = 'import' AND f.before_json IS NULL THEN f.batch_id || ':' || f.table_name ELSE f.change_id END
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(this.townshipId, limit) as NetworkHistoryRow[];
    return this.withFileNames(this.feed.materialise(rows));
  }

  /** The file of each import entry that carried its row by reference (its import_batch_id was not in row_json for the join above). */
  private withFileNames(rows: NetworkHistoryRow[]): NetworkHistoryRow[] {
    const byRef = rows.filter((r) => r.action === 'import' && r.row_by_ref === 1 && r.file_name === null);
    const batchOf = (r: NetworkHistoryRow) => (JSON.parse(r.row_json!) as { import_batch_id?: string | null }).import_batch_id ?? null;
    const ids = [...new Set(byRef.map(batchOf).filter((id) => id !== null))];
    if (ids.length === 0) return rows;
    const names = new Map(
      (this.db.prepare('SELECT id, file_name FROM import_batch WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: string; file_name: string }[]).map((b) => [b.id, b.file_name]),
    );
    for (const r of byRef) r.file_name = names.get(batchOf(r) ?? '') ?? null;
    return rows;
  }
}
