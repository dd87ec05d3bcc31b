import { z } from 'zod';
import { LAYERS } from '../domain/network';
import { isSourceCrs, type SourceCrs } from '../geo/projected';
import { id } from './common';
import { bilingual } from './validation';

const bilingualText = z.object({ zh: z.string(), en: z.string() });
export const CRS_VALUES = ['wgs84', 'gcj02', 'bd09'] as const;
/** A file's system: one of ours, or an EPSG code from shared/geo/projected ("EPSG:4529"). */
const crs = z.custom<SourceCrs>(isSourceCrs, {
  error: bilingual('坐标系应为 wgs84、gcj02、bd09 或列表中的 EPSG 代码(如 EPSG:4529)', 'the coordinate system must be wgs84, gcj02, bd09 or a listed EPSG code (e.g. EPSG:4529)'),
});
/** Seven parameters to WGS84 for Xian 1980 / Beijing 1954 (metres, arc-seconds, ppm). */
const datumShift = z.strictObject({
  dx: z.number().min(-1000).max(1000), dy: z.number().min(-1000).max(1000), dz: z.number().min(-1000).max(1000),
  rx: z.number().min(-60).max(60), ry: z.number().min(-60).max(60), rz: z.number().min(-60).max(60),
  ppm: z.number().min(-100).max(100),
});
const layerCounts = z.object({ ditch: z.int(), culvert: z.int(), blockage: z.int(), area: z.int() });

/** Export formats: text (geojson, kml, csv) and binary (gpkg, shapefile zip, xlsx ledger). */
export const EXPORT_FORMATS = ['geojson', 'kml', 'csv', 'gpkg', 'shapefile', 'xlsx'] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number];

export const fieldMappingSchema = z.strictObject({
  layer: z.string().nullable(),
  id: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  points: z.enum(['auto', 'culvert', 'blockage']),
});
export type FieldMappingInput = z.infer<typeof fieldMappingSchema>;

export const importPreviewSchema = z.object({
  previewId: z.string(),
  fileName: z.string(),
  format: z.enum(['geojson', 'kml', 'kmz', 'shapefile', 'csv', 'gpkg', 'xlsx']),
  encoding: z.string().nullable(),
  detectedCrs: crs.nullable(),
  crsReason: bilingualText,
  counts: z.object({ total: z.int(), byGeometry: z.record(z.string(), z.int()), byLayer: layerCounts, bySourceLayer: z.record(z.string(), z.int()) }),
  fields: z.array(z.object({ name: z.string(), samples: z.array(z.string()), filled: z.int() })),
  suggestedMapping: fieldMappingSchema,
  warnings: z.array(z.object({ code: z.string(), message: bilingualText, features: z.array(z.int()).optional() })),
  /** The first features, so the user can recognise the file. */
  sample: z.array(z.object({ index: z.int(), layer: z.enum(LAYERS), name: z.string(), where: bilingualText })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({
  batchId: id,
  fileName: z.string(),
  counts: layerCounts,
  updated: z.int(),
  /** The coordinate system the coordinates were read in. */
  crs,
  warnings: z.array(z.object({ code: z.string(), message: bilingualText })),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importProcedures = {
  /** Read a file (bytes as base64) and say what is in it; nothing is written. */
  'import.preview': {
    input: z.strictObject({ fileName: z.string().min(1).max(255), dataBase64: z.string() }),
    output: importPreviewSchema,
  },
  /** Write a previewed file under the confirmed coordinate system and mapping: all or nothing. */
  'import.commit': {
    input: z.strictObject({
      previewId: z.string(),
      crs,
      datumShift: datumShift.optional(),
      mapping: fieldMappingSchema.optional(),
      layerOverrides: z.record(z.string(), z.enum(LAYERS)).optional(),
    }),
    output: importResultSchema,
  },
  /**
   * The network as a file, WGS84. Text formats come as `text`; GeoPackage, zipped Shapefile
   * (GBK .cpg by default, `encoding: 'utf-8'` for UTF-8) and the Excel ledger (沟渠台账) as `base64`.
   */
  'network.export': {
    input: z.strictObject({
      format: z.enum(EXPORT_FORMATS),
      layers: z.array(z.enum(LAYERS)).optional(),
      encoding: z.enum(['gbk', 'utf-8']).optional(),
    }),
    output: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      text: z.string(),
      base64: z.string().optional(),
      count: z.int(),
      warnings: z.array(bilingualText),
    }),
  },
};
