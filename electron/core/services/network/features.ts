import type { Geometry } from 'geojson';
import type { NetworkFeature } from '../../../../shared/contract/network';
import type { Layer } from '../../../../shared/domain/network';
import { areaM2, bboxOf, lengthM } from '../../../../shared/geo/length';
import { LAYER_COLUMNS, type FeatureRow } from '../../db/repositories/networkRepository';

/** Columns of a stored row that are computed from the geometry, never taken from input. */
export function geometryColumns(layer: Layer, geometry: Geometry): FeatureRow {
  const box = bboxOf(geometry);
  if (!box) throw new Error('geometry without positions');
  const cols: FeatureRow = { geometry: JSON.stringify(geometry), min_lon: box[0], min_lat: box[1], max_lon: box[2], max_lat: box[3] };
  if (layer === 'ditch') cols.length_m = lengthM(geometry);
  if (layer === 'area') cols.area_m2 = areaM2(geometry);
  return cols;
}

/** Defaults a new feature starts with, per layer (unknown dimensions stay null, never zero). */
export function defaults(layer: Layer): Readonly<FeatureRow> {
  return DEFAULTS[layer];
}

const DEFAULTS: Record<Layer, Readonly<FeatureRow>> = {
  ditch: Object.freeze(defaultsOf('ditch')),
  culvert: Object.freeze(defaultsOf('culvert')),
  blockage: Object.freeze(defaultsOf('blockage')),
  area: Object.freeze(defaultsOf('area')),
};

function defaultsOf(layer: Layer): FeatureRow {
  switch (layer) {
    case 'ditch':
      return { name: '', village: '', bottom_width_m: null, depth_m: null, side_slope: null, manning_n: null, slope: null, condition: 'clear', work: 'existing', work_date: null, note: '', attributes: '{}' };
    case 'culvert':
      return { name: '', village: '', ditch_id: null, diameter_m: null, length_m: null, barrels: 1, material: '', laid_date: null, note: '', attributes: '{}' };
    case 'blockage':
      return { name: '', village: '', ditch_id: null, culvert_id: null, status: 'reported', note: '', attributes: '{}' };
    case 'area':
      return { name: '', runoff_coefficient: null, curve_number: null, note: '', attributes: '{}' };
  }
}

/** A stored row as the GeoJSON feature the contract returns. */
export function rowToFeature(layer: Layer, row: FeatureRow): NetworkFeature {
  const properties: Record<string, unknown> = { layer, id: row.id, updated_at: row.updated_at, source: row.source };
  for (const c of LAYER_COLUMNS[layer]) {
    if (layer === 'blockage' && c === 'culvert_id') continue;
    properties[c] = c === 'attributes' ? JSON.parse(String(row[c] ?? '{}')) : row[c];
  }
  return { type: 'Feature', id: row.id as string, geometry: JSON.parse(row.geometry as string), properties } as NetworkFeature;
}

/** The name users see for a feature in lists and history. */
export function displayName(layer: Layer, row: FeatureRow | null): string {
  if (!row) return '';
  const name = String(row.name ?? '').trim();
  if (name) return name;
  const fallback: Record<Layer, string> = { ditch: '未命名沟渠', culvert: '未命名涵管', blockage: '未命名堵点', area: '未命名片区' };
  return fallback[layer];
}
