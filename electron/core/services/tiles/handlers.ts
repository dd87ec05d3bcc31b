import type { GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { NetworkTile, NetworkTileChanges } from '../../../../shared/contract/networkTiles';
import type { HandlersFor } from '../../api/handlerTypes';
import type { CoreContext } from '../../context';
import { generaliseLines } from './overviewLines';
import { AREA_LABEL_LAYER } from './tileGeometry';
import { networkTileIndex, tileLayers, VT_OPTIONS } from './tileIndex';

/** Tile layers whose names the map writes (the page loads those glyphs before drawing the tile). */
const LABELLED = new Set([AREA_LABEL_LAYER, 'ditch', 'blockage']);
/** Encoded tiles kept (a whole township in view at a few zooms is a few hundred). */
const ENCODED_LIMIT = 2000;
/**
 * Ditches in one tile past which they are drawn generalised, one line feature per kind and
 * condition with blocked ditches one by one (a township of 50,000 segments in view): maplibre's
 * per-feature work (styling, the click index) is most of a dense tile's cost, and at that zoom a
 * single 100 m segment cannot be picked anyway.
 */
export const MERGE_DITCHES_OVER = 1500;

/**
 * A dense tile's ditches for the overview: one generalised line feature per kind and condition
 * (no id or name: at this zoom a single 100 m segment cannot be picked or labelled), except blocked
 * ditches, which stay drawn one by one with their id so each stays visible and can be clicked.
 */
export function overviewDitches(tile: GeoJSONVTTile): GeoJSONVTTile {
  const groups = new Map<string, { kind: string; condition: string; lines: [number, number][][] }>();
  const kept: GeoJSONVTTile['features'] = [];
  for (const f of tile.features) {
    const tags = f.tags as Record<string, string>;
    if (tags.condition === 'blocked' || f.type !== 2) {
      kept.push(f);
      continue;
    }
    const key = `${tags.kind}|${tags.condition}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { kind: tags.kind ?? '', condition: tags.condition ?? '', lines: [] }));
    for (const line of f.geometry as [number, number][][]) group.lines.push(line);
  }
  const merged = [...groups.values()].map((g) => ({ type: 2 as const, geometry: generaliseLines(g.lines), tags: { layer: 'ditch', kind: g.kind, condition: g.condition } }) as unknown as GeoJSONVTTile['features'][number]);
  return { ...tile, features: [...merged, ...kept] };
}

/** A tile's layers as MVT bytes (base64) and the characters its labels write. */
function encodeTile(layers: ReturnType<typeof tileLayers>): NetworkTile {
  if (layers.size === 0) return { dataBase64: null, labelChars: '' };
  const chars = new Set<string>();
  const seen = new Set<string>();
  for (const [name, tile] of layers) {
    const dense = name === 'ditch' && tile.features.length > MERGE_DITCHES_OVER;
    if (!LABELLED.has(name)) continue;
    for (const f of tile.features) {
      const tags = f.tags as Record<string, string>;
      // A dense tile names only its blocked ditches (the rest are merged, unnamed).
      if (dense && tags.condition !== 'blocked') continue;
      const text = tags.name;
      if (!text || seen.has(text)) continue;
      seen.add(text);
      for (const c of text) chars.add(c);
    }
  }
  const ditches = layers.get('ditch');
  if (ditches && ditches.features.length > MERGE_DITCHES_OVER) layers.set('ditch', overviewDitches(ditches));
  const bytes = fromGeojsonVt(Object.fromEntries(layers), { version: 2, extent: VT_OPTIONS.extent });
  return { dataBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), labelChars: [...chars].join('') };
}

/** One vector tile of the live network: cut from the index, encoded once and kept until an edit falls in it. */
export function networkTile(ctx: CoreContext, z: number, x: number, y: number): NetworkTile {
  const state = networkTileIndex(ctx);
  const key = `${z}/${x}/${y}`;
  const cached = state.encoded.get(key) as NetworkTile | undefined;
  if (cached) return cached;
  const answer = encodeTile(tileLayers(state, z, x, y));
  // Bounded: panning a whole county should not keep every tile it passed.
  if (state.encoded.size >= ENCODED_LIMIT) state.encoded.clear();
  state.encoded.set(key, answer);
  return answer;
}

/** Where the tiles changed after feed position `afterSeq` (absent: just the current position). */
export function networkTileChanges(ctx: CoreContext, afterSeq: number | undefined): NetworkTileChanges {
  const state = networkTileIndex(ctx);
  if (afterSeq === undefined) return { seq: state.seq, boxes: [], reset: false };
  if (afterSeq < state.logFrom || afterSeq > state.seq) return { seq: state.seq, boxes: [], reset: true };
  return { seq: state.seq, boxes: state.changes.filter((c) => c.seq > afterSeq).map((c) => c.box), reset: false };
}

export const tileHandlers: HandlersFor<'network.tile' | 'network.tileChanges'> = {
  'network.tile': (input, ctx) => networkTile(ctx, input.z, input.x, input.y),
  'network.tileChanges': (input, ctx) => networkTileChanges(ctx, input.afterSeq),
};
