/**
 * The part of committing an import that needs no database: convert the previewed file under the
 * confirmed system and mapping, validate every feature, and build each new row as SQLite will
 * store it with its change-feed copy. Pure, so it runs in the import worker beside the core's
 * inserts (a 50,000-feature file hands over a slice while the previous one is written) or inline
 * (the CLI, tests). `prepareImport` yields a summary first (counts, warnings, the file ids that
 * may be ours) once the whole file has passed, then the rows layer by layer in INSERT_SLICE slices.
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
 * Convert, validate (throwing the import's AppError for a bad file, before any row is built) and
 * build the rows of a previewed file; see the module comment for what it yields.
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
  const valid = timeInto(phases, 'validate', () => validateAll(converted.features, c.at, preview.fileName));
  if (valid.length === 0) {
    throw new AppError('import_invalid', { zh: `文件 ${preview.fileName} 中没有可导入的要素`, en: `${preview.fileName} has no features to import` });
  }
  const counts = Object.fromEntries(LAYERS.map((l) => [l, 0])) as ImportResult['counts'];
  for (const { feature } of valid) counts[feature.layer]++;
  const fileIds: FileIdUse[] = [];
  // The first feature in file order with one of our ids takes it; a repeat becomes a new feature.
  const reuse = new Map<ValidFeature, string>();
  const seen = new Set<string>();
  for (const v of valid) {
    if (!v.fileId || !UUID.test(v.fileId)) continue;
    fileIds.push({ layer: v.feature.layer, index: v.index, name: String(v.feature.properties.name ?? ''), fileId: v.fileId });
    if (!seen.has(v.fileId)) {
      seen.add(v.fileId);
      reuse.set(v, v.fileId);
    }
  }
  yield { kind: 'summary', counts, warnings: converted.warnings.map((w) => ({ code: w.code, message: w.message })), fileIds };
  const newId = orderedUuids();
  const stamp = { townshipId: c.townshipId, source: c.source, importBatchId: c.importBatchId, at: c.at, who: { source: c.source as 'import', actor: '', teamId: null } };
  for (const layer of LAYERS) {
    const shape = c.shapes[layer];
    const names = shape.columns.map((col) => col.name);
    const mine = valid.filter((v) => v.feature.layer === layer);
    for (let start = 0; start < mine.length; start += INSERT_SLICE) {
      const slice: PreparedSlice = { kind: 'slice', layer, values: [], count: 0, reused: {} };
      timeInto(phases, 'lengths', () => {
        for (const v of mine.slice(start, start + INSERT_SLICE)) {
          const id = reuse.get(v);
          if (id !== undefined) slice.reused[slice.count] = { properties: v.feature.properties, geometry: v.feature.geometry };
          const row = storedRow(shape, newFeatureRow(v.feature, id ?? newId(), stamp));
          for (const name of names) slice.values.push(row[name]!);
          slice.count++;
        }
      });
      yield slice;
    }
  }
  yield { kind: 'done', phases };
}
