/**
 * The one error an import throws: AppError('import_invalid') whose message names the file and
 * what is wrong, and whose details carry a machine-readable reason (and line/feature numbers).
 */
import { AppError, type Bilingual } from '../../../../shared/contract/errors';

/** Machine-readable reasons in AppError.details.reason. */
export type ImportFailure =
  | 'empty'
  | 'too_large'
  | 'unknown_format'
  | 'not_xml'
  | 'bad_xml'
  | 'not_kml'
  | 'bad_json'
  | 'not_geojson'
  | 'bad_coordinates'
  | 'bad_zip'
  | 'zip_no_shp'
  | 'kmz_no_kml'
  | 'shp_missing_part'
  | 'bad_shapefile'
  | 'projected_crs'
  | 'unknown_encoding'
  | 'no_coordinate_columns'
  | 'bad_csv'
  | 'no_features'
  | 'too_deep'
  | 'network_link_only'
  | 'layer_changed'
  | 'bad_gpkg';

/** Details attached to every import error. */
export interface ImportErrorDetails {
  reason: ImportFailure;
  fileName: string;
  line?: number;
  feature?: number;
  [key: string]: unknown;
}

/** Builds the AppError; the message starts with the file name, Chinese first. */
export function importInvalid(
  fileName: string,
  reason: ImportFailure,
  what: Bilingual,
  extra: Omit<ImportErrorDetails, 'reason' | 'fileName'> = {},
): AppError {
  const details: ImportErrorDetails = { reason, fileName, ...extra };
  return new AppError('import_invalid', { zh: `“${fileName}”:${what.zh}`, en: `"${fileName}": ${what.en}` }, details);
}
