import { z } from 'zod';

export const offlineBasemapInfoSchema = z.object({
  file: z.string(),
  format: z.enum(['mbtiles', 'pmtiles']),
  tileType: z.enum(['png', 'jpg', 'webp']),
  minZoom: z.int(),
  maxZoom: z.int(),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});
export type OfflineBasemapInfo = z.infer<typeof offlineBasemapInfoSchema>;

const tileCoord = z.int().min(0);
/** A tile's z/x/y, for basemap.tile and network.tile alike. */
export const tileRequestSchema = z.strictObject({ z: tileCoord.max(24), x: tileCoord, y: tileCoord });

export const basemapProcedures = {
  /** Check an offline tile file (MBTiles or PMTiles, raster) before it is chosen, or the chosen one. */
  'basemap.info': { input: z.strictObject({ file: z.string().trim().min(1).max(1000).optional() }), output: offlineBasemapInfoSchema },
  /** One tile of the chosen offline file (null where the file has none). */
  'basemap.tile': {
    input: tileRequestSchema,
    output: z.object({ dataBase64: z.string().nullable(), contentType: z.string() }),
  },
};
