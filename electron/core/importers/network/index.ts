/** Importing and exporting the drainage network (ditches, culverts, blockage points, areas). */
export { parseNetworkFile, DEFAULT_MAX_IMPORT_BYTES, type ParseOptions } from './parse';
export { toNetworkFeatures } from './convert';
export { exportGeoJson, exportKml, exportCsv, exportNetwork, type ExportFormat, type ExportOptions, type CsvGeometry } from './export';
export { LAYERS, LAYER_LABELS, LAYER_GEOMETRY, LAYER_FIELDS, FIELD_LABELS, fieldsOf } from './schema';
export type { ImportFailure, ImportErrorDetails } from './errors';
export type * from './types';
