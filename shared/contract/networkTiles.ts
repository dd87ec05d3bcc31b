import { z } from 'zod';
import { tileRequestSchema } from './basemap';

/** The network tiles' extent (units across a tile) and buffer (units past each edge a tile carries): a tile must be cut again when a change falls within its buffer. */
export const NETWORK_TILE_EXTENT = 4096;
// 128 of 4096 (16 px of a 512 px tile, more when overzoomed): room for the widest line and circle across a tile edge.
export const NETWORK_TILE_BUFFER = 128;
/** The deepest zoom the core cuts; the map overzooms beyond it. */
export const NETWORK_TILE_MAX_ZOOM = 14;

const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const networkTileSchema = z.object({
  /** Mapbox Vector Tile bytes (layers ditch, culvert, blockage, area, area-label), base64; null where the tile is empty. */
  dataBase64: z.string().nullable(),
  /** Every character the tile's labels write, so the page loads those glyphs before maplibre draws them. */
  labelChars: z.string(),
});
export type NetworkTile = z.infer<typeof networkTileSchema>;

export const networkTileChangesSchema = z.object({
  /** The change feed's position the answer is up to: the next call's `afterSeq`. */
  seq: z.int().min(0),
  /** Where the map changed since `afterSeq`: each touched row's extent before and after ([w, s, e, n]). */
  boxes: z.array(bbox),
  /** Too much changed (an import, a restore, a position the core no longer remembers): fetch every tile again. */
  reset: z.boolean(),
});
export type NetworkTileChanges = z.infer<typeof networkTileChangesSchema>;

export const networkTileProcedures = {
  /**
   * One vector tile of the live network, cut by the core (issue 15); served like basemap.tile, so
   * the map page never holds the whole network.
   */
  'network.tile': { input: tileRequestSchema, output: networkTileSchema },
  /** Where the network's tiles changed since a feed position (any writer: the desk, undo, sync, phones). */
  'network.tileChanges': { input: z.strictObject({ afterSeq: z.int().min(0).optional() }), output: networkTileChangesSchema },
};
