/**
 * The map's vector-tile index (issue 15): the live network cut into tiles by geojson-vt in the
 * core, so the map page never holds the whole network (a county is twenty townships). Kept in
 * CoreContext.state.networkTiles and brought up to date from the change feed (touchedSince), so
 * writes by any connection — the desk, undo, an import, sync, phones — reach the map.
 *
 * The base index is cut once from all rows. An edit does not re-cut it (geojson-vt re-slices from
 * zoom 0, about a third of a rebuild at 50,000 ditches): the edited row's base copy is hidden and
 * its current version goes into a small overlay index, so an edit costs the rows it touched. Past
 * OVERLAY_LIMIT edited rows, or PATCH_LIMIT rows written at once (an import), the base is rebuilt.
 */
import type { Database } from 'better-sqlite3';
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { NETWORK_TILE_BUFFER, NETWORK_TILE_EXTENT, NETWORK_TILE_MAX_ZOOM } from '../../../../shared/contract/networkTiles';
import { LAYERS, type Layer } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import { ChangeFeed } from '../../db/feed/changeFeed';
import { MapRowRepository } from '../../db/repositories/mapRowRepository';
import { featuresOf, overlaps, tileExtent, type Bbox, type TileFeature } from './tileGeometry';

/** Edited rows kept in the overlay before the base is rebuilt. */
const OVERLAY_LIMIT = 500;
/** Rows written at once past which a rebuild is cheaper than patching. */
const PATCH_LIMIT = 2000;
/** Changes remembered for network.tileChanges (older positions get `reset`). */
const CHANGE_LOG_LIMIT = 2000;

export const VT_OPTIONS = { maxZoom: NETWORK_TILE_MAX_ZOOM, buffer: NETWORK_TILE_BUFFER, extent: NETWORK_TILE_EXTENT, tolerance: 3, indexMaxZoom: 5 } as const;

/** The cached index and what it was built from. */
export interface NetworkTileIndex {
  db: Database;
  townshipId: string;
  feed: ChangeFeed;
  /** The feed position the index is up to. */
  seq: number;
  base: GeoJSONVT;
  /** Rows (by id) whose base copy is hidden: edited, deleted or added since the base was cut. */
  shadowed: Set<string>;
  /** The current features of the shadowed rows that are live. */
  overlayFeatures: Map<string, TileFeature[]>;
  overlay: GeoJSONVT | null;
  /** Each row's extent as drawn now, to know where an edit was before. */
  extents: Map<string, Bbox>;
  /** Encoded tiles by "z/x/y" (network.tile's answers), dropped where an edit falls. */
  encoded: Map<string, unknown>;
  /** The extents touched since `logFrom`, by feed position, oldest first. */
  changes: { seq: number; box: Bbox }[];
  /** The position after which `changes` is complete (the last rebuild, or the oldest entry forgotten). */
  logFrom: number;
}

function build(ctx: CoreContext): NetworkTileIndex {
  const feed = new ChangeFeed(ctx.db, ctx.townshipId);
  const repo = new MapRowRepository(ctx.db, ctx.townshipId);
  // One read transaction: the feed position and the rows it covers are one snapshot.
  return ctx.db.transaction(() => {
    const seq = feed.lastSeq();
    const features: TileFeature[] = [];
    const extents = new Map<string, Bbox>();
    for (const layer of LAYERS) {
      for (const row of repo.all(layer)) {
        const own = featuresOf(layer, row);
        extents.set(row.id, own.extent);
        for (const f of own.features) features.push(f);
      }
    }
    const base = new GeoJSONVT({ type: 'FeatureCollection', features }, VT_OPTIONS);
    return { db: ctx.db, townshipId: ctx.townshipId, feed, seq, base, shadowed: new Set<string>(), overlayFeatures: new Map(), overlay: null, extents, encoded: new Map(), changes: [], logFrom: seq };
  })();
}

/** Drop the encoded tiles `box` falls in (with the tile buffer). */
function dropEncoded(state: NetworkTileIndex, box: Bbox): void {
  const pad = VT_OPTIONS.buffer / VT_OPTIONS.extent;
  for (const key of state.encoded.keys()) {
    const [z, x, y] = key.split('/').map(Number) as [number, number, number];
    if (overlaps(box, tileExtent(z, x, y, pad))) state.encoded.delete(key);
  }
}

function noteChange(state: NetworkTileIndex, seq: number, box: Bbox): void {
  dropEncoded(state, box);
  state.changes.push({ seq, box });
}

/** Move the rows written since into the overlay; false when a rebuild is due instead. */
function patch(ctx: CoreContext, state: NetworkTileIndex): boolean {
  return ctx.db.transaction(() => {
    const touched = state.feed.touchedSince(state.seq, LAYERS);
    if (touched.length === 0) return true;
    if (touched.length > PATCH_LIMIT) return false;
    const repo = new MapRowRepository(ctx.db, ctx.townshipId);
    // The newest position of each row: it is read once, as it is now.
    const last = new Map<string, { layer: Layer; seq: number }>();
    for (const t of touched) last.set(t.rowId, { layer: t.table as Layer, seq: t.seq });
    for (const [id, { layer, seq }] of last) {
      state.shadowed.add(id);
      const before = state.extents.get(id);
      if (before) noteChange(state, seq, before);
      const row = repo.byId(layer, id);
      if (row) {
        const now = featuresOf(layer, row);
        state.overlayFeatures.set(id, now.features);
        state.extents.set(id, now.extent);
        noteChange(state, seq, now.extent);
      } else {
        state.overlayFeatures.delete(id);
        state.extents.delete(id);
      }
    }
    state.seq = touched[touched.length - 1]!.seq;
    if (state.shadowed.size > OVERLAY_LIMIT) return false;
    const features = [...state.overlayFeatures.values()].flat();
    state.overlay = features.length > 0 ? new GeoJSONVT({ type: 'FeatureCollection', features }, VT_OPTIONS) : null;
    if (state.changes.length > CHANGE_LOG_LIMIT) {
      const dropped = state.changes.splice(0, state.changes.length - CHANGE_LOG_LIMIT);
      state.logFrom = dropped[dropped.length - 1]!.seq;
    }
    return true;
  })();
}

/** The tile index for ctx, brought up to date with what was written since it was last used. */
export function networkTileIndex(ctx: CoreContext): NetworkTileIndex {
  const cached = ctx.state.networkTiles;
  if (cached && cached.db === ctx.db && cached.townshipId === ctx.townshipId && patch(ctx, cached)) return cached;
  const fresh = build(ctx);
  ctx.state.networkTiles = fresh;
  return fresh;
}

/** The features of tile z/x/y by tile layer: the base's (less shadowed rows) and the overlay's. */
export function tileLayers(state: NetworkTileIndex, z: number, x: number, y: number): Map<string, GeoJSONVTTile> {
  const out = new Map<string, GeoJSONVTTile>();
  const add = (tile: GeoJSONVTTile | null, skipShadowed: boolean) => {
    if (!tile) return;
    for (const f of tile.features) {
      const tags = f.tags as Record<string, string>;
      if (skipShadowed && state.shadowed.has(tags.id!)) continue;
      const layer = tags.layer!;
      let t = out.get(layer);
      if (!t) out.set(layer, (t = { ...tile, features: [] }));
      t.features.push(f);
    }
  };
  add(state.base.getTile(z, x, y), state.shadowed.size > 0);
  if (state.overlay) add(state.overlay.getTile(z, x, y), false);
  return out;
}
