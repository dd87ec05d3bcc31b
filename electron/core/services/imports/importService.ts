import { randomUUID } from 'node:crypto';
import type { Geometry } from 'geojson';
import type { z } from 'zod';
import { AppError } from '../../../../shared/contract/errors';
import type { ExportFormatName, FieldMappingInput, ImportPreview, ImportResult } from '../../../../shared/contract/imports';
import { exportGpkg } from '../../importers/network/exportGpkg';
import { exportLedger } from '../../importers/network/exportLedger';
import { exportShapefileZip, type ShapefileEncoding } from '../../importers/network/exportShapefile';
import { areaPropsSchema, blockagePropsSchema, culvertPropsSchema, ditchPropsSchema } from '../../../../shared/contract/network';
import { LAYER_LABELS, LAYERS, type Layer } from '../../../../shared/domain/network';
import type { DatumShift, SourceCrs } from '../../../../shared/geo/projected';
import { withOverrides, type CoreContext } from '../../context';
import { exportNetwork, toNetworkFeatures } from '../../importers/network';
import { inlineParser, type NetworkParser } from '../../importers/worker/networkParser';
import type { FieldMapping, ImportedNetworkFeature, NetworkFeature as FileFeature, NetworkPreview } from '../../importers/network/types';
import { geometryColumns } from '../network/features';
import type { FeatureRow } from '../../db/repositories/networkRepository';
import { timed, type PhaseTimer } from '../../phaseTimer';
import { bulkTransaction } from '../../db/bulkTransaction';
import type { PreviewStore } from './previewStore';
import { insertFeatures, listFeatures, networkRepo, type NewFeature } from '../network/networkService';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PROPS: Record<Layer, z.ZodObject> = {
  ditch: ditchPropsSchema,
  culvert: culvertPropsSchema,
  blockage: blockagePropsSchema,
  area: areaPropsSchema,
};

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
    sample: preview.features.slice(0, 20).map((f) => ({
      index: f.index,
      layer: f.suggestedLayer,
      name: String((nameField ? f.properties[nameField] : null) ?? f.properties.name ?? f.properties.Name ?? f.properties['名称'] ?? ''),
      where: f.where,
    })),
  };
  return { preview, view };
}

/** Our stored attributes for an imported feature: the file's values, our defaults where it is silent. */
function completeProperties(f: FileFeature, at: string): Record<string, unknown> {
  const p = f.properties as unknown as Record<string, unknown>;
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const attributes = f.attributes ?? {};
  switch (f.layer) {
    case 'ditch':
      return {
        name: text(p.name), kind: p.kind ?? 'field', village: text(p.village),
        bottom_width_m: p.bottom_width_m ?? null, depth_m: p.depth_m ?? null, side_slope: p.side_slope ?? null,
        manning_n: p.manning_n ?? null, slope: p.slope ?? null,
        condition: p.condition ?? 'clear', work: p.work ?? 'existing', work_date: p.work_date ?? null, note: text(p.note), attributes,
      };
    case 'culvert':
      return { name: text(p.name), village: '', diameter_m: p.diameter_m ?? null, length_m: p.length_m ?? null, barrels: p.barrels ?? 1, material: text(p.material), laid_date: p.laid_date ?? null, note: text(p.note), attributes };
    case 'blockage':
      return { name: text(p.name), village: text(p.village), status: p.status ?? 'reported', reported_at: p.reported_at ?? at, note: text(p.note), attributes };
    case 'area':
      return { name: text(p.name), kind: p.kind ?? 'field_block', runoff_coefficient: p.runoff_coefficient ?? null, curve_number: null, note: text(p.note), attributes };
  }
}

/** Lines come as single LineStrings (one ditch segment each); other geometries as they are. */
function splitGeometry(f: FileFeature): Geometry[] {
  if (f.geometry.type === 'MultiLineString') return f.geometry.coordinates.map((c) => ({ type: 'LineString', coordinates: c }));
  return [f.geometry];
}

/** Check every converted feature against the contract; collect every failure with its file number. */
function validateAll(features: ImportedNetworkFeature[], at: string, fileName: string): ValidFeature[] {
  const out: ValidFeature[] = [];
  const problems: { feature: number; message: string; messageEn: string }[] = [];
  for (const f of features) {
    const parsed = PROPS[f.layer].safeParse(completeProperties(f, at));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push({ feature: f.sourceIndex, message: `${issue.path.join('.')}: ${issue.message}`, messageEn: `${issue.path.join('.')}: ${issue.message}` });
      continue;
    }
    for (const geometry of splitGeometry(f)) out.push({ feature: { layer: f.layer, geometry, properties: parsed.data }, index: f.sourceIndex, fileId: f.id });
  }
  if (problems.length > 0) {
    const list = problems.slice(0, 10).map((p) => `第 ${p.feature} 个（${p.message}）`).join('；');
    throw new AppError(
      'import_invalid',
      {
        zh: `文件 ${fileName} 中有 ${problems.length} 个要素的属性不符合要求，未导入任何内容：${list}`,
        en: `${problems.length} feature(s) in ${fileName} have invalid attributes; nothing was imported: ${problems.slice(0, 10).map((p) => `#${p.feature} (${p.messageEn})`).join('; ')}`,
      },
      { features: problems },
    );
  }
  return out;
}

type ValidFeature = { feature: NewFeature; index: number; fileId: string | null };

/** The stored rows (live or deleted) of every file id that is one of our UUIDs, per layer: one query per layer, not one per feature. */
function storedByFileId(repo: ReturnType<typeof networkRepo>, valid: readonly ValidFeature[]): Map<Layer, Map<string, FeatureRow>> {
  const ids = [...new Set(valid.map((v) => v.fileId).filter((id): id is string => id !== null && UUID.test(id)))];
  return new Map(LAYERS.map((l) => [l, ids.length === 0 ? new Map<string, FeatureRow>() : repo.getMany(l, ids)]));
}

/**
 * A feature of ours that comes back on another layer (an exported culvert changed into a blockage)
 * cannot be updated in place: the id belongs to a row of the other layer. Refuse, naming each, so
 * the user decides; nothing is written.
 */
function refuseLayerChanges(stored: Map<Layer, Map<string, FeatureRow>>, valid: readonly ValidFeature[], fileName: string): void {
  const moved: { index: number; name: string; from: Layer; to: Layer; id: string }[] = [];
  for (const { feature, index, fileId } of valid) {
    if (!fileId || !UUID.test(fileId) || stored.get(feature.layer)!.has(fileId)) continue;
    const from = LAYERS.find((l) => l !== feature.layer && stored.get(l)!.has(fileId));
    if (from) moved.push({ index, name: String(feature.properties.name ?? ''), from, to: feature.layer, id: fileId });
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

/**
 * Write a previewed file: convert to WGS84 under the confirmed system, map the fields, validate
 * every feature, then insert (or update, for features of ours re-imported by id) in ONE
 * transaction with one batch id, so a single undo takes the whole import back.
 */
export function commitImport(
  ctx: CoreContext,
  preview: NetworkPreview,
  options: { crs: SourceCrs; datumShift?: DatumShift; mapping?: FieldMappingInput; layerOverrides?: Record<string, Layer>; timer?: PhaseTimer },
): ImportResult {
  const { timer } = options;
  const at = ctx.now().toISOString();
  const converted = timed(timer, 'convert', () =>
    toNetworkFeatures(preview, {
      crs: options.crs,
      ...(options.datumShift ? { datumShift: options.datumShift } : {}),
      ...(options.mapping ? { mapping: options.mapping as FieldMapping } : {}),
      ...(options.layerOverrides ? { layerOverrides: Object.fromEntries(Object.entries(options.layerOverrides).map(([k, v]) => [Number(k), v])) } : {}),
    }),
  );
  const valid = timed(timer, 'validate', () => validateAll(converted.features, at, preview.fileName));
  if (valid.length === 0) {
    throw new AppError('import_invalid', { zh: `文件 ${preview.fileName} 中没有可导入的要素`, en: `${preview.fileName} has no features to import` });
  }
  const repo = networkRepo(ctx);
  const counts = Object.fromEntries(LAYERS.map((l) => [l, 0])) as ImportResult['counts'];
  for (const { feature } of valid) counts[feature.layer]++;
  let updated = 0;
  const batchId = randomUUID();
  const importBatchId = randomUUID();
  bulkTransaction(ctx.db, () => {
    // Read in the transaction that writes, so what exists cannot change between the look and the write.
    const stored = timed(timer, 'validate', () => storedByFileId(repo, valid));
    refuseLayerChanges(stored, valid, preview.fileName);
    const meta = { batchId, source: 'import', at, action: 'import' };
    repo.insertImportBatch({ id: importBatchId, fileName: preview.fileName, format: preview.format, crs: options.crs, counts, at }, meta);
    const fresh: NewFeature[] = [];
    const seen = new Set<string>();
    for (const { feature, fileId } of valid) {
      const reuse = fileId && UUID.test(fileId) && !seen.has(fileId) ? fileId : null;
      if (reuse) seen.add(reuse);
      const existing = reuse ? stored.get(feature.layer)!.get(reuse) : undefined;
      if (existing) {
        // Our own export coming back: update in place, keeping the old row for undo.
        const after = { ...existing, ...(feature.properties as Record<string, string | number | null>), ...geometryColumns(feature.layer, feature.geometry), deleted_at: null, updated_at: at, import_batch_id: importBatchId };
        repo.write(feature.layer, after, meta);
        updated++;
      } else {
        fresh.push(reuse ? { ...feature, id: reuse } : feature);
      }
    }
    insertFeatures(withOverrides(ctx, { source: 'import' }), fresh, { batchId, action: 'import', source: 'import', importBatchId, at, ...(timer ? { timer } : {}) });
  });
  return { batchId, fileName: preview.fileName, counts, updated, crs: options.crs, warnings: converted.warnings.map((w) => ({ code: w.code, message: w.message })) };
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
