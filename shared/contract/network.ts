import { z } from 'zod';
import {
  AREA_KINDS,
  BLOCKAGE_STATUSES,
  DITCH_CONDITIONS,
  DITCH_KINDS,
  LAYERS,
  WORK_STATES,
} from '../domain/network';
import { id, isoDate, isoTimestamp } from './common';
import { bilingual } from './validation';

const lon = z.number().min(-180, { error: bilingual('经度应在 -180 到 180 之间', 'longitude must be within -180..180') }).max(180, { error: bilingual('经度应在 -180 到 180 之间', 'longitude must be within -180..180') });
const lat = z.number().min(-90, { error: bilingual('纬度应在 -90 到 90 之间', 'latitude must be within -90..90') }).max(90, { error: bilingual('纬度应在 -90 到 90 之间', 'latitude must be within -90..90') });
const position = z.tuple([lon, lat]);

export const pointSchema = z.strictObject({ type: z.literal('Point'), coordinates: position });
export const lineSchema = z.strictObject({
  type: z.literal('LineString'),
  coordinates: z.array(position).min(2, { error: bilingual('线至少要有 2 个点', 'a line needs at least 2 points') }),
});
const ring = z
  .array(position)
  .min(4, { error: bilingual('面的边界至少要有 4 个点（首尾相同）', 'a polygon ring needs at least 4 points (closed)') })
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], {
    error: bilingual('面的边界首尾必须相同', 'a polygon ring must be closed'),
  });
export const polygonSchema = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
export const multiPolygonSchema = z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) });

/** A dimension: a non-negative number, or null when unknown (never silently zero). */
const measure = (zh: string, en: string) =>
  z.number().min(0, { error: bilingual(`${zh}不能为负数`, `${en} must not be negative`) }).nullable();
const text = (max: number) => z.string().trim().max(max);

/** Longest attribute value kept (a long HTML description reduced to text fits; longer ones are shortened with a warning). */
export const MAX_ATTRIBUTE_CHARS = 20_000;
/**
 * A file's fields that have no column of ours, under the file's own names (NAME_EN, 管理单位, …):
 * kept so nothing is dropped, shown in the details panel and written back by every export.
 */
export const attributesSchema = z.record(
  z.string().min(1).max(100),
  z.union([z.string().max(MAX_ATTRIBUTE_CHARS), z.number(), z.boolean(), z.null()]),
).refine((a) => Object.keys(a).length <= 200, { error: bilingual('附加属性最多 200 项', 'at most 200 extra attributes') });
export type Attributes = z.infer<typeof attributesSchema>;

export const ditchPropsSchema = z.strictObject({
  name: text(60),
  kind: z.enum(DITCH_KINDS),
  village: text(40),
  bottom_width_m: measure('底宽', 'bottom width'),
  depth_m: measure('沟深', 'depth'),
  side_slope: measure('边坡系数', 'side slope'),
  manning_n: measure('糙率', 'Manning n'),
  slope: measure('纵坡', 'slope'),
  condition: z.enum(DITCH_CONDITIONS),
  work: z.enum(WORK_STATES),
  work_date: isoDate.nullable(),
  note: text(500),
  attributes: attributesSchema,
});
export const culvertPropsSchema = z.strictObject({
  name: text(60),
  village: text(40),
  diameter_m: measure('管径', 'diameter'),
  length_m: measure('长度', 'length'),
  barrels: z.int().min(1, { error: bilingual('孔数至少为 1', 'barrels must be at least 1') }).max(20),
  material: text(30),
  laid_date: isoDate.nullable(),
  note: text(500),
  attributes: attributesSchema,
});
export const blockagePropsSchema = z.strictObject({
  name: text(60),
  village: text(40),
  status: z.enum(BLOCKAGE_STATUSES),
  reported_at: isoTimestamp,
  note: text(500),
  attributes: attributesSchema,
});
export const areaPropsSchema = z.strictObject({
  name: text(60),
  kind: z.enum(AREA_KINDS),
  runoff_coefficient: z.number().min(0).max(1, { error: bilingual('径流系数应在 0 到 1 之间', 'runoff coefficient must be within 0..1') }).nullable(),
  curve_number: z.number().gt(0).max(100, { error: bilingual('CN 值应在 0 到 100 之间', 'curve number must be within 0..100') }).nullable(),
  note: text(500),
  attributes: attributesSchema,
});

export type DitchProps = z.infer<typeof ditchPropsSchema>;
export type CulvertProps = z.infer<typeof culvertPropsSchema>;
export type BlockageProps = z.infer<typeof blockagePropsSchema>;
export type AreaProps = z.infer<typeof areaPropsSchema>;

/** What the core computes and returns with each feature (never accepted as input). */
const derived = z.object({ id, layer: z.enum(LAYERS), updated_at: isoTimestamp, source: z.string() });

export const ditchFeatureSchema = z.object({
  type: z.literal('Feature'),
  id,
  geometry: lineSchema,
  properties: ditchPropsSchema.extend(derived.shape).extend({ layer: z.literal('ditch'), length_m: z.number() }),
});
export const culvertFeatureSchema = z.object({
  type: z.literal('Feature'),
  id,
  geometry: pointSchema,
  properties: culvertPropsSchema.extend(derived.shape).extend({ layer: z.literal('culvert'), ditch_id: id.nullable() }),
});
export const blockageFeatureSchema = z.object({
  type: z.literal('Feature'),
  id,
  geometry: pointSchema,
  properties: blockagePropsSchema.extend(derived.shape).extend({ layer: z.literal('blockage'), ditch_id: id.nullable() }),
});
export const areaFeatureSchema = z.object({
  type: z.literal('Feature'),
  id,
  geometry: z.union([polygonSchema, multiPolygonSchema]),
  properties: areaPropsSchema.extend(derived.shape).extend({ layer: z.literal('area'), area_m2: z.number() }),
});
export const networkFeatureSchema = z.union([ditchFeatureSchema, culvertFeatureSchema, blockageFeatureSchema, areaFeatureSchema]);
export type DitchFeature = z.infer<typeof ditchFeatureSchema>;
export type CulvertFeature = z.infer<typeof culvertFeatureSchema>;
export type BlockageFeature = z.infer<typeof blockageFeatureSchema>;
export type AreaFeature = z.infer<typeof areaFeatureSchema>;
export type NetworkFeature = z.infer<typeof networkFeatureSchema>;

/** What the map draws: geometry plus the few attributes its styles and labels read. */
export const mapFeatureSchema = z.object({
  type: z.literal('Feature'),
  id,
  geometry: z.union([pointSchema, lineSchema, polygonSchema, multiPolygonSchema]),
  properties: z.object({
    id,
    layer: z.enum(LAYERS),
    name: z.string(),
    kind: z.string().optional(),
    condition: z.enum(DITCH_CONDITIONS).optional(),
    status: z.enum(BLOCKAGE_STATUSES).optional(),
  }),
});
export const mapCollectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(mapFeatureSchema) });
export type MapCollection = z.infer<typeof mapCollectionSchema>;

export const featureCollectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(networkFeatureSchema) });
export type NetworkCollection = z.infer<typeof featureCollectionSchema>;

const createInput = z.discriminatedUnion('layer', [
  z.strictObject({ layer: z.literal('ditch'), geometry: lineSchema, properties: ditchPropsSchema.partial().extend({ kind: z.enum(DITCH_KINDS) }) }),
  z.strictObject({ layer: z.literal('culvert'), geometry: pointSchema, properties: culvertPropsSchema.partial() }),
  z.strictObject({ layer: z.literal('blockage'), geometry: pointSchema, properties: blockagePropsSchema.omit({ status: true, reported_at: true }).partial() }),
  z.strictObject({ layer: z.literal('area'), geometry: z.union([polygonSchema, multiPolygonSchema]), properties: areaPropsSchema.partial().extend({ kind: z.enum(AREA_KINDS) }) }),
]);
export type CreateFeatureInput = z.infer<typeof createInput>;

/** Status is not editable here: it changes only through the blockage lifecycle, with an event. */
const updateInput = z.discriminatedUnion('layer', [
  z.strictObject({ layer: z.literal('ditch'), id, geometry: lineSchema.optional(), properties: ditchPropsSchema.partial().optional() }),
  z.strictObject({ layer: z.literal('culvert'), id, geometry: pointSchema.optional(), properties: culvertPropsSchema.partial().optional() }),
  z.strictObject({ layer: z.literal('blockage'), id, geometry: pointSchema.optional(), properties: blockagePropsSchema.omit({ status: true, reported_at: true }).partial().optional() }),
  z.strictObject({ layer: z.literal('area'), id, geometry: z.union([polygonSchema, multiPolygonSchema]).optional(), properties: areaPropsSchema.partial().optional() }),
]);
export type UpdateFeatureInput = z.infer<typeof updateInput>;

export const networkChangeSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  layer: z.enum(LAYERS),
  featureId: z.string(),
  featureName: z.string(),
  action: z.enum(['create', 'update', 'delete', 'import', 'undo']),
  at: isoTimestamp,
  source: z.string(),
});
export type NetworkChange = z.infer<typeof networkChangeSchema>;

export const searchHitSchema = z.object({
  layer: z.enum(LAYERS),
  id,
  name: z.string(),
  village: z.string(),
  detail: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const villageSchema = z.object({
  name: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  ditches: z.int(),
  ditchLengthM: z.number(),
  culverts: z.int(),
  openBlockages: z.int(),
});
export type Village = z.infer<typeof villageSchema>;

export const networkSummarySchema = z.object({
  counts: z.record(z.enum(LAYERS), z.int()),
  ditchLengthByKindM: z.record(z.enum(DITCH_KINDS), z.number()),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  isDemo: z.boolean(),
});
export type NetworkSummary = z.infer<typeof networkSummarySchema>;

const layerAndId = z.strictObject({ layer: z.enum(LAYERS), id });

export const networkProcedures = {
  /** Every live feature (optionally some layers, optionally within a bounding box) as GeoJSON. */
  'network.list': {
    input: z.strictObject({
      layers: z.array(z.enum(LAYERS)).optional(),
      bbox: z.tuple([lon, lat, lon, lat]).optional(),
    }),
    output: featureCollectionSchema,
    trustOutput: true as const,
  },
  /**
   * The whole network as the map needs it: a third of the bytes of network.list, which matters at
   * 50,000 ditches (bench/network.ts). Details come from network.get when a feature is clicked.
   */
  'network.mapFeatures': {
    input: z.strictObject({ layers: z.array(z.enum(LAYERS)).optional() }),
    output: mapCollectionSchema,
    trustOutput: true as const,
  },
  'network.get': { input: layerAndId, output: networkFeatureSchema },
  'network.create': { input: createInput, output: networkFeatureSchema },
  'network.update': { input: updateInput, output: networkFeatureSchema },
  'network.delete': { input: layerAndId, output: z.object({ id, layer: z.enum(LAYERS) }) },
  /** Reverse the last edit, import or undo of the network (a whole import batch at once). */
  'network.undo': { input: z.strictObject({}), output: z.object({ undone: networkChangeSchema.nullable(), count: z.int() }) },
  'network.history': { input: z.strictObject({ limit: z.int().min(1).max(500).optional() }), output: z.array(networkChangeSchema) },
  'network.search': { input: z.strictObject({ query: z.string().trim().min(1).max(60), limit: z.int().min(1).max(100).optional() }), output: z.array(searchHitSchema) },
  'network.villages': { input: z.strictObject({}), output: z.array(villageSchema) },
  'network.summary': { input: z.strictObject({}), output: networkSummarySchema },
};
