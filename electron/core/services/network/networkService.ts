import { randomUUID } from 'node:crypto';
import type { Geometry } from 'geojson';
import { AppError } from '../../../../shared/contract/errors';
import type { CreateFeatureInput, MapCollection, NetworkChange, NetworkCollection, NetworkFeature, UpdateFeatureInput } from '../../../../shared/contract/network';
import { LAYERS, LAYER_LABELS, type Layer } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import { NetworkRepository, type FeatureRow } from '../../db/repositories/networkRepository';
import { defaults, displayName, geometryColumns, rowToFeature } from './features';

export function networkRepo(ctx: CoreContext): NetworkRepository {
  return new NetworkRepository(ctx.db, ctx.townshipId);
}

function notFound(layer: Layer, id: string): AppError {
  return new AppError('not_found', {
    zh: `找不到该${LAYER_LABELS[layer].zh}（编号 ${id}），可能已被删除`,
    en: `No such ${LAYER_LABELS[layer].en.toLowerCase()} (id ${id}); it may have been deleted`,
  });
}

/** One new feature ready to insert. Used by desk edits, imports and the demo alike. */
export interface NewFeature {
  layer: Layer;
  geometry: Geometry;
  properties: Record<string, unknown>;
  id?: string;
}

/**
 * Insert features and their change-log rows (and, for blockages, the first lifecycle event).
 * The caller wraps it in a transaction; one batch id makes them undo together.
 */
export function insertFeatures(
  ctx: CoreContext,
  features: readonly NewFeature[],
  opts: {
    batchId: string;
    action: 'create' | 'import';
    source: string;
    importBatchId?: string | null;
    at?: string;
    /**
     * For a file import: log one change per layer for the whole import (its rows carry the
     * import's id, which is all an undo needs) instead of one per feature, which doubled the cost
     * of a 50,000-ditch import (bench/network.ts).
     */
    logPerLayer?: { fileName: string };
  },
): FeatureRow[] {
  const repo = networkRepo(ctx);
  const at = opts.at ?? ctx.now().toISOString();
  const eventStmt = ctx.db.prepare(
    `INSERT INTO blockage_event (id, township_id, blockage_id, at, actor, source, from_status, to_status, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, '', ?, NULL, ?, ?, ?, ?)`,
  );
  const rows = features.map((f) => {
    const row: FeatureRow = {
      ...defaults(f.layer),
      ...(f.properties as FeatureRow),
      ...geometryColumns(f.layer, f.geometry),
      id: f.id ?? randomUUID(),
      township_id: ctx.townshipId,
      source: opts.source,
      import_batch_id: opts.importBatchId ?? null,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    };
    if (f.layer === 'blockage' && !row.reported_at) row.reported_at = at;
    repo.insert(f.layer, row);
    if (f.layer === 'blockage') {
      const status = String(row.status);
      eventStmt.run(randomUUID(), ctx.townshipId, row.id, String(row.reported_at), opts.source === 'demo' ? 'demo' : opts.source === 'import' ? 'import' : opts.source, status, opts.action === 'import' ? '导入' : '', at, at);
    }
    // A created row is in its table; the log needs only enough to name it (undo tombstones it).
    if (!opts.logPerLayer) {
      repo.recordChange({ id: randomUUID(), batchId: opts.batchId, layer: f.layer, featureId: String(row.id), action: opts.action, before: null, after: { name: row.name ?? '' }, source: opts.source, at });
    }
    return row;
  });
  if (opts.logPerLayer && opts.importBatchId) {
    for (const layer of LAYERS) {
      const count = rows.filter((r, i) => features[i]!.layer === layer).length;
      if (count === 0) continue;
      repo.recordChange({
        id: randomUUID(),
        batchId: opts.batchId,
        layer,
        featureId: opts.importBatchId,
        action: 'import',
        before: null,
        after: { name: `${opts.logPerLayer.fileName}（${count}）`, import_batch_id: opts.importBatchId, count },
        source: opts.source,
        at,
      });
    }
  }
  return rows;
}

/** Every live feature of the chosen layers (all by default), optionally within a bounding box. */
export function listFeatures(ctx: CoreContext, layers: readonly Layer[] = LAYERS, bbox?: [number, number, number, number]): NetworkCollection {
  const repo = networkRepo(ctx);
  // Areas first so they draw beneath; points last.
  const order: Layer[] = ['area', 'ditch', 'culvert', 'blockage'];
  const features = order.filter((l) => layers.includes(l)).flatMap((l) => repo.list(l, bbox).map((row) => rowToFeature(l, row)));
  return { type: 'FeatureCollection', features };
}

const MAP_PROPS: Record<Layer, readonly string[]> = {
  ditch: ['name', 'kind', 'condition'],
  culvert: ['name'],
  blockage: ['name', 'status'],
  area: ['name', 'kind'],
};

/** Every live feature with only what the map draws (geometry as stored, a few attributes). */
export function mapFeatures(ctx: CoreContext, layers: readonly Layer[] = LAYERS): MapCollection {
  const order: Layer[] = ['area', 'ditch', 'culvert', 'blockage'];
  const features: MapCollection['features'] = [];
  for (const layer of order.filter((l) => layers.includes(l))) {
    const cols = MAP_PROPS[layer];
    const rows = ctx.db
      .prepare(`SELECT id, geometry, ${cols.join(', ')} FROM ${layer} WHERE township_id = ? AND deleted_at IS NULL ORDER BY rowid`)
      .all(ctx.townshipId) as Record<string, string>[];
    for (const row of rows) {
      const properties: Record<string, string> = { id: row.id!, layer };
      for (const c of cols) properties[c] = row[c] ?? '';
      features.push({ type: 'Feature', id: row.id!, geometry: JSON.parse(row.geometry!), properties } as MapCollection['features'][number]);
    }
  }
  return { type: 'FeatureCollection', features };
}

export function getFeature(ctx: CoreContext, layer: Layer, id: string): NetworkFeature {
  const row = networkRepo(ctx).get(layer, id);
  if (!row || row.deleted_at) throw notFound(layer, id);
  return rowToFeature(layer, row);
}

/** Draw a new feature from the desk. */
export function createFeature(ctx: CoreContext, input: CreateFeatureInput): NetworkFeature {
  const [row] = ctx.db.transaction(() =>
    insertFeatures(ctx, [{ layer: input.layer, geometry: input.geometry, properties: input.properties }], {
      batchId: randomUUID(),
      action: 'create',
      source: ctx.source,
    }),
  )();
  return rowToFeature(input.layer, row!);
}

/** Edit attributes and/or move a feature; the old row is kept in the change log. */
export function updateFeature(ctx: CoreContext, input: UpdateFeatureInput): NetworkFeature {
  const repo = networkRepo(ctx);
  return ctx.db.transaction(() => {
    const before = repo.get(input.layer, input.id);
    if (!before || before.deleted_at) throw notFound(input.layer, input.id);
    const at = ctx.now().toISOString();
    const after: FeatureRow = { ...before, ...((input.properties ?? {}) as FeatureRow), updated_at: at };
    if (input.geometry) Object.assign(after, geometryColumns(input.layer, input.geometry));
    repo.write(input.layer, after);
    repo.recordChange({ id: randomUUID(), batchId: randomUUID(), layer: input.layer, featureId: input.id, action: 'update', before, after, source: ctx.source, at });
    return rowToFeature(input.layer, repo.get(input.layer, input.id)!);
  })();
}

/** Soft-delete a feature (a tombstone a future county sync can carry); undo brings it back. */
export function deleteFeature(ctx: CoreContext, layer: Layer, id: string): { id: string; layer: Layer } {
  const repo = networkRepo(ctx);
  ctx.db.transaction(() => {
    const before = repo.get(layer, id);
    if (!before || before.deleted_at) throw notFound(layer, id);
    const at = ctx.now().toISOString();
    const after = { ...before, deleted_at: at, updated_at: at };
    repo.write(layer, after);
    repo.recordChange({ id: randomUUID(), batchId: randomUUID(), layer, featureId: id, action: 'delete', before, after, source: ctx.source, at });
  })();
  return { id, layer };
}

function toChange(c: { id: string; batch_id: string; layer: Layer; feature_id: string; action: string; before_json: string | null; after_json: string | null; at: string; source: string }): NetworkChange {
  const row = JSON.parse(c.after_json ?? c.before_json ?? 'null') as FeatureRow | null;
  return {
    id: c.id,
    batchId: c.batch_id,
    layer: c.layer,
    featureId: c.feature_id,
    featureName: displayName(c.layer, row),
    action: c.action as NetworkChange['action'],
    at: c.at,
    source: c.source,
  };
}

/**
 * Reverse the newest change batch that is not undone yet: a created or imported feature is
 * tombstoned, an edited or deleted one gets its earlier row back. The undo is logged too.
 */
export function undoLastChange(ctx: CoreContext): { undone: NetworkChange | null; count: number } {
  const repo = networkRepo(ctx);
  return ctx.db.transaction(() => {
    const batch = repo.lastUndoableBatch();
    if (batch.length === 0) {
      throw new AppError('not_found', { zh: '没有可以撤销的地图修改', en: 'There is no map change to undo' });
    }
    const at = ctx.now().toISOString();
    const undoBatch = randomUUID();
    let undone = 0;
    for (const c of [...batch].reverse()) {
      const imported = c.action === 'import' && c.before_json === null ? (JSON.parse(c.after_json ?? '{}') as { import_batch_id?: string }).import_batch_id : undefined;
      if (imported) {
        // A whole file's features of one layer: tombstone every row that import created.
        const n = ctx.db
          .prepare(`UPDATE ${c.layer} SET deleted_at = ?, updated_at = ? WHERE township_id = ? AND import_batch_id = ? AND deleted_at IS NULL AND created_at = ?`)
          .run(at, at, ctx.townshipId, imported, c.at).changes;
        repo.recordChange({ id: randomUUID(), batchId: undoBatch, layer: c.layer, featureId: c.feature_id, action: 'undo', before: null, after: { name: `${displayName(c.layer, JSON.parse(c.after_json!))}`, undone: n }, source: ctx.source, at });
        undone += n;
        continue;
      }
      const current = repo.get(c.layer, c.feature_id);
      if (!current) continue;
      const restored: FeatureRow = c.before_json ? { ...(JSON.parse(c.before_json) as FeatureRow), updated_at: at } : { ...current, deleted_at: at, updated_at: at };
      repo.write(c.layer, restored);
      repo.recordChange({ id: randomUUID(), batchId: undoBatch, layer: c.layer, featureId: c.feature_id, action: 'undo', before: current, after: restored, source: ctx.source, at });
      undone++;
    }
    repo.markUndone(batch[0]!.batch_id, at);
    return { undone: toChange(batch[0]!), count: undone };
  })();
}

export function networkHistory(ctx: CoreContext, limit = 50): NetworkChange[] {
  return networkRepo(ctx).history(limit).map(toChange);
}
