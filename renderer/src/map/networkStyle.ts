import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

/** The app's label font: shipped with the app, drawn by maplibre locally (no glyph server). */
export const LABEL_FONT = ['Noto Sans SC Regular'];
/**
 * One GeoJSON source per layer: each style layer then filters only its own features, and
 * maplibre's workers index the sources in parallel (bench/network.ts measured the difference).
 */
export const NETWORK_SOURCES = { ditch: 'net-ditch', culvert: 'net-culvert', blockage: 'net-blockage', area: 'net-area' } as const;
/** The source holding the ditches: the one that is slowest to index and says the network is drawn. */
export const NETWORK_SOURCE = NETWORK_SOURCES.ditch;
/** One point per area, at its middle, so a village is named once rather than once per tile. */
export const AREA_LABEL_SOURCE = 'area-labels';
/** The vector-tile source of the map page: the core cuts the tiles (network.tile), one source-layer per layer. */
export const TILE_SOURCE = 'net';
/** The vector tiles' source-layer of the area label points. */
export const AREA_LABEL_LAYER = 'area-label';

/** Where a style layer reads a network layer: its own GeoJSON source, or a source-layer of the vector tiles. */
export type NetworkSourceMode = 'geojson' | 'tiles';

/** The `source` (and `source-layer`) of a style layer drawing `layer` in `mode`. */
export function sourceOf(mode: NetworkSourceMode, layer: keyof typeof NETWORK_SOURCES | typeof AREA_LABEL_LAYER): { source: string; 'source-layer'?: string } {
  if (mode === 'tiles') return { source: TILE_SOURCE, 'source-layer': layer };
  return { source: layer === AREA_LABEL_LAYER ? AREA_LABEL_SOURCE : NETWORK_SOURCES[layer] };
}

/** Ditch colours by condition: clear blue, silted amber, blocked red — readable in print too. */
export const CONDITION_COLORS = { clear: '#1f78c8', silted: '#d08a00', blocked: '#d7261e' } as const;
export const KIND_WIDTHS = { river: 7, main: 4, branch: 2.4, field: 1.2 } as const;
export const STATUS_COLORS = {
  reported: '#d7261e',
  assigned: '#e8590c',
  in_progress: '#f0a400',
  cleared: '#2b8a3e',
  verified: '#5c940d',
  rejected: '#868e96',
} as const;

const byKind = (values: Record<string, number>, fallback: number): ExpressionSpecification => [
  'match',
  ['get', 'kind'],
  ...Object.entries(values).flatMap(([k, v]) => [k, v]),
  fallback,
] as unknown as ExpressionSpecification;

/** Width by kind, growing with zoom; `extra` widens it (a casing). Zoom must be the outermost expression. */
const zoomed = (factor: number, extra = 0): ExpressionSpecification =>
  [
    'interpolate', ['linear'], ['zoom'],
    10, ['+', ['*', byKind(KIND_WIDTHS, 1), factor * 0.35], extra],
    14, ['+', ['*', byKind(KIND_WIDTHS, 1), factor], extra],
    18, ['+', ['*', byKind(KIND_WIDTHS, 1), factor * 2.5], extra],
  ] as ExpressionSpecification;

const isLayer = (layer: string): ExpressionSpecification => ['==', ['get', 'layer'], layer];

/** Map layer ids grouped by the toggle that shows or hides them. */
export const LAYER_GROUPS = {
  area: ['area-fill', 'area-outline', 'area-label'],
  ditch: ['ditch-casing', 'ditch-line', 'ditch-silted', 'ditch-label'],
  culvert: ['culvert-symbol'],
  blockage: ['blockage-halo', 'blockage-symbol', 'blockage-label'],
} as const;

/** Every network layer, bottom to top: areas, rivers and ditches, culverts, blockage points. */
export function networkLayers(mode: NetworkSourceMode = 'geojson'): LayerSpecification[] {
  return [
    { id: 'area-fill', type: 'fill', ...sourceOf(mode, 'area'), filter: isLayer('area'), paint: { 'fill-color': ['match', ['get', 'kind'], 'village', '#e9f2dc', '#f4ecd8'], 'fill-opacity': 0.55 } },
    { id: 'area-outline', type: 'line', ...sourceOf(mode, 'area'), filter: isLayer('area'), paint: { 'line-color': '#9aab7c', 'line-width': 1.2, 'line-dasharray': [4, 2] } },
    {
      id: 'ditch-casing',
      type: 'line',
      ...sourceOf(mode, 'ditch'),
      // Below zoom 12 the white edge is too thin to see; skipping it there halves the first draw.
      minzoom: 12,
      filter: ['all', isLayer('ditch'), ['!=', ['get', 'kind'], 'field']],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': zoomed(1, 2), 'line-opacity': 0.9 },
    },
    {
      id: 'ditch-line',
      type: 'line',
      ...sourceOf(mode, 'ditch'),
      filter: ['!=', ['get', 'condition'], 'silted'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['case', ['==', ['get', 'kind'], 'river'], '#4a90c8', ['match', ['get', 'condition'], 'blocked', CONDITION_COLORS.blocked, CONDITION_COLORS.clear]],
        'line-width': zoomed(1),
      },
    },
    // Silted ditches get their own layer with a constant dash: a dash pattern that varies per
    // feature is costly to draw for 50,000 ditches (bench/network.ts).
    {
      id: 'ditch-silted',
      type: 'line',
      ...sourceOf(mode, 'ditch'),
      filter: ['==', ['get', 'condition'], 'silted'],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': CONDITION_COLORS.silted, 'line-width': zoomed(1), 'line-dasharray': [2, 1.2] },
    },
    {
      id: 'culvert-symbol',
      type: 'circle',
      ...sourceOf(mode, 'culvert'),
      filter: isLayer('culvert'),
      minzoom: 12,
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 16, 6], 'circle-color': '#ffffff', 'circle-stroke-color': '#37474f', 'circle-stroke-width': 2 },
    },
    {
      id: 'blockage-halo',
      type: 'circle',
      ...sourceOf(mode, 'blockage'),
      filter: ['all', isLayer('blockage'), ['in', ['get', 'status'], ['literal', ['reported', 'assigned', 'in_progress']]]],
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 8, 16, 16], 'circle-color': '#d7261e', 'circle-opacity': 0.18 },
    },
    {
      id: 'blockage-symbol',
      type: 'circle',
      ...sourceOf(mode, 'blockage'),
      filter: isLayer('blockage'),
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 16, 8],
        'circle-color': ['match', ['get', 'status'], ...Object.entries(STATUS_COLORS).flat(), '#868e96'] as unknown as ExpressionSpecification,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'area-label',
      type: 'symbol',
      ...sourceOf(mode, AREA_LABEL_LAYER),
      filter: ['==', ['get', 'kind'], 'village'],
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 15, 'text-letter-spacing': 0.2 },
      paint: { 'text-color': '#5b6b3a', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
    {
      id: 'ditch-label',
      type: 'symbol',
      ...sourceOf(mode, 'ditch'),
      filter: ['all', isLayer('ditch'), ['in', ['get', 'kind'], ['literal', ['river', 'main']]]],
      // The map page may show a whole county: below zoom 13 thousands of ditch names would be
      // placed (and collide) on every frame, and could not be read anyway.
      minzoom: mode === 'tiles' ? 13 : 11.5,
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 13, 'symbol-spacing': 400 },
      paint: { 'text-color': '#0b4a7a', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
    {
      id: 'blockage-label',
      type: 'symbol',
      ...sourceOf(mode, 'blockage'),
      filter: ['all', isLayer('blockage'), ['in', ['get', 'status'], ['literal', ['reported', 'assigned', 'in_progress']]]],
      minzoom: 13,
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-offset': [0, 1.3], 'text-anchor': 'top', 'text-max-width': 10 },
      paint: { 'text-color': '#a61e1e', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
  ];
}

/** Layers that answer a click. */
export const CLICKABLE_LAYERS = ['blockage-symbol', 'culvert-symbol', 'ditch-line', 'ditch-silted', 'area-fill'];
