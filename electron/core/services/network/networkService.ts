import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import type { CreateFeatureInput, MapCollection, NetworkChange, NetworkCollection, NetworkFeature, UpdateFeatureInput } from '../../../../shared/contract/network';
import { LAYERS, LAYER_LABELS, type BlockageStatus, type Layer } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import type { FeedRow } from '../../db/feed/changeFeed';
import { NetworkRepository, type FeatureRow, type NetworkHistoryRow } from '../../db/repositories/networkRepository';
import { recordReports, type Actor } from '../blockages/lifecycle';
import { timed, type PhaseTimer } from '../../phaseTimer';
import { orderedUuids } from '../../db/orderedIds';
import { displayName, geometryColumns, rowToFeature } from './features';
import { INSERT_SLICE as SLICE, newFeatureRow } from './newRow';

export function networkRepo(ctx: CoreContext): NetworkRepository {
  return new NetworkRepository(ctx.db, ctx.townshipId);
}

function notFound(layer: Layer, id: string): AppError {
  return new AppError('not_found', {
    zh: `找不到该${LAYER_LABELS[layer].zh}（编号 ${id}），可能已被删除`,
    en: `No such ${LAYER_LABELS[layer].en.toLowerCase()} (id ${id}); it may have been deleted`,
  });
}

import type { NewFeature } from './newRow';
export type { NewFeature };


/**
 * Insert features, each with its feed entry (and, for blockages, the first lifecycle event), in
 * bulk: rows built here with every computed column, bulk writes per layer of up to SLICE rows
 * (R*Tree included), one for the blockages' first events. The caller wraps it in a transaction;
 * one batch id makes them undo together. `timer` gets the breakdown (lengths, sql, feed, rtree)
 * the import bench prints.
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
    timer?: PhaseTimer;
  },
): void {
  const repo = networkRepo(ctx);
  const at = opts.at ?? ctx.now().toISOString();
  const meta = { batchId: opts.batchId, source: opts.source, at, action: opts.action };
  const who: Actor = { source: opts.source as Actor['source'], actor: '', teamId: null };
  // Ordered ids: the rows append to the primary-key index instead of landing all over it.
  const newId = orderedUuids();
  const stamp = { townshipId: ctx.townshipId, source: opts.source, importBatchId: opts.importBatchId ?? null, at, who };
  const toRow = (f: NewFeature): FeatureRow => newFeatureRow(f, f.id ?? newId(), stamp);
  const reports: { blockageId: string; spec: { status: BlockageStatus; at: string; note: string } }[] = [];
  for (const layer of LAYERS) {
    const mine = features.filter((f) => f.layer === layer);
    for (let start = 0; start < mine.length; start += SLICE) {
      const rows = timed(opts.timer, 'lengths', () => mine.slice(start, start + SLICE).map(toRow));
      repo.insertMany(layer, rows, meta, opts.timer);
      if (layer === 'blockage') {
        for (const row of rows) reports.push({ blockageId: String(row.id), spec: { status: row.status as BlockageStatus, at: String(row.reported_at), note: opts.action === 'import' ? '导入' : '' } });
      }
    }
  }
  timed(opts.timer, 'feed', () => recordReports(ctx, who, reports, opts.batchId));
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
  const repo = networkRepo(ctx);
  const features: MapCollection['features'] = [];
  for (const layer of order.filter((l) => layers.includes(l))) {
    const cols = MAP_PROPS[layer];
    for (const row of repo.slim(layer, cols)) {
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
  const id = orderedUuids()();
  const row = ctx.db.transaction(() => {
    insertFeatures(ctx, [{ layer: input.layer, geometry: input.geometry, properties: input.properties, id }], {
      batchId: randomUUID(),
      action: 'create',
      source: ctx.source,
    });
    return networkRepo(ctx).get(input.layer, id)!;
  })();
  return rowToFeature(input.layer, row);
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
    repo.write(input.layer, after, { batchId: randomUUID(), source: ctx.source, at, action: 'update' });
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
    repo.write(layer, after, { batchId: randomUUID(), source: ctx.source, at, action: 'delete' });
  })();
  return { id, layer };
}

function toChange(c: NetworkHistoryRow | FeedRow): NetworkChange {
  const layer = c.table_name as Layer;
  const row = JSON.parse(c.row_json ?? c.before_json ?? 'null') as FeatureRow | null;
  const n = 'n' in c ? c.n : 1;
  const fileName = 'file_name' in c ? c.file_name : null;
  // A file import's features of one layer are one history row, named for the file and its count.
  const imported = c.action === 'import' && c.before_json === null && fileName !== null && row?.count === undefined;
  return {
    id: c.change_id,
    batchId: c.batch_id,
    layer,
    featureId: imported ? String(row?.import_batch_id ?? c.row_id) : c.row_id,
    featureName: imported ? `${fileName}（${n}）` : displayName(layer, row),
    action: c.action as NetworkChange['action'],
    at: c.at,
    source: c.source,
  };
}

/**
 * Reverse the newest change batch that is not undone yet: a created or imported feature is
 * tombstoned, an edited or deleted one gets its earlier row back. The undo is in the feed too.
 */
export function undoLastChange(ctx: CoreContext): { undone: NetworkChange | null; count: number } {
  const repo = networkRepo(ctx);
  return ctx.db.transaction(() => {
    const batch = repo.lastUndoableBatch();
    if (batch.length === 0) {
      throw new AppError('not_found', { zh: '没有可以撤销的地图修改', en: 'There is no map change to undo' });
    }
    const at = ctx.now().toISOString();
    const meta = { batchId: randomUUID(), source: ctx.source, at, action: 'undo', undoesBatch: batch[0]!.batch_id };
    let undone = 0;
    const restore = (layer: Layer, id: string, before: FeatureRow | null) => {
      const current = repo.get(layer, id);
      if (!current) return;
      repo.write(layer, before ? { ...before, updated_at: at } : { ...current, deleted_at: at, updated_at: at }, meta);
      undone++;
    };
    for (const c of [...batch].reverse()) {
      const layer = c.table_name as Layer;
      const row = c.row_json ? (JSON.parse(c.row_json) as FeatureRow) : null;
      if (c.action === 'import' && c.before_json === null && row?.count !== undefined && row.import_batch_id) {
        // Logged before the change feed: one entry stood for a whole file's features of one layer.
        for (const id of repo.importedIds(layer, String(row.import_batch_id), c.at)) restore(layer, id, null);
        continue;
      }
      restore(layer, c.row_id, c.before_json ? (JSON.parse(c.before_json) as FeatureRow) : null);
    }
    repo.markUndone(batch[0]!.batch_id, meta.batchId);
    return { undone: toChange(batch[0]!), count: undone };
  })();
}

export function networkHistory(ctx: CoreContext, limit = 50): NetworkChange[] {
  return networkRepo(ctx).history(limit).map(toChange);
}
