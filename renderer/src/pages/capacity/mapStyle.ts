/** How the capacity map colours ditches (by conveyance or by how full they get) and sizes blockages by impact. */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { KIND_WIDTHS, LABEL_FONT } from '../../map/networkStyle';

export const CAPACITY_SOURCE = 'capacity';
export type ColourBy = 'conveyance' | 'fill';

/** Conveyance classes, m³/s, light to dark blue. */
export const CONVEYANCE_CLASSES: { from: number; color: string; label: string }[] = [
  { from: 0, color: '#bcd7ec', label: '< 0.5' },
  { from: 0.5, color: '#82b6dc', label: '0.5–1' },
  { from: 1, color: '#3f8fc8', label: '1–3' },
  { from: 3, color: '#1a63a8', label: '3–10' },
  { from: 10, color: '#0b3770', label: '≥ 10' },
];

/** How full for the rain, percent: green while it fits, red when it spills over. */
export const FILL_CLASSES: { from: number; color: string; label: string }[] = [
  { from: 0, color: '#2f9e44', label: '< 50%' },
  { from: 50, color: '#94c11f', label: '50–80%' },
  { from: 80, color: '#f0a400', label: '80–100%' },
  { from: 100, color: '#e8590c', label: '100–200%' },
  { from: 200, color: '#c92a2a', label: '≥ 200%' },
];

export const INVALID_COLOR = '#9aa5b1';
export const BLOCKED_COLOR = '#d7261e';

function steps(value: ExpressionSpecification, classes: typeof CONVEYANCE_CLASSES): ExpressionSpecification {
  return ['step', value, classes[0]!.color, ...classes.slice(1).flatMap((c) => [c.from, c.color])] as unknown as ExpressionSpecification;
}

/** The ditch colour expression for the chosen measure. */
export function ditchColor(by: ColourBy): ExpressionSpecification {
  const measure: ExpressionSpecification =
    by === 'conveyance'
      ? ['case', ['==', ['get', 'condition'], 'blocked'], BLOCKED_COLOR, steps(['to-number', ['get', 'conveyanceM3s']], CONVEYANCE_CLASSES)]
      : ['case', ['==', ['get', 'fillPct'], null], INVALID_COLOR, steps(['to-number', ['get', 'fillPct']], FILL_CLASSES)];
  return ['case', ['!', ['get', 'valid']], INVALID_COLOR, ['==', ['get', 'kind'], 'river'], '#4a90c8', measure] as ExpressionSpecification;
}

const width = (factor: number, extra = 0): ExpressionSpecification => {
  const byKind = ['match', ['get', 'kind'], ...Object.entries(KIND_WIDTHS).flat(), 1] as unknown as ExpressionSpecification;
  return ['interpolate', ['linear'], ['zoom'], 10, ['+', ['*', byKind, 0.45 * factor], extra], 14, ['+', ['*', byKind, factor], extra], 18, ['+', ['*', byKind, 2.5 * factor], extra]] as ExpressionSpecification;
};

const isLayer = (layer: string): ExpressionSpecification => ['==', ['get', 'layer'], layer];

/** The ditch layers, to go beneath the network's points. */
export function ditchLayers(by: ColourBy): LayerSpecification[] {
  return [
    { id: 'cap-ditch-casing', type: 'line', source: CAPACITY_SOURCE, filter: ['all', isLayer('ditch'), ['!=', ['get', 'kind'], 'field']], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': width(1.4, 2) } },
    {
      id: 'cap-ditch',
      type: 'line',
      source: CAPACITY_SOURCE,
      filter: isLayer('ditch'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ditchColor(by), 'line-width': width(1.4), 'line-dasharray': ['case', ['!', ['get', 'valid']], ['literal', [1.5, 1.2]], ['literal', [1, 0]]] },
    },
    {
      id: 'cap-ditch-label',
      type: 'symbol',
      source: CAPACITY_SOURCE,
      filter: ['all', isLayer('ditch'), ['in', ['get', 'kind'], ['literal', ['river', 'main']]]],
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'symbol-spacing': 420 },
      paint: { 'text-color': '#0b4a7a', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
  ];
}

/** Impact circles (area ∝ runoff held back) and the order numbers, on top of everything. */
export function impactLayers(maxHeld: number, maxStorage: number): LayerSpecification[] {
  const useStorage = maxHeld <= 0;
  const share: ExpressionSpecification = useStorage ? ['/', ['get', 'storageM3'], Math.max(1, maxStorage)] : ['/', ['get', 'runoffHeldM3'], Math.max(1, maxHeld)];
  const radius: ExpressionSpecification = ['+', 7, ['*', 24, ['sqrt', share]]];
  return [
    { id: 'cap-impact', type: 'circle', source: CAPACITY_SOURCE, filter: isLayer('blockage'), paint: { 'circle-radius': radius, 'circle-color': '#d7261e', 'circle-opacity': 0.22, 'circle-stroke-color': '#d7261e', 'circle-stroke-width': 1.5 } },
    {
      id: 'cap-rank',
      type: 'symbol',
      source: CAPACITY_SOURCE,
      filter: ['all', isLayer('blockage'), ['<=', ['get', 'rank'], 20]],
      layout: { 'text-field': ['to-string', ['get', 'rank']], 'text-font': LABEL_FONT, 'text-size': 13, 'text-allow-overlap': true, 'text-offset': [0, -1.4] },
      paint: { 'text-color': '#8a1212', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
  ];
}
