// The printed map's camera (issue 15): the same Web Mercator view maplibre's fitBounds chose for
// the sheet before, computed directly, so the print view draws its map as SVG with no WebGL, no
// worker and no idle to wait for. Pure functions: tested in tests/unit/sheets/mapFrame.test.ts.

/** maplibre's world is 512 px wide at zoom 0. */
const TILE = 512;
/** maplibre's earth radius for distances (LngLat.distanceTo). */
const EARTH_RADIUS_M = 6371008.8;
/** Where maplibre's map stood before any fit (the sheet's map without features). */
const DEFAULT_VIEW = { lon: 124.2, lat: 43.4, zoom: 11 } as const;
const MAX_ZOOM = 22;

const mercX = (lon: number) => (180 + lon) / 360;
const mercY = (lat: number) => (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360;
const latOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180)) - 90;

/** A map view of `width` × `height` CSS px: its zoom, and where a lon/lat lands on it. */
export interface MapFrame {
  width: number;
  height: number;
  zoom: number;
  /** lon/lat → px from the top left. */
  project(lon: number, lat: number): [number, number];
  /** The latitude at the middle of the view (the scale bar measures there). */
  centreLat: number;
}

function frameAt(width: number, height: number, cx: number, cy: number, zoom: number): MapFrame {
  const world = TILE * 2 ** zoom;
  return {
    width,
    height,
    zoom,
    project: (lon, lat) => [(mercX(lon) - cx) * world + width / 2, (mercY(lat) - cy) * world + height / 2],
    centreLat: latOf(cy),
  };
}

/**
 * The view that fits `bbox` (w, s, e, n) into the box with `padding` px on every side, as
 * maplibre's fitBounds computes it (the bbox's Mercator middle, the smaller of the two scales); no
 * bbox: maplibre's starting view.
 */
export function fitFrame(bbox: readonly [number, number, number, number] | null, width: number, height: number, padding = 14): MapFrame {
  if (!bbox) return frameAt(width, height, mercX(DEFAULT_VIEW.lon), mercY(DEFAULT_VIEW.lat), DEFAULT_VIEW.zoom);
  const [w, s, e, n] = bbox;
  const dx = (mercX(e) - mercX(w)) * TILE;
  const dy = (mercY(s) - mercY(n)) * TILE;
  const scale = Math.min(dx > 0 ? (width - 2 * padding) / dx : Infinity, dy > 0 ? (height - 2 * padding) / dy : Infinity);
  const zoom = Math.min(MAX_ZOOM, Number.isFinite(scale) && scale > 0 ? Math.log2(scale) : MAX_ZOOM);
  return frameAt(width, height, (mercX(w) + mercX(e)) / 2, (mercY(n) + mercY(s)) / 2, zoom);
}

/** maplibre's `interpolate linear` over [stop, value] pairs: clamped at both ends. */
export function interpolate(x: number, stops: readonly (readonly [number, number])[]): number {
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < stops.length; i++) {
    const [x1, y1] = stops[i]!;
    const [x0, y0] = stops[i - 1]!;
    if (x <= x1) return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  }
  return last[1];
}

function roundNumber(num: number): number {
  const pow10 = 10 ** (`${Math.floor(num)}`.length - 1);
  const d = num / pow10;
  if (d >= 10) return 10 * pow10;
  if (d >= 5) return 5 * pow10;
  if (d >= 3) return 3 * pow10;
  if (d >= 2) return 2 * pow10;
  if (d >= 1) return pow10;
  const multiplier = 10 ** Math.ceil(-Math.log10(d));
  return (Math.round(d * multiplier) / multiplier) * pow10;
}

/** maplibre's metric ScaleControl (100 px at most, measured across the middle): its width and label. */
export function scaleBar(frame: MapFrame, maxWidth = 100): { widthPx: number; label: string } {
  const world = TILE * 2 ** frame.zoom;
  const dLon = ((Math.min(maxWidth, frame.width) / world) * 360 * Math.PI) / 180;
  const lat = (frame.centreLat * Math.PI) / 180;
  const a = Math.sin(lat) ** 2 + Math.cos(lat) ** 2 * Math.cos(dLon);
  const metres = EARTH_RADIUS_M * Math.acos(Math.min(a, 1));
  const width = Math.min(maxWidth, frame.width);
  const [value, unit] = metres >= 1000 ? [metres / 1000, 'km'] : [metres, 'm'];
  const distance = roundNumber(value);
  return { widthPx: width * (distance / value), label: `${distance}\u00a0${unit}` };
}
