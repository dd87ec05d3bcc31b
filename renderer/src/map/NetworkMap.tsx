import 'maplibre-gl/dist/maplibre-gl.css';
import { addProtocol, Map as MapLibre, NavigationControl, ScaleControl, setWorkerUrl, type GeoJSONSource, type LayerSpecification, type LngLat, type MapGeoJSONFeature, type StyleSpecification } from 'maplibre-gl';
import * as maplibre from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { MapCollection } from '../../../shared/contract/network';
import type { Basemap } from '../../../shared/contract/settings';
import type { Layer } from '../../../shared/domain/network';
import { invoke } from '../api/client';
import { base64ToBytes } from '../../common/base64';
import { lightenMovesOnSoftwareWebgl } from '../../common/softwareWebgl';
import { MapUnavailable } from './MapUnavailable';
import { basemapLayers, OFFLINE_PROTOCOL } from './basemaps';
import { loadMapFont, MAP_FONT_FAMILY } from './loadMapFont';
import { AREA_LABEL_SOURCE, CLICKABLE_LAYERS, LAYER_GROUPS, NETWORK_SOURCES, networkLayers, sourceOf, TILE_SOURCE, type NetworkSourceMode } from './networkStyle';
import { NETWORK_TILE_MAX_ZOOM } from '../../../shared/contract/networkTiles';
import { networkTileUrl, refreshNetworkTiles, reloadNetworkTiles, TileRevisions } from './networkTiles';

setWorkerUrl(workerUrl);
// bench/network.ts builds its baseline (a bare maplibre page) with the very same bundle.
(window as unknown as { __draindeskMaplibre?: unknown }).__draindeskMaplibre = maplibre;

// A transparent 1×1 PNG: where the offline file has no tile, the map shows the plain background.
const EMPTY_TILE = base64ToBytes('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==');

// Offline basemap tiles come from the user's own MBTiles/PMTiles file through the core.
addProtocol(OFFLINE_PROTOCOL, async (params) => {
  const m = /\/(\d+)\/(\d+)\/(\d+)$/.exec(params.url);
  if (!m) throw new Error(`bad tile url ${params.url}`);
  const tile = await invoke('basemap.tile', { z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) });
  const bytes = tile.dataBase64 ? base64ToBytes(tile.dataBase64) : EMPTY_TILE;
  return { data: bytes.buffer };
});

export type Bbox = [number, number, number, number];

export interface NetworkMapProps {
  /** The features to draw: network.mapFeatures, or a full network.list (a superset). Unused with `tiles`. */
  collection: MapCollection | null;
  /**
   * Draw the whole live network from the core's vector tiles instead (the map page): the page
   * holds none of it. When `version` moves (after an edit, an undo, an import), the map asks the
   * core where the network changed and fetches only those tiles again.
   */
  tiles?: { version: number } | null;
  /** Tiles mode: the tiles of this `tiles.version` are drawn (the page's other reloads wait for it, so they do not queue ahead in the core). */
  onTilesShown?: (version: number) => void;
  basemap: Basemap;
  visible: Record<Layer, boolean>;
  selectedId: string | null;
  /** The selected feature's layer: with `tiles` the highlight is fetched (network.get) rather than filtered out of every tile. */
  selectedLayer?: Layer | null;
  /** A click on a feature (or on nothing: null). Not called while `onPick` is set. */
  onSelect?: (feature: { layer: Layer; id: string } | null) => void;
  /** While set, clicks pick map positions (drawing) instead of selecting features. */
  onPick?: ((at: LngLat) => void) | null;
  /** Extra GeoJSON drawn on top: the line being drawn, a feature being moved. */
  sketch?: GeoJSON.FeatureCollection | null;
  fitTo?: { bbox: Bbox; key: number } | null;
  onReady?: (map: MapLibre) => void;
  /** A collection was handed to maplibre (after its label glyphs loaded): the next idle draws it. */
  onDataShown?: (collection: MapCollection) => void;
  className?: string;
}

/** The network split by layer, one collection per source. */
function splitByLayer(collection: MapCollection): Record<Layer, GeoJSON.FeatureCollection> {
  const out = { ditch: [], culvert: [], blockage: [], area: [] } as Record<Layer, GeoJSON.Feature[]>;
  for (const f of collection.features) out[f.properties.layer].push(f as GeoJSON.Feature);
  return Object.fromEntries(Object.entries(out).map(([k, features]) => [k, { type: 'FeatureCollection', features }])) as Record<Layer, GeoJSON.FeatureCollection>;
}

/** The middle of each area's outer ring's extent, as a label point. */
function areaLabelPoints(collection: MapCollection): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const f of collection.features) {
    if (f.properties.layer !== 'area') continue;
    const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates[0]?.[0] : undefined;
    if (!ring || ring.length === 0) continue;
    const lons = ring.map((p) => p[0] as number);
    const lats = ring.map((p) => p[1] as number);
    const at = [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
    features.push({ type: 'Feature', properties: { name: f.properties.name, kind: (f.properties as { kind: string }).kind }, geometry: { type: 'Point', coordinates: at } });
  }
  return { type: 'FeatureCollection', features };
}

function networkSources(mode: NetworkSourceMode, generation: number): StyleSpecification['sources'] {
  if (mode === 'tiles') return { [TILE_SOURCE]: { type: 'vector', tiles: [networkTileUrl(generation)], maxzoom: NETWORK_TILE_MAX_ZOOM } };
  return {
    ...Object.fromEntries(
      // A 64 px tile buffer (default 128) is enough for our widest line and label.
      Object.values(NETWORK_SOURCES).map((id) => [id, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id', buffer: 64 } as const]),
    ),
    [AREA_LABEL_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  };
}

/** The selected feature's source in tiles mode: just its geometry, so selecting never re-lays out the tiles. */
const SELECTION_SOURCE = 'selection';

/** The highlight of the selected feature: filtered from the GeoJSON sources, or drawn from its own small source in tiles mode. */
function selectionLayers(mode: NetworkSourceMode): LayerSpecification[] {
  const line = { 'line-color': '#00c2ff', 'line-width': 8, 'line-opacity': 0.55 } as const;
  const ring = { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#00c2ff', 'circle-stroke-width': 3 } as const;
  if (mode === 'tiles') {
    return [
      { id: 'selected-line', type: 'line', source: SELECTION_SOURCE, filter: ['==', ['geometry-type'], 'LineString'], paint: line },
      { id: 'selected-point', type: 'circle', source: SELECTION_SOURCE, filter: ['==', ['geometry-type'], 'Point'], paint: ring },
    ];
  }
  return [
    { id: 'selected-line', type: 'line', ...sourceOf(mode, 'ditch'), filter: ['==', ['get', 'id'], ''], paint: line },
    { id: 'selected-point', type: 'circle', ...sourceOf(mode, 'blockage'), filter: ['==', ['get', 'id'], ''], paint: ring },
    { id: 'selected-culvert', type: 'circle', ...sourceOf(mode, 'culvert'), filter: ['==', ['get', 'id'], ''], paint: ring },
  ];
}

function baseStyle(basemap: Basemap, mode: NetworkSourceMode, generation: number): StyleSpecification {
  const base = basemapLayers(basemap.kind, basemap.tiandituKey);
  return {
    version: 8,
    // No `glyphs`: every label is drawn locally with the app's own font.
    sources: {
      ...base.sources,
      ...networkSources(mode, generation),
      sketch: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      ...(mode === 'tiles' ? { [SELECTION_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } as const } : {}),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1e8' } },
      ...base.layers,
      ...networkLayers(mode),
      ...selectionLayers(mode),
      { id: 'sketch-line', type: 'line', source: 'sketch', paint: { 'line-color': '#7b2cbf', 'line-width': 3, 'line-dasharray': [2, 1] } },
      { id: 'sketch-point', type: 'circle', source: 'sketch', paint: { 'circle-radius': 5, 'circle-color': '#7b2cbf', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
    ],
  };
}

/**
 * The network on a maplibre map. With `tiles` (the map page) it draws the core's vector tiles of
 * the live network, fetched through the contract like basemap tiles, so the page never holds the
 * network (a county is twenty townships); otherwise (the capacity and dispatch pages, the printed
 * sheet) the given features go to maplibre as one GeoJSON source per layer. Never React state per
 * feature. The container says when the map is idle (`data-map-state`), which tests and the print
 * view wait on.
 */
export function NetworkMap(props: NetworkMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const [loaded, setLoaded] = useState(false);
  // Why the map could not be made (no WebGL on this PC), shown in its place.
  const [failure, setFailure] = useState<string | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const mode: NetworkSourceMode = props.tiles ? 'tiles' : 'geojson';
  // Tiles mode: the feed position the drawn tiles are up to, and the tile URL's generation.
  const tileSeq = useRef<number | null>(null);
  const generation = useRef(0);
  const revisions = useRef(new TileRevisions());

  useEffect(() => {
    let map: MapLibre | null = null;
    let cancelled = false;
    // The font loads while the map starts; labels are drawn only after it has (see the data effect).
    void loadMapFont([]);
    void (async () => {
      if (cancelled || !container.current) return;
      const createMap = (el: HTMLDivElement) =>
        new MapLibre({
          container: el,
          style: baseStyle(latest.current.basemap, mode, generation.current),
          center: [124.2, 43.4],
          zoom: 11,
          attributionControl: false,
          localIdeographFontFamily: MAP_FONT_FAMILY,
          transformRequest: revisions.current.transform,
          // The printed sheet and the other pages keep the drawn frame (printing reads it back); the
          // map page need not, and a copy of every frame costs software WebGL dearly while panning.
          canvasContextAttributes: { preserveDrawingBuffer: mode === 'geojson' },
          // Labels appear at once instead of fading in over 300 ms: on software WebGL each fade frame
          // costs as much as a pan frame, and the map page would keep drawing after every move and edit.
          ...(mode === 'tiles' ? { fadeDuration: 0 } : {}),
        });
      try {
        map = createMap(container.current);
      } catch (err) {
        // maplibre throws when no WebGL context can be had (Chromium 139+ gives software WebGL only
        // when allowed: see electron/main/gpuSwitches.ts). The rest of the page still works.
        container.current.setAttribute('data-map-state', 'failed');
        setFailure(err instanceof Error ? err.message : String(err));
        return;
      }
      mapRef.current = map;
      const resolution = lightenMovesOnSoftwareWebgl(map);
      map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
      const el = container.current;
      map.on('movestart', () => el.setAttribute('data-map-state', 'busy'));
      // Not idle while the sharp frame after a move is still to come: what a test or the user's
      // screenshot sees at idle is the map as it stays.
      map.on('idle', () => {
        if (!resolution.settling()) el.setAttribute('data-map-state', 'idle');
      });
      map.on('load', () => setLoaded(true));
      map.on('click', (e) => {
        const p = latest.current;
        if (p.onPick) return p.onPick(e.lngLat);
        const hits: MapGeoJSONFeature[] = map!.queryRenderedFeatures(e.point, { layers: CLICKABLE_LAYERS.filter((l) => map!.getLayer(l)) });
        // Dense tiles draw their ditches merged (no id): only a feature with an id can be selected.
        const hit = hits.find((h) => h.properties.id !== undefined);
        p.onSelect?.(hit ? { layer: hit.properties.layer as Layer, id: String(hit.properties.id) } : null);
      });
      for (const layer of CLICKABLE_LAYERS) {
        map.on('mouseenter', layer, () => (map!.getCanvas().style.cursor = latest.current.onPick ? 'crosshair' : 'pointer'));
        map.on('mouseleave', layer, () => (map!.getCanvas().style.cursor = latest.current.onPick ? 'crosshair' : ''));
      }
      if (mode === 'tiles') void invoke('network.tileChanges', {}).then((c) => (tileSeq.current ??= c.seq));
      (window as unknown as { __draindeskMap?: MapLibre }).__draindeskMap = map;
      latest.current.onReady?.(map);
    })();
    return () => {
      cancelled = true;
      map?.remove();
      mapRef.current = null;
    };
  }, []);

  // Basemap changes rebuild the style; the data effects below put the network back.
  const basemapKey = `${props.basemap.kind}:${props.basemap.tiandituKey}:${props.basemap.offlineFile}`;
  const firstBasemap = useRef(basemapKey);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || firstBasemap.current === basemapKey) return;
    firstBasemap.current = basemapKey;
    map.setStyle(baseStyle(props.basemap, mode, generation.current));
    map.once('style.load', () => setLoaded((v) => v));
  }, [basemapKey, loaded, props.basemap, mode]);

  // Tiles mode: after a change, fetch again only the tiles where the network changed.
  const tileVersion = props.tiles?.version ?? null;
  const firstTileVersion = useRef(tileVersion);
  // The version whose tiles are drawn: the selection's highlight is fetched again after them, not ahead of them.
  const [shownTileVersion, setShownTileVersion] = useState(tileVersion);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || tileVersion === null || tileVersion === firstTileVersion.current) return;
    firstTileVersion.current = tileVersion;
    let stale = false;
    void invoke('network.tileChanges', tileSeq.current === null ? {} : { afterSeq: tileSeq.current }).then((changes) => {
      if (stale || mapRef.current !== map) return;
      const wasKnown = tileSeq.current !== null;
      tileSeq.current = changes.seq;
      const shown = () => {
        setShownTileVersion(tileVersion);
        latest.current.onTilesShown?.(tileVersion);
      };
      if (changes.boxes.length === 0 && !changes.reset && wasKnown) return shown();
      map.once('idle', shown);
      container.current?.setAttribute('data-map-state', 'busy');
      revisions.current.bump(changes.boxes);
      if (changes.reset || !wasKnown || !refreshNetworkTiles(map, changes.boxes)) {
        revisions.current.clear();
        reloadNetworkTiles(map, ++generation.current);
      }
      map.triggerRepaint();
    });
    return () => {
      stale = true;
    };
  }, [tileVersion, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !props.collection || latest.current.tiles) return;
    void loadMapFont(props.collection.features.map((f) => String(f.properties.name ?? ''))).then(() => {
      // New data is not drawn yet: say so until maplibre's next idle, so waiters see the new network.
      container.current?.setAttribute('data-map-state', 'busy');
      const byLayer = splitByLayer(props.collection!);
      for (const [layer, source] of Object.entries(NETWORK_SOURCES)) {
        (map.getSource(source) as GeoJSONSource | undefined)?.setData(byLayer[layer as Layer]);
      }
      (map.getSource(AREA_LABEL_SOURCE) as GeoJSONSource | undefined)?.setData(areaLabelPoints(props.collection!));
      latest.current.onDataShown?.(props.collection!);
    });
  }, [props.collection, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    (map.getSource('sketch') as GeoJSONSource | undefined)?.setData(props.sketch ?? { type: 'FeatureCollection', features: [] });
  }, [props.sketch, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    let changed = false;
    for (const [group, ids] of Object.entries(LAYER_GROUPS)) {
      const visibility = props.visible[group as Layer] ? 'visible' : 'none';
      for (const id of ids) {
        if (!map.getLayer(id) || (map.getLayoutProperty(id, 'visibility') ?? 'visible') === visibility) continue;
        map.setLayoutProperty(id, 'visibility', visibility);
        changed = true;
      }
    }
    // A hidden layer is still drawn (and queryable) until maplibre's next frame: busy until then,
    // so the print view and anyone waiting on idle never see the layer that was just switched off.
    if (!changed) return;
    container.current?.setAttribute('data-map-state', 'busy');
    map.triggerRepaint();
  }, [props.visible, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const id = props.selectedId ?? '';
    if (mode === 'tiles') {
      // Its geometry as it is now: fetched again after every change (a moved point, a redrawn line).
      const source = () => map.getSource(SELECTION_SOURCE) as GeoJSONSource | undefined;
      const layer = props.selectedLayer;
      if (!id || !layer) return void source()?.setData({ type: 'FeatureCollection', features: [] });
      let stale = false;
      const show = (features: GeoJSON.Feature[]) => {
        if (!stale) source()?.setData({ type: 'FeatureCollection', features });
      };
      invoke('network.get', { layer, id }).then(
        (f) => show([{ type: 'Feature', properties: { layer }, geometry: f.geometry as GeoJSON.Geometry }]),
        () => show([]),
      );
      return () => {
        stale = true;
      };
    }
    map.setFilter('selected-line', ['==', ['get', 'id'], id]);
    map.setFilter('selected-point', ['==', ['get', 'id'], id]);
    map.setFilter('selected-culvert', ['==', ['get', 'id'], id]);
  }, [props.selectedId, props.selectedLayer, shownTileVersion, loaded, mode]);

  // Applied as soon as it is known, before the style has loaded too: the first tiles are then asked
  // for at the network's own view, not at the starting camera's zoom and thrown away (issue 15).
  const fittedTo = useRef<unknown>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !props.fitTo || fittedTo.current === props.fitTo) return;
    fittedTo.current = props.fitTo;
    const [w, s, e, n] = props.fitTo.bbox;
    map.fitBounds([[w, s], [e, n]], { padding: 60, maxZoom: 16, duration: 0 });
  }, [props.fitTo, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (map) map.getCanvas().style.cursor = props.onPick ? 'crosshair' : '';
  }, [props.onPick]);

  return (
    <div ref={container} className={props.className ?? 'network-map'} data-map-state="loading" data-testid="network-map">
      {failure !== null && <MapUnavailable detail={failure} />}
    </div>
  );
}
