import { Map as MapLibre, NavigationControl, ScaleControl, prewarm, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { lightenMovesOnSoftwareWebgl } from '../common/softwareWebgl';
import { MapUnavailable } from '../src/map/MapUnavailable';
import { countyApi, type CountyExtent } from './api';

// The worker is a file of our own bundle (the CSP allows no other script).
setWorkerUrl(workerUrl);

// `minor` is the overview's branch and field ditches merged where they are a pixel or less (zoomed out).
const KIND_WIDTH = ['match', ['get', 'kind'], 'river', 3.5, 'main', 2.5, 'branch', 1.6, 'minor', 1.2, 1] as const;
const BLOCKED_WIDTH = ['match', ['get', 'kind'], 'river', 4.5, 'main', 3.5, 'branch', 2.6, 2] as const;

function style(origin: string, ditchColor: unknown): StyleSpecification {
  return {
    version: 8,
    sources: {
      // Vector tiles cut by PostGIS (ST_AsMVT): the county's million segments never travel as one GeoJSON.
      network: { type: 'vector', tiles: [`${origin}/tiles/{z}/{x}/{y}.pbf`], minzoom: 6, maxzoom: 16 },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1e8' } },
      { id: 'county-area', type: 'fill', source: 'network', 'source-layer': 'area', paint: { 'fill-color': '#8fbf6a', 'fill-opacity': 0.12 } },
      { id: 'county-ditch', type: 'line', source: 'network', 'source-layer': 'ditch', paint: { 'line-color': ditchColor as never, 'line-width': KIND_WIDTH as never } },
      // Blocked ditches come one by one at every zoom (never merged); drawn red over the township colours.
      {
        id: 'county-ditch-blocked',
        type: 'line',
        source: 'network',
        'source-layer': 'ditch',
        filter: ['==', ['get', 'status'], 'blocked'],
        // Round caps: a blocked ditch shorter than a pixel still shows as a red dot.
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': '#e03131', 'line-width': BLOCKED_WIDTH as never },
      },
      {
        id: 'county-blockage',
        type: 'circle',
        source: 'network',
        'source-layer': 'point',
        filter: ['==', ['get', 'layer'], 'blockage'],
        paint: {
          'circle-radius': 5,
          'circle-color': ['match', ['get', 'status'], ['cleared', 'verified'], '#2b8a3e', 'rejected', '#868e96', '#e03131'],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1.5,
        },
      },
    ],
  };
}

/** Start the map's workers (and their script's download and compile) before the map is made: once the session is known. */
export function prewarmCountyMap(): void {
  prewarm();
}

/** The ditches' colour: each township's own (the table's), blue for a township the table does not list. */
function ditchColor(colors: Record<string, string>) {
  const pairs = Object.entries(colors).flat();
  return pairs.length ? ['match', ['get', 'township_id'], ...pairs, '#1f6feb'] : '#1f6feb';
}

type Bbox = [number, number, number, number];

/**
 * All townships' networks on one map, each township's ditches in its colour. The map is made once
 * the county's extent (`extent`, when the page asked already) and the townships' colours are known
 * (`colors` null until the report has come or failed): a data-driven colour set after the tiles
 * are in makes maplibre cut every tile again.
 */
export function CountyMap({ colors, extent }: { colors: Record<string, string> | null; extent?: Promise<CountyExtent> | undefined }) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const colorsRef = useRef(colors);
  colorsRef.current = colors;
  // The colours the map was made or last painted with, so an unchanged table repaints nothing.
  const painted = useRef('');
  const [bbox, setBbox] = useState<Bbox | null | undefined>(undefined);
  // Why the map could not be made (no WebGL on this PC), shown in its place.
  const [failure, setFailure] = useState<string | null>(null);

  const paint = (map: MapLibre) => {
    const now = colorsRef.current ?? {};
    const key = JSON.stringify(now);
    if (key === painted.current) return;
    painted.current = key;
    map.setPaintProperty('county-ditch', 'line-color', ditchColor(now) as never);
  };

  useEffect(() => {
    let live = true;
    // The county's extent first, so the map opens on it: no tiles cut for a default view and then thrown away.
    (extent ?? countyApi.extent()).then(
      (r) => live && setBbox(r.bbox),
      () => live && setBbox(null),
    );
    return () => {
      live = false;
    };
  }, []);

  const ready = bbox !== undefined && colors !== null;
  useEffect(() => {
    if (!ready) return;
    const el = container.current!;
    const now = colorsRef.current ?? {};
    painted.current = JSON.stringify(now);
    let m: MapLibre;
    try {
      m = new MapLibre({
        container: el,
        style: style(location.origin, ditchColor(now)),
        ...(bbox ? { bounds: bbox, fitBoundsOptions: { padding: 30, maxZoom: 13 } } : { center: [124.2, 43.4] as [number, number], zoom: 9 }),
        attributionControl: false,
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
    } catch (err) {
      // No WebGL on this PC: say so in the map's place; the townships' table still works.
      el.setAttribute('data-map-state', 'failed');
      setFailure(err instanceof Error ? err.message : String(err));
      return;
    }
    mapRef.current = m;
    const resolution = lightenMovesOnSoftwareWebgl(m);
    (window as unknown as { __countyMap?: MapLibre }).__countyMap = m;
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    m.on('movestart', () => el.setAttribute('data-map-state', 'busy'));
    // Idle only once the sharp frame after a move is drawn (movingResolution.ts).
    m.on('idle', () => {
      if (!resolution.settling()) el.setAttribute('data-map-state', 'idle');
    });
    // Colours that changed while the style was loading.
    m.on('load', () => paint(m));
    return () => {
      m.remove();
      mapRef.current = null;
    };
  }, [ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (map?.isStyleLoaded()) paint(map);
  }, [colors]);

  return (
    <div ref={container} className="county-map" data-testid="county-map" data-map-state="busy">
      {failure !== null && <MapUnavailable detail={failure} />}
    </div>
  );
}
