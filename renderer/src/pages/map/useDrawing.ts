import { useCallback, useState } from 'react';
import type { LngLat } from 'maplibre-gl';
import type { Position } from 'geojson';

export type DrawMode =
  | { kind: 'ditch' }
  | { kind: 'culvert' }
  | { kind: 'blockage' }
  | { kind: 'move'; layer: 'culvert' | 'blockage'; id: string };

/** Drawing state: the mode and the points clicked so far, shown on the map as a sketch. */
export function useDrawing() {
  const [mode, setMode] = useState<DrawMode | null>(null);
  const [points, setPoints] = useState<Position[]>([]);
  const start = useCallback((m: DrawMode) => {
    setMode(m);
    setPoints([]);
  }, []);
  const cancel = useCallback(() => {
    setMode(null);
    setPoints([]);
  }, []);
  const add = useCallback((at: LngLat) => setPoints((p) => [...p, [at.lng, at.lat]]), []);
  const sketch: GeoJSON.FeatureCollection | null =
    points.length === 0
      ? null
      : {
          type: 'FeatureCollection',
          features: [
            ...(points.length > 1 ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: points } }] : []),
            ...points.map((p) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: p } })),
          ],
        };
  return { mode, points, start, cancel, add, sketch, setPoints };
}
