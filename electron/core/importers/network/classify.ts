/**
 * Which of our layers a feature belongs to. Lines are ditches and polygons areas; points are
 * culverts or blockage points, told apart by (in order) the layer field, the user's choice for
 * points, the KML folders, the name (涵 → culvert, 堵 → blockage), which fields are filled,
 * and finally the default: blockage, since field teams mostly share blockage points.
 */
import type { GeometryKind } from '../../../../shared/geo/geometry';
import { LAYER_GEOMETRY } from './schema';
import type { FieldMapping, NetworkLayer, PropertyValue } from './types';
import { normalizeWord } from './values';

/** How a layer was decided, for warnings. */
export type LayerReason = 'override' | 'layer_field' | 'geometry' | 'choice' | 'folder' | 'name' | 'fields' | 'default';

// Exact words (after normalizeWord) that name a layer in a layer column.
const LAYER_WORDS: Record<NetworkLayer, readonly string[]> = {
  ditch: ['ditch', 'ditches', '沟渠', '沟', '渠', '排水沟', '沟道'],
  culvert: ['culvert', 'culverts', '涵管', '涵', '涵洞', '管涵'],
  blockage: ['blockage', 'blockages', '堵点', '堵', '阻水点', '堵塞点'],
  area: ['area', 'areas', '片区', '区域', '汇水区', '地块', '村界'],
};

/** The layer a value names exactly ('ditch', '沟渠', '涵管', …), or null. */
export function layerFromWord(value: PropertyValue): NetworkLayer | null {
  if (value === null) return null;
  const word = normalizeWord(String(value));
  for (const [layer, words] of Object.entries(LAYER_WORDS) as [NetworkLayer, readonly string[]][]) {
    if (words.includes(word)) return layer;
  }
  return null;
}

/** Culvert or blockage from Chinese text that mentions one; 堵 wins ("涵管堵塞" is a blockage report). */
export function pointLayerFromText(text: string): 'culvert' | 'blockage' | null {
  if (/堵|阻水|blockage|blocked/i.test(text)) return 'blockage';
  if (/涵|culvert/i.test(text)) return 'culvert';
  return null;
}

function filled(value: PropertyValue | undefined): boolean {
  return value !== null && value !== undefined && String(value).trim() !== '';
}

/** What classifyLayer needs of a feature. */
export interface Classifiable {
  kind: GeometryKind;
  properties: Record<string, PropertyValue>;
  folderPath: readonly string[];
}

/** The layer for one feature under a mapping, and why. */
export function classifyLayer(feature: Classifiable, mapping: FieldMapping): { layer: NetworkLayer; reason: LayerReason } {
  const fromField = mapping.layer ? layerFromWord(feature.properties[mapping.layer] ?? null) : null;
  if (fromField && LAYER_GEOMETRY[fromField] === feature.kind) return { layer: fromField, reason: 'layer_field' };
  if (feature.kind === 'line') return { layer: 'ditch', reason: 'geometry' };
  if (feature.kind === 'polygon') return { layer: 'area', reason: 'geometry' };
  if (mapping.points !== 'auto') return { layer: mapping.points, reason: 'choice' };
  for (const folder of [...feature.folderPath].reverse()) {
    const layer = pointLayerFromText(folder);
    if (layer) return { layer, reason: 'folder' };
  }
  const nameField = mapping.fields.name;
  const name = nameField ? feature.properties[nameField] : null;
  const byName = filled(name) ? pointLayerFromText(String(name)) : null;
  if (byName) return { layer: byName, reason: 'name' };
  const has = (field: keyof FieldMapping['fields']) => {
    const source = mapping.fields[field];
    return source !== undefined && filled(feature.properties[source]);
  };
  if (has('diameter_m') || has('barrels') || has('laid_date')) return { layer: 'culvert', reason: 'fields' };
  if (has('status') || has('reported_at')) return { layer: 'blockage', reason: 'fields' };
  return { layer: 'blockage', reason: 'default' };
}
