import type { SourceSpecification, LayerSpecification } from 'maplibre-gl';

/** The maplibre protocol that reads tiles of the offline basemap file through the contract. */
export const OFFLINE_PROTOCOL = 'ddtiles';

/** Basemap choices. None is the default: the network alone on a plain background, fully offline. */
export type BasemapKind = 'none' | 'tianditu_vec' | 'tianditu_img' | 'osm' | 'offline';

/** Raster sources and layers for an online basemap; only used when the user chooses one. */
export function basemapLayers(kind: BasemapKind, tiandituKey: string): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  if (kind === 'none') return { sources: {}, layers: [] };
  if (kind === 'offline') {
    // Tiles come from the user's own file through the core (see offlineTiles.ts), never the network.
    return {
      sources: { basemap: { type: 'raster', tiles: [`${OFFLINE_PROTOCOL}://tile/{z}/{x}/{y}`], tileSize: 256 } },
      layers: [{ id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.8 } }],
    };
  }
  const tianditu = (layer: string) => ({
    type: 'raster' as const,
    tiles: [0, 1, 2, 3].map((n) => `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(tiandituKey)}`),
    tileSize: 256,
    attribution: '天地图',
  });
  if (kind === 'osm') {
    return {
      sources: { basemap: { type: 'raster', tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 19, attribution: '© OpenStreetMap' } },
      layers: [{ id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.75 } }],
    };
  }
  const main = kind === 'tianditu_vec' ? 'vec' : 'img';
  const label = kind === 'tianditu_vec' ? 'cva' : 'cia';
  return {
    sources: { basemap: tianditu(main), basemapLabels: tianditu(label) },
    layers: [
      { id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': kind === 'tianditu_img' ? 0.85 : 0.7 } },
      { id: 'basemap-labels', type: 'raster', source: 'basemapLabels' },
    ],
  };
}
