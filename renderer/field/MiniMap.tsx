import 'maplibre-gl/dist/maplibre-gl.css';
import { LngLatBounds, Map as MapLibre, ScaleControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import type { PhoneBlockage } from '../../shared/contract/field';
import type { Fix } from './useGps';

setWorkerUrl(workerUrl);

function data(b: PhoneBlockage, fix: Fix | null): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  if (b.ditch) features.push({ type: 'Feature', properties: { role: 'ditch' }, geometry: { type: 'LineString', coordinates: b.ditch.coordinates } });
  if (fix) {
    features.push({ type: 'Feature', properties: { role: 'route' }, geometry: { type: 'LineString', coordinates: [fix.position, b.position] } });
    features.push({ type: 'Feature', properties: { role: 'me' }, geometry: { type: 'Point', coordinates: fix.position } });
  }
  features.push({ type: 'Feature', properties: { role: 'blockage' }, geometry: { type: 'Point', coordinates: b.position } });
  return { type: 'FeatureCollection', features };
}

/**
 * A small offline map: the blockage (red), its ditch (blue), where I am (blue dot) and a dashed
 * line between. No basemap, no labels, no network: it works anywhere in the fields.
 */
export function MiniMap({ blockage, fix }: { blockage: PhoneBlockage; fix: Fix | null }) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const latest = useRef({ blockage, fix });
  latest.current = { blockage, fix };

  const fit = () => {
    const m = map.current;
    if (!m) return;
    const { blockage: b, fix: f } = latest.current;
    const bounds = new LngLatBounds(b.position, b.position);
    if (f && Math.abs(f.position[0] - b.position[0]) < 0.1 && Math.abs(f.position[1] - b.position[1]) < 0.1) bounds.extend(f.position);
    for (const p of b.ditch?.coordinates ?? []) if (Math.abs(p[0] - b.position[0]) < 0.003 && Math.abs(p[1] - b.position[1]) < 0.003) bounds.extend(p);
    m.fitBounds(bounds, { padding: 40, maxZoom: 17, duration: 0 });
  };

  useEffect(() => {
    if (!el.current) return;
    const m = new MapLibre({
      container: el.current,
      style: {
        version: 8,
        sources: { here: { type: 'geojson', data: data(latest.current.blockage, latest.current.fix) } },
        layers: [
          { id: 'bg', type: 'background', paint: { 'background-color': '#eef2e6' } },
          { id: 'ditch', type: 'line', source: 'here', filter: ['==', ['get', 'role'], 'ditch'], paint: { 'line-color': '#1f78c8', 'line-width': 5 } },
          { id: 'route', type: 'line', source: 'here', filter: ['==', ['get', 'role'], 'route'], paint: { 'line-color': '#222', 'line-width': 2, 'line-dasharray': [2, 2] } },
          { id: 'blockage-halo', type: 'circle', source: 'here', filter: ['==', ['get', 'role'], 'blockage'], paint: { 'circle-radius': 22, 'circle-color': '#d7261e', 'circle-opacity': 0.25 } },
          { id: 'blockage', type: 'circle', source: 'here', filter: ['==', ['get', 'role'], 'blockage'], paint: { 'circle-radius': 11, 'circle-color': '#d7261e', 'circle-stroke-color': '#fff', 'circle-stroke-width': 3 } },
          { id: 'me', type: 'circle', source: 'here', filter: ['==', ['get', 'role'], 'me'], paint: { 'circle-radius': 9, 'circle-color': '#1864ab', 'circle-stroke-color': '#fff', 'circle-stroke-width': 3 } },
        ],
      },
      center: latest.current.blockage.position,
      zoom: 15,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    map.current = m;
    m.addControl(new ScaleControl({ unit: 'metric', maxWidth: 100 }), 'bottom-left');
    m.on('load', fit);
    m.on('idle', () => el.current?.setAttribute('data-map-state', 'idle'));
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const source = m?.getSource('here') as GeoJSONSource | undefined;
    if (!source) return;
    source.setData(data(blockage, fix));
  }, [blockage, fix]);

  return (
    <div className="f-map-wrap">
      <div ref={el} className="f-map" data-map-state="loading" aria-label="堵点位置小地图" />
      <button type="button" className="f-map-fit" onClick={fit}>
        居中
      </button>
      <div className="f-map-legend">
        <span className="dot red" /> 堵点 <span className="dot blue" /> 我的位置 <span className="line" /> 沟渠
      </div>
    </div>
  );
}
