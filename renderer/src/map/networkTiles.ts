import { addProtocol, type Map as MapLibre, type RequestTransformFunction, type VectorTileSource } from 'maplibre-gl';
import { NETWORK_TILE_BUFFER, NETWORK_TILE_EXTENT, NETWORK_TILE_MAX_ZOOM } from '../../../shared/contract/networkTiles';
import { invoke } from '../api/client';
import { base64ToBytes } from '../../common/base64';
import { loadMapFont } from './loadMapFont';
import { TILE_SOURCE } from './networkStyle';

/** The maplibre protocol of the network's own vector tiles, cut by the core (network.tile). */
const NETWORK_PROTOCOL = 'ddnet';

/** One tile's bytes from the core, its label glyphs loaded. */
async function fetchTile(url: string): Promise<ArrayBuffer> {
  const m = /\/(\d+)\/(\d+)\/(\d+)(?:\?|$)/.exec(url);
  if (!m) throw new Error(`bad tile url ${url}`);
  const tile = await invoke('network.tile', { z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) });
  // Labels are drawn with the page's own font: load the glyphs this tile writes before maplibre rasterises them.
  if (tile.labelChars) await loadMapFont([tile.labelChars]);
  return tile.dataBase64 ? (base64ToBytes(tile.dataBase64).buffer as ArrayBuffer) : new ArrayBuffer(0);
}

// Tiles being fetched, by URL: past zoom 14 every deeper tile asks for the same zoom-14 tile at once.
const inFlight = new Map<string, Promise<ArrayBuffer>>();

addProtocol(NETWORK_PROTOCOL, async (params) => {
  let pending = inFlight.get(params.url);
  if (!pending) {
    pending = fetchTile(params.url).finally(() => inFlight.delete(params.url));
    inFlight.set(params.url, pending);
  }
  // Each caller gets its own copy: maplibre hands the buffer on to a worker.
  return { data: (await pending).slice(0) };
});

/** The tile URL; `generation` changes when every tile must be fetched again (an import, a restore). */
export const networkTileUrl = (generation: number) => `${NETWORK_PROTOCOL}://network/{z}/{x}/{y}?g=${generation}`;

type Bbox = [number, number, number, number];
type TileId = { z: number; x: number; y: number };

/**
 * How far past its edges a tile carries features, as a fraction of its side (the core's tile
 * buffer, and a little more for rounding): a change that far outside a tile is drawn in it.
 */
const PAD = NETWORK_TILE_BUFFER / NETWORK_TILE_EXTENT + 0.005;

/** Whether tile z/x/y (widened by its buffer) meets any of the lon/lat boxes. */
export function tileMeets(t: TileId, boxes: readonly Bbox[]): boolean {
  const n = 2 ** t.z;
  const lon = (tx: number) => (tx / n) * 360 - 180;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  const [w, s, e, nn] = [lon(t.x - PAD), lat(t.y + 1 + PAD), lon(t.x + 1 + PAD), lat(t.y - PAD)];
  return boxes.some((b) => b[0] <= e && b[2] >= w && b[1] <= nn && b[3] >= s);
}

/** The tiles (each zoom the core cuts) that a lon/lat box falls in, with the tile buffer around it. */
export function tilesCovering(box: Bbox, maxZoom = NETWORK_TILE_MAX_ZOOM): TileId[] {
  const out: TileId[] = [];
  const [w, s, e, n] = box;
  for (let z = 0; z <= maxZoom; z++) {
    const count = 2 ** z;
    const clamp = (v: number) => Math.max(0, Math.min(count - 1, Math.floor(v)));
    const tx = (lon: number) => ((lon + 180) / 360) * count;
    const ty = (lat: number) => {
      const r = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
      return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * count;
    };
    for (let x = clamp(tx(w) - PAD); x <= clamp(tx(e) + PAD); x++) for (let y = clamp(ty(n) - PAD); y <= clamp(ty(s) + PAD); y++) out.push({ z, x, y });
  }
  return out;
}

/**
 * Each network tile's revision, moved when the network changes in it. maplibre's workers keep the
 * tiles they slice for deeper zooms by URL, so a changed tile must be asked for under a new URL:
 * the map's transformRequest appends the revision (one per map, kept by NetworkMap).
 */
export class TileRevisions {
  private readonly revisions = new Map<string, number>();

  /** Move the revision of every tile the boxes fall in. */
  bump(boxes: readonly Bbox[]): void {
    for (const box of boxes) for (const t of tilesCovering(box)) this.revisions.set(`${t.z}/${t.x}/${t.y}`, (this.revisions.get(`${t.z}/${t.x}/${t.y}`) ?? 0) + 1);
  }

  /** Forget them all (every tile is fetched again under a new generation). */
  clear(): void {
    this.revisions.clear();
  }

  /** The map's transformRequest: network tile URLs get their tile's revision. */
  readonly transform: RequestTransformFunction = (url) => {
    if (!url.startsWith(`${NETWORK_PROTOCOL}://`)) return undefined;
    const m = /\/(\d+)\/(\d+)\/(\d+)\?/.exec(url);
    const revision = m ? this.revisions.get(`${m[1]}/${m[2]}/${m[3]}`) : undefined;
    return { url: revision ? `${url}&r=${revision}` : url };
  };
}

interface TileLike {
  tileID: { canonical: TileId };
}
interface TileManagerLike {
  _inViewTiles?: { getAllIds(): string[]; getTileById(id: string): TileLike | undefined };
  _outOfViewCache?: { filter(keep: (tile: TileLike) => boolean): void };
}

/**
 * Fetch again only the tiles where the network changed: those in view are reloaded at once, and
 * the ones maplibre keeps out of view are dropped so panning back fetches them fresh. maplibre
 * has no public call that lists its tiles or empties its cache, so this reaches into its tile
 * manager; it returns false when that is not where this maplibre version keeps them, and the
 * caller then fetches every tile again instead.
 */
export function refreshNetworkTiles(map: MapLibre, boxes: readonly Bbox[]): boolean {
  const manager = (map as unknown as { style?: { tileManagers?: Record<string, TileManagerLike> } }).style?.tileManagers?.[TILE_SOURCE];
  const inView = manager?._inViewTiles;
  const cache = manager?._outOfViewCache;
  if (!inView || typeof inView.getAllIds !== 'function' || !cache || typeof cache.filter !== 'function') return false;
  cache.filter((tile) => !tileMeets(tile.tileID.canonical, boxes));
  const touched = new Map<string, TileId>();
  for (const id of inView.getAllIds()) {
    const c = inView.getTileById(id)?.tileID.canonical;
    if (c && tileMeets(c, boxes)) touched.set(`${c.z}/${c.x}/${c.y}`, { z: c.z, x: c.x, y: c.y });
  }
  if (touched.size > 0) map.refreshTiles(TILE_SOURCE, [...touched.values()]);
  return true;
}

/** Fetch every network tile again (after an import or a restore). */
export function reloadNetworkTiles(map: MapLibre, generation: number): void {
  (map.getSource(TILE_SOURCE) as VectorTileSource | undefined)?.setTiles([networkTileUrl(generation)]);
}
