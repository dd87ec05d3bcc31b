import { randomUUID } from 'node:crypto';
import type { Geometry } from 'geojson';
import type { z } from 'zod';
import { AppError } from '../../../../shared/contract/errors';
import type { FieldMappingInput, ImportPreview, ImportResult } from '../../../../shared/contract/imports';
import { areaPropsSchema, blockagePropsSchema, culvertPropsSchema, ditchPropsSchema } from '../../../../shared/contract/network';
import { LAYERS, type Layer } from '../../../../shared/domain/network';
import type { Crs } from '../../../../shared/geo/crs';
import { withOverrides, type CoreContext } from '../../context';
import { exportNetwork, parseNetworkFile, toNetworkFeatures } from '../../importers/network';
import type { FieldMapping, ImportedNetworkFeature, NetworkFeature as FileFeature, NetworkPreview } from '../../importers/network/types';
import { geometryColumns } from '../network/features';
import { insertFeatures, listFeatures, networkRepo, type NewFeature } from '../network/networkService';
import { dropPreview, keepPreview, takePreview } from './previewStore';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PROPS: Record<Layer, z.ZodObject> = {
  ditch: ditchPropsSchema,
  culvert: culvertPropsSchema,
  blockage: blockagePropsSchema,
  area: areaPropsSchema,
};

/** Read a file and keep its preview for the user to confirm; nothing is written. */
export async function previewImport(fileName: string, bytes: Uint8Array): Promise<{ preview: NetworkPreview; view: ImportPreview }> {
  const preview = await parseNetworkFile(fileName, bytes);
  const previewId = keepPreview(preview);
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
      name: String(f.properties.name ?? f.properties.Name ?? f.properties['名称'] ?? ''),
      where: f.where,
    })),
  };
  return { preview, view };
}

/** Our stored attributes for an imported feature: the file's values, our defaults where it is silent. */
function completeProperties(f: FileFeature, at: string): Record<string, unknown> {
  const p = f.properties as unknown as Record<string, unknown>;
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  switch (f.layer) {
    case 'ditch':
      return {
        name: text(p.name), kind: p.kind ?? 'field', village: text(p.village),
        bottom_width_m: p.bottom_width_m ?? null, depth_m: p.depth_m ?? null, side_slope: p.side_slope ?? null,
        manning_n: p.manning_n ?? null, slope: p.slope ?? null,
        condition: p.condition ?? 'clear', work: p.work ?? 'existing', work_date: p.work_date ?? null, note: '',
      };
    case 'culvert':
      return { name: text(p.name), village: '', diameter_m: p.diameter_m ?? null, length_m: p.length_m ?? null, barrels: p.barrels ?? 1, material: text(p.material), laid_date: p.laid_date ?? null, note: '' };
    case 'blockage':
      return { name: text(p.name), village: text(p.village), status: p.status ?? 'reported', reported_at: p.reported_at ?? at, note: text(p.note) };
    case 'area':
      return { name: text(p.name), kind: p.kind ?? 'field_block', runoff_coefficient: p.runoff_coefficient ?? null, curve_number: null, note: '' };
  }
}

/** Lines come as single LineStrings (one ditch segment each); other geometries as they are. */
function splitGeometry(f: FileFeature): Geometry[] {
  if (f.geometry.type === 'MultiLineString') return f.geometry.coordinates.map((c) => ({ type: 'LineString', coordinates: c }));
  return [f.geometry];
}

/** Check every converted feature against the contract; collect every failure with its file number. */
function validateAll(features: ImportedNetworkFeature[], at: string, fileName: string): { feature: NewFeature; index: number; fileId: string | null }[] {
  const out: { feature: NewFeature; index: number; fileId: string | null }[] = [];
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

/**
 * Write a previewed file: convert to WGS84 under the confirmed system, map the fields, validate
 * every feature, then insert (or update, for features of ours re-imported by id) in ONE
 * transaction with one batch id, so a single undo takes the whole import back.
 */
export function commitImport(
  ctx: CoreContext,
  preview: NetworkPreview,
  options: { crs: Crs; mapping?: FieldMappingInput; layerOverrides?: Record<string, Layer> },
): ImportResult {
  const at = ctx.now().toISOString();
  const converted = toNetworkFeatures(preview, {
    crs: options.crs,
    ...(options.mapping ? { mapping: options.mapping as FieldMapping } : {}),
    ...(options.layerOverrides ? { layerOverrides: Object.fromEntries(Object.entries(options.layerOverrides).map(([k, v]) => [Number(k), v])) } : {}),
  });
  const valid = validateAll(converted.features, at, preview.fileName);
  if (valid.length === 0) {
    throw new AppError('import_invalid', { zh: `文件 ${preview.fileName} 中没有可导入的要素`, en: `${preview.fileName} has no features to import` });
  }
  const repo = networkRepo(ctx);
  const counts = Object.fromEntries(LAYERS.map((l) => [l, 0])) as ImportResult['counts'];
  let updated = 0;
  const batchId = randomUUID();
  const importBatchId = randomUUID();
  ctx.db.transaction(() => {
    ctx.db
      .prepare('INSERT INTO import_batch (id, township_id, file_name, format, crs, counts_json, imported_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(importBatchId, ctx.townshipId, preview.fileName, preview.format, options.crs, '{}', at, at, at);
    const fresh: NewFeature[] = [];
    const seen = new Set<string>();
    for (const { feature, fileId } of valid) {
      counts[feature.layer]++;
      const reuse = fileId && UUID.test(fileId) && !seen.has(fileId) ? fileId : null;
      if (reuse) seen.add(reuse);
      const existing = reuse ? repo.get(feature.layer, reuse) : undefined;
      if (existing) {
        // Our own export coming back: update in place, keeping the old row for undo.
        const after = { ...existing, ...(feature.properties as Record<string, string | number | null>), ...geometryColumns(feature.layer, feature.geometry), deleted_at: null, updated_at: at, import_batch_id: importBatchId };
        repo.write(feature.layer, after);
        repo.recordChange({ id: randomUUID(), batchId, layer: feature.layer, featureId: reuse!, action: 'import', before: existing, after, source: 'import', at });
        updated++;
      } else {
        fresh.push(reuse ? { ...feature, id: reuse } : feature);
      }
    }
    insertFeatures(withOverrides(ctx, { source: 'import' }), fresh, { batchId, action: 'import', source: 'import', importBatchId, at, logPerLayer: { fileName: preview.fileName } });
    ctx.db.prepare('UPDATE import_batch SET counts_json = ? WHERE id = ?').run(JSON.stringify(counts), importBatchId);
  })();
  return { batchId, fileName: preview.fileName, counts, updated, warnings: converted.warnings.map((w) => ({ code: w.code, message: w.message })) };
}

/** Commit by preview id (the UI's two-step flow). */
export function commitPreview(ctx: CoreContext, previewId: string, options: Parameters<typeof commitImport>[2]): ImportResult {
  const preview = takePreview(previewId);
  if (!preview) {
    throw new AppError('not_found', {
      zh: '导入预览已过期或不存在，请重新选择文件',
      en: 'The import preview has expired or does not exist; choose the file again',
    });
  }
  const result = commitImport(ctx, preview, options);
  dropPreview(previewId);
  return result;
}

/** The network as a GeoJSON, KML or CSV file, WGS84, with our stable property names. */
export function exportNetworkFile(ctx: CoreContext, format: 'geojson' | 'kml' | 'csv', layers?: Layer[]) {
  const collection = listFeatures(ctx, layers);
  const features = collection.features.map((f) => ({ layer: f.properties.layer, id: f.id, geometry: f.geometry, properties: f.properties }) as unknown as FileFeature);
  const file = exportNetwork(features, format, { documentName: `排涝调度台 沟渠网络` });
  const day = ctx.now().toISOString().slice(0, 10);
  return { fileName: `沟渠网络-${day}.${file.extension}`, mimeType: file.mimeType, text: file.text, count: features.length };
}
