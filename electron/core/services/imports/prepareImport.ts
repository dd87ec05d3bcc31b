/**
 * The part of committing an import that needs no database: convert the previewed file under the
 * confirmed system and mapping, validate every feature, and build each new row as SQLite will
 * store it with its change-feed copy. Pure, so it runs in the import worker beside the core's
 * inserts (a 50,000-feature file hands over a slice while the previous one is written) or inline
 * (the CLI, tests). `prepareImport` yields a summary first (counts, warnings, the file ids that
 * may be ours) once the file is converted, then validates and builds the rows layer by layer in
 * INSERT_SLICE slices, so the core inserts the first slices while the rest is checked. A bad
 * feature anywhere ends it with the import's AppError naming every one (the core's transaction
 * takes back what was inserted).
 */
import type { Geometry } from 'geojson';
import type { z } from 'zod';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../../../shared/contract/errors';
import type { FieldMappingInput, ImportResult } from '../../../../shared/contract/imports';
import { areaPropsSchema, blockagePropsSchema, culvertPropsSchema, ditchPropsSchema } from '../../../../shared/contract/network';
import { LAYERS, type Layer } from '../../../../shared/domain/network';
import type { DatumShift, SourceCrs } from '../../../../shared/geo/projected';
import { toNetworkFeatures } from '../../importers/network';
import type { FieldMapping, ImportedNetworkFeature, NetworkFeature as FileFeature, NetworkPreview } from '../../importers/network/types';
import { storedRow, type BulkShape } from '../../db/feed/bulkShape';
import { orderedUuids } from '../../db/orderedIds';
import { INSERT_SLICE, newFeatureRow, type NewFeature } from '../network/newRow';

/** Our own ids look like this; a file id that does is looked up among the stored rows. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PROPS: Record<Layer, z.ZodObject> = {
  ditch: ditchPropsSchema,
  culvert: culvertPropsSchema,
  blockage: blockagePropsSchema,
  area: areaPropsSchema,
};

/** What the user confirmed for the file (structured-clone data: it crosses to the worker). */
export interface PrepareOptions {
  crs: SourceCrs;
  datumShift?: DatumShift;
  mapping?: FieldMappingInput;
  layerOverrides?: Record<string, Layer>;
}

/** What the rows share and must fit: the write's stamp and each layer's bulk shape (read from SQLite by the core). */
export interface PrepareContext {
  at: string;
  townshipId: string;
  source: string;
  importBatchId: string;
  shapes: Record<Layer, BulkShape>;
}

/** A file feature whose id is one of ours: it may update a stored row instead of adding one. */
export interface FileIdUse {
  layer: Layer;
  index: number;
  name: string;
  fileId: string;
}

/** A slice of new rows of one layer, as stored (StoredRows: the feed carries them by reference); `reused` holds, by position, the rows whose id came from the file. */
export interface PreparedSlice {
  kind: 'slice';
  layer: Layer;
  values: (string | number | null)[];
  count: number;
  reused: Record<number, { properties: Record<string, unknown>; geometry: Geometry }>;
}

/** What the core reads as the preparation goes. */
export type PreparedItem =
  | { kind: 'summary'; counts: ImportResult['counts']; warnings: ImportResult['warnings']; fileIds: FileIdUse[] }
  | PreparedSlice
  | { kind: 'done'; phases: Record<string, number> };

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

/** A feature that failed the contract: its file number and the first issue. */
interface Problem {
  /** Position among the converted features (file order), so the message lists them as the file does. */
  order: number;
  feature: number;
  message: string;
  messageEn: string;
}

/** Check one converted feature against the contract: its stored features (one per line part), or its problem. */
function validateOne(f: ImportedNetworkFeature, order: number, at: string): ValidFeature[] | Problem {
  const parsed = PROPS[f.layer].safeParse(completeProperties(f, at));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { order, feature: f.sourceIndex, message: `${issue.path.join('.')}: ${issue.message}`, messageEn: `${issue.path.join('.')}: ${issue.message}` };
  }
  return splitGeometry(f).map((geometry) => ({ feature: { layer: f.layer, geometry, properties: parsed.data }, index: f.sourceIndex, fileId: f.id }));
}

/** The import's refusal naming every feature that failed, in file order. */
function invalidFeatures(found: Problem[], fileName: string): AppError {
  const problems = [...found].sort((a, b) => a.order - b.order).map(({ feature, message, messageEn }) => ({ feature, message, messageEn }));
  const list = problems.slice(0, 10).map((p) => `第 ${p.feature} 个（${p.message}）`).join('；');
  return new AppError(
    'import_invalid',
    {
      zh: `文件 ${fileName} 中有 ${problems.length} 个要素的属性不符合要求，未导入任何内容：${list}`,
      en: `${problems.length} feature(s) in ${fileName} have invalid attributes; nothing was imported: ${problems.slice(0, 10).map((p) => `#${p.feature} (${p.messageEn})`).join('; ')}`,
    },
    { features: problems },
  );
}

type ValidFeature = { feature: NewFeature; index: number; fileId: string | null };

/** How many stored features a converted one becomes: one per line part. */
function partCount(f: ImportedNetworkFeature): number {
  return f.geometry.type === 'MultiLineString' ? f.geometry.coordinates.length : 1;
}

/** Add fn's time to the phase (the import bench prints where the time goes, worker or not). */
function timeInto<T>(phases: Record<string, number>, phase: string, fn: () => T): T {
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    phases[phase] = (phases[phase] ?? 0) + performance.now() - t0;
  }
}

/** The prepared items as the core reads them, one at a time, whether made inline or by the worker; close() lets go of the rest. */
export interface PreparedStream {
  /** Whether the items are made in the import worker (beside the inserts) or in the caller's thread. */
  readonly inWorker: boolean;
  next(): PreparedItem;
  close(): void;
}

/**
 * Convert, validate (throwing the import's AppError for a bad file after the last feature is
 * checked) and build the rows of a previewed file; see the module comment for what it yields.
 */
export function* prepareImport(preview: NetworkPreview, options: PrepareOptions, c: PrepareContext): Generator<PreparedItem, void, void> {
  const phases: Record<string, number> = {};
  const converted = timeInto(phases, 'convert', () =>
    toNetworkFeatures(preview, {
      crs: options.crs,
      ...(options.datumShift ? { datumShift: options.datumShift } : {}),
      ...(options.mapping ? { mapping: options.mapping as FieldMapping } : {}),
      ...(options.layerOverrides ? { layerOverrides: Object.fromEntries(Object.entries(options.layerOverrides).map(([k, v]) => [Number(k), v])) } : {}),
    }),
  );
  const features = converted.features;
  if (features.length === 0) {
    throw new AppError('import_invalid', { zh: `文件 ${preview.fileName} 中没有可导入的要素`, en: `${preview.fileName} has no features to import` });
  }
  // The summary comes from a cheap pass over the converted features, before any is validated, so
  // the core can look up the file ids and start inserting while the rest is validated and built.
  // Its counts and ids are those of a file that passes; one that does not is refused at the end,
  // and the core's transaction takes back what it had inserted.
  const counts = Object.fromEntries(LAYERS.map((l) => [l, 0])) as ImportResult['counts'];
  const fileIds: FileIdUse[] = [];
  // The first feature in file order with one of our ids takes it; a repeat becomes a new feature.
  const reuse = new Set<ImportedNetworkFeature>();
  const seen = new Set<string>();
  const byLayer = new Map<Layer, number[]>(LAYERS.map((l) => [l, []]));
  features.forEach((f, order) => {
    const parts = partCount(f);
    counts[f.layer] += parts;
    byLayer.get(f.layer)!.push(order);
    if (!f.id || !UUID.test(f.id)) return;
    // The name as validation leaves it (trimmed text).
    const name = (f.properties as { name?: unknown }).name;
    for (let i = 0; i < parts; i++) fileIds.push({ layer: f.layer, index: f.sourceIndex, name: name === null || name === undefined ? '' : String(name).trim(), fileId: f.id });
    if (!seen.has(f.id)) {
      seen.add(f.id);
      reuse.add(f);
    }
  });
  yield { kind: 'summary', counts, warnings: converted.warnings.map((w) => ({ code: w.code, message: w.message })), fileIds };
  const newId = orderedUuids();
  const stamp = { townshipId: c.townshipId, source: c.source, importBatchId: c.importBatchId, at: c.at, who: { source: c.source as 'import', actor: '', teamId: null } };
  const problems: Problem[] = [];
  for (const layer of LAYERS) {
    const shape = c.shapes[layer];
    const names = shape.columns.map((col) => col.name);
    const orders = byLayer.get(layer)!;
    let pending: { valid: ValidFeature; reused: boolean }[] = [];
    const build = (items: typeof pending): PreparedSlice => {
      const slice: PreparedSlice = { kind: 'slice', layer, values: [], count: 0, reused: {} };
      timeInto(phases, 'lengths', () => {
        for (const { valid: v, reused } of items) {
          if (reused) slice.reused[slice.count] = { properties: v.feature.properties, geometry: v.feature.geometry };
          const row = storedRow(shape, newFeatureRow(v.feature, reused ? v.fileId! : newId(), stamp));
          for (const name of names) slice.values.push(row[name]!);
          slice.count++;
        }
      });
      return slice;
    };
    for (let start = 0; start < orders.length; start += INSERT_SLICE) {
      timeInto(phases, 'validate', () => {
        for (const order of orders.slice(start, start + INSERT_SLICE)) {
          const f = features[order]!;
          const checked = validateOne(f, order, c.at);
          if (!Array.isArray(checked)) problems.push(checked);
          // After the first failure nothing more is built (it would be taken back), but every feature is still checked.
          else if (problems.length === 0) checked.forEach((valid, part) => pending.push({ valid, reused: part === 0 && reuse.has(f) }));
        }
      });
      while (problems.length === 0 && pending.length >= INSERT_SLICE) {
        yield build(pending.slice(0, INSERT_SLICE));
        pending = pending.slice(INSERT_SLICE);
      }
    }
    if (problems.length === 0 && pending.length > 0) yield build(pending);
  }
  if (problems.length > 0) throw invalidFeatures(problems, preview.fileName);
  yield { kind: 'done', phases };
}
