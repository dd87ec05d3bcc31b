import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import type { ExportFormatName, ImportPreview, ImportResult, FieldMappingInput } from '../../../../shared/contract/imports';
import { LAYER_LABELS, LAYERS, type BlockageStatus, type Layer } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import { bulkTransaction } from '../../db/bulkTransaction';
import type { StoredRows, WriteMeta } from '../../db/feed/changeFeed';
import type { FeatureRow, NetworkRepository } from '../../db/repositories/networkRepository';
import { exportNetwork } from '../../importers/network';
import { exportGpkg } from '../../importers/network/exportGpkg';
import { exportLedger } from '../../importers/network/exportLedger';
import { exportShapefileZip, type ShapefileEncoding } from '../../importers/network/exportShapefile';
import type { NetworkFeature as FileFeature, NetworkPreview } from '../../importers/network/types';
import { inlineParser, type NetworkParser } from '../../importers/worker/networkParser';
import { PREVIEW_SAMPLE_SIZE } from '../../importers/worker/protocol';
import { timed, type PhaseTimer } from '../../phaseTimer';
import { recordReports } from '../blockages/lifecycle';
import { geometryColumns } from '../network/features';
import { listFeatures, networkRepo } from '../network/networkService';
import { prepareImport, type FileIdUse, type PrepareContext, type PreparedItem, type PreparedSlice, type PreparedStream, type PrepareOptions } from './prepareImport';
import type { PreviewStore } from './previewStore';

/** Read a file and keep its preview in `store` for the user to confirm; nothing is written. */
export async function previewImport(store: PreviewStore, fileName: string, bytes: Uint8Array, parser: NetworkParser = inlineParser()): Promise<{ preview: NetworkPreview; view: ImportPreview }> {
  const preview = await parser.parse(fileName, bytes);
  const previewId = store.keep(preview);
  // The name column the mapping found (NAME_CN, 沟渠名称…), so the sample shows real names.
  const nameField = preview.suggestedMapping.fields.name;
  const view: ImportPreview = {
    previewId,
    fileName: preview.fileName,
    format: preview.format,
    encoding: preview.encoding,
    detectedCrs: preview.detectedCrs,
    crsReason: preview.crsReason,
    counts: preview.counts,
    fields: preview.fields,
    suggestedMapping: preview.suggestedMapping as FieldMappingInput,
    warnings: preview.warnings,
    sample: preview.features.slice(0, PREVIEW_SAMPLE_SIZE).map((f) => ({
      index: f.index,
      layer: f.suggestedLayer,
      name: String((nameField ? f.properties[nameField] : null) ?? f.properties.name ?? f.properties.Name ?? f.properties['名称'] ?? ''),
      where: f.where,
    })),
  };
  return { preview, view };
}

/** The stored rows (live or deleted) of every file id that is one of our UUIDs, per layer: one query per layer, not one per feature. */
function storedByFileId(repo: ReturnType<typeof networkRepo>, uses: readonly FileIdUse[]): Map<Layer, Map<string, FeatureRow>> {
  const ids = [...new Set(uses.map((u) => u.fileId))];
  return new Map(LAYERS.map((l) => [l, ids.length === 0 ? new Map<string, FeatureRow>() : repo.getMany(l, ids)]));
}

/**
 * A feature of ours that comes back on another layer (an exported culvert changed into a blockage)
 * cannot be updated in place: the id belongs to a row of the other layer. Refuse, naming each, so
 * the user decides; nothing is written.
 */
function refuseLayerChanges(stored: Map<Layer, Map<string, FeatureRow>>, uses: readonly FileIdUse[], fileName: string): void {
  const moved: { index: number; name: string; from: Layer; to: Layer; id: string }[] = [];
  for (const { layer, index, name, fileId } of uses) {
    if (stored.get(layer)!.has(fileId)) continue;
    const from = LAYERS.find((l) => l !== layer && stored.get(l)!.has(fileId));
    if (from) moved.push({ index, name, from, to: layer, id: fileId });
  }
  if (moved.length === 0) return;
  const list = (lang: 'zh' | 'en') =>
    moved
      .slice(0, 5)
      .map((m) => (lang === 'zh' ? `第 ${m.index} 个“${m.name || m.id}”（原为${LAYER_LABELS[m.from].zh}，文件中为${LAYER_LABELS[m.to].zh}）` : `#${m.index} "${m.name || m.id}" (a ${LAYER_LABELS[m.from].en.toLowerCase()} here, ${LAYER_LABELS[m.to].en.toLowerCase()} in the file)`))
      .join(lang === 'zh' ? '；' : '; ');
  throw new AppError(
    'import_invalid',
    {
      zh: `文件 ${fileName} 中有 ${moved.length} 个要素换了图层：${list('zh')}。未导入任何内容。要改图层，请先在地图上删除原来的要素再导入，或在文件中清空它们的 id 作为新要素导入`,
      en: `${moved.length} feature(s) in ${fileName} changed layer: ${list('en')}. Nothing was imported. To change a layer, delete the old feature on the map first, or clear their id in the file to import them as new features`,
    },
    { reason: 'layer_changed', fileName, features: moved.slice(0, 100) },
  );
}

/** The prepared import in the caller's thread (the CLI and tests, whose previews are parsed inline). */
function inlinePrepared(preview: NetworkPreview, options: PrepareOptions, context: PrepareContext): PreparedStream {
  const items = prepareImport(preview, options, context);
  return { inWorker: false, next: () => items.next().value ?? { kind: 'done', phases: {} }, close: () => void items.return() };
}

/** The next item of the stream, which must be of this kind. */
function nextOfKind<K extends PreparedItem['kind']>(stream: PreparedStream, kind: K): Extract<PreparedItem, { kind: K }> {
  const item = stream.next();
  if (item.kind !== kind) throw new Error(`import preparation: expected ${kind}, got ${item.kind}`);
  return item as Extract<PreparedItem, { kind: K }>;
}

/**
 * Write a previewed file: convert to WGS84 under the confirmed system, map the fields, validate
 * every feature, then insert (or update, for features of ours re-imported by id) in ONE
 * transaction with one batch id, so a single undo takes the whole import back. The conversion,
 * validation and row building run in the import worker when it parsed the file (each slice of
 * rows validated and built there while the previous one is inserted here), else inline
 * (prepareImport.ts). A feature that fails validation ends the stream with the import's error
 * inside the transaction, so the slices already inserted are rolled back: nothing is written.
 */
export function commitImport(ctx: CoreContext, preview: NetworkPreview, options: PrepareOptions & { timer?: PhaseTimer }): ImportResult {
  const { timer, ...chosen } = options;
  const at = ctx.now().toISOString();
  const repo = networkRepo(ctx);
  const batchId = randomUUID();
  const importBatchId = randomUUID();
  const context: PrepareContext = { at, townshipId: ctx.townshipId, source: 'import', importBatchId, shapes: Object.fromEntries(LAYERS.map((l) => [l, repo.feed.shapes.bulk(l)])) as PrepareContext['shapes'] };
  // The worker's summary comes once the file is converted; validation goes on slice by slice beside the inserts.
  const stream = timed(timer, 'wait', () => ctx.networkParser?.prepare?.(preview, chosen, context)) ?? inlinePrepared(preview, chosen, context);
  try {
    const summary = timed(timer, 'wait', () => nextOfKind(stream, 'summary'));
    const { counts } = summary;
    let updated = 0;
    bulkTransaction(ctx.db, () => {
      // Read in the transaction that writes, so what exists cannot change between the look and the write.
      const stored = timed(timer, 'validate', () => storedByFileId(repo, summary.fileIds));
      refuseLayerChanges(stored, summary.fileIds, preview.fileName);
      const meta = { batchId, source: 'import', at, action: 'import' };
      repo.insertImportBatch({ id: importBatchId, fileName: preview.fileName, format: preview.format, crs: chosen.crs, counts, at }, meta);
      const reports: { blockageId: string; spec: { status: BlockageStatus; at: string; note: string } }[] = [];
      let item = timed(timer, 'wait', () => stream.next());
      for (; item.kind === 'slice'; item = timed(timer, 'wait', () => stream.next())) {
        const fresh = Object.keys(item.reused).length > 0 ? splitReused(repo, item, stored, meta, at, importBatchId) : item;
        updated += item.count - fresh.count;
        repo.insertStored(item.layer, fresh, meta, timer);
        if (item.layer === 'blockage') reports.push(...blockageReports(repo, fresh));
      }
      if (item.kind !== 'done') throw new Error(`import preparation: expected a slice or the end, got ${item.kind}`);
      // Where the preparation's time went (in the worker, beside the inserts, or inline).
      for (const [phase, ms] of Object.entries(item.phases)) timer?.add(stream.inWorker ? `${phase} (worker)` : phase, ms);
      timed(timer, 'feed', () => recordReports(ctx, { source: 'import', actor: '', teamId: null }, reports, batchId));
    });
    return { batchId, fileName: preview.fileName, counts, updated, crs: chosen.crs, warnings: summary.warnings };
  } finally {
    stream.close();
  }
}

/**
 * A slice's rows whose id came from the file and is stored already: our own export coming back.
 * Each is updated in place (the old row kept for undo); the rest are returned to insert.
 */
function splitReused(repo: NetworkRepository, slice: PreparedSlice, stored: Map<Layer, Map<string, FeatureRow>>, meta: WriteMeta, at: string, importBatchId: string): StoredRows {
  const columns = repo.feed.shapes.bulk(slice.layer).columns;
  const width = columns.length;
  const keyAt = columns.findIndex((c) => c.name === 'id');
  const values: unknown[] = [];
  let count = 0;
  for (let i = 0; i < slice.count; i++) {
    const again = slice.reused[i];
    const existing = again ? stored.get(slice.layer)!.get(String(slice.values[i * width + keyAt])) : undefined;
    if (again && existing) {
      const after = { ...existing, ...(again.properties as Record<string, string | number | null>), ...geometryColumns(slice.layer, again.geometry), deleted_at: null, updated_at: at, import_batch_id: importBatchId };
      repo.write(slice.layer, after, meta);
    } else {
      values.push(...slice.values.slice(i * width, (i + 1) * width));
      count++;
    }
  }
  return { values, count };
}

/** The first lifecycle event each imported blockage gets, from its stored values. */
function blockageReports(repo: NetworkRepository, rows: StoredRows): { blockageId: string; spec: { status: BlockageStatus; at: string; note: string } }[] {
  const names = repo.feed.shapes.bulk('blockage').columns.map((c) => c.name);
  const [id, status, reportedAt] = ['id', 'status', 'reported_at'].map((n) => names.indexOf(n)) as [number, number, number];
  return Array.from({ length: rows.count }, (_, i) => {
    const at = i * names.length;
    return { blockageId: String(rows.values[at + id]), spec: { status: rows.values[at + status] as BlockageStatus, at: String(rows.values[at + reportedAt]), note: '导入' } };
  });
}

/** Commit by preview id (the UI's two-step flow). */
export function commitPreview(ctx: CoreContext, previewId: string, options: Parameters<typeof commitImport>[2]): ImportResult {
  const preview = ctx.state.previews.take(previewId);
  if (!preview) {
    throw new AppError('not_found', {
      zh: '导入预览已过期或不存在，请重新选择文件',
      en: 'The import preview has expired or does not exist; choose the file again',
    });
  }
  const result = commitImport(ctx, preview, options);
  ctx.state.previews.drop(previewId);
  return result;
}

/** The network as a file in any export format, WGS84, with our stable property names and kept attributes. */
export async function exportNetworkFile(ctx: CoreContext, format: ExportFormatName, layers?: Layer[], encoding: ShapefileEncoding = 'gbk') {
  const collection = listFeatures(ctx, layers);
  const features = collection.features.map((f) => ({ layer: f.properties.layer, id: f.id, geometry: f.geometry, properties: f.properties, attributes: f.properties.attributes }) as unknown as FileFeature);
  const day = ctx.now().toISOString().slice(0, 10);
  const name = `沟渠网络-${day}`;
  const binary = (bytes: Uint8Array, extension: string, mimeType: string, warnings: { zh: string; en: string }[] = []) => ({
    fileName: `${name}.${extension}`, mimeType, text: '', base64: Buffer.from(bytes).toString('base64'), count: features.length, warnings,
  });
  switch (format) {
    case 'gpkg':
      return binary(exportGpkg(features, ctx.now().toISOString(), ctx.sqliteBinding), 'gpkg', 'application/geopackage+sqlite3');
    case 'shapefile': {
      const shp = exportShapefileZip(features, encoding);
      return binary(shp.bytes, 'zip', 'application/zip', shp.warnings);
    }
    case 'xlsx': {
      const lengths = new Map(collection.features.map((f) => [f.id, f.properties.layer === 'ditch' ? Math.round((f.properties as { length_m: number }).length_m * 10) / 10 : null]));
      return binary(await exportLedger(features, (f) => lengths.get(f.id ?? '') ?? null), 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    }
    default: {
      const file = exportNetwork(features, format, { documentName: `排涝调度台 沟渠网络` });
      return { fileName: `${name}.${file.extension}`, mimeType: file.mimeType, text: file.text, count: features.length, warnings: [] };
    }
  }
}
