import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { zxyToTileId } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../helpers/tempDir';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function mbtiles(file: string, format = 'png') {
  const db = new Database(file);
  db.exec('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);');
  db.prepare('INSERT INTO metadata VALUES (?, ?)').run('format', format);
  db.prepare('INSERT INTO metadata VALUES (?, ?)').run('bounds', '124.1,43.3,124.3,43.5');
  // TMS: row 0 is the south; XYZ (z=3, x=6, y=2) is stored at row 2^3-1-2 = 5.
  db.prepare('INSERT INTO tiles VALUES (3, 6, 5, ?)').run(PNG);
  db.close();
}

const varint = (n: number) => {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};

/** A minimal PMTiles v3 archive with one uncompressed PNG tile at z/x/y. */
function pmtiles(file: string, z: number, x: number, y: number) {
  const dir = Buffer.from([...varint(1), ...varint(zxyToTileId(z, x, y)), ...varint(1), ...varint(PNG.length), ...varint(1)]);
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header[7] = 3;
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, 127); // root directory offset
  u64(16, dir.length);
  u64(24, 127 + dir.length); // metadata (empty)
  u64(32, 0);
  u64(40, 127 + dir.length);
  u64(48, 0);
  u64(56, 127 + dir.length); // tile data
  u64(64, PNG.length);
  u64(72, 1);
  u64(80, 1);
  u64(88, 1);
  header[96] = 1; // clustered
  header[97] = 1; // internal compression: none
  header[98] = 1; // tile compression: none
  header[99] = 2; // PNG
  header[100] = 0;
  header[101] = 14;
  header.writeInt32LE(1241000000, 102);
  header.writeInt32LE(433000000, 106);
  header.writeInt32LE(1243000000, 110);
  header.writeInt32LE(435000000, 114);
  writeFileSync(file, Buffer.concat([header, dir, PNG]));
}

describe('offline basemap files', () => {
  it('serves raster tiles from an MBTiles file, flipping TMS rows', async () => {
    const core = await tempCore();
    const file = join(tempDir(), '三合乡.mbtiles');
    mbtiles(file);
    expect(await core.dispatch('basemap.info', { file })).toMatchObject({ ok: true, value: { format: 'mbtiles', tileType: 'png', minZoom: 3, maxZoom: 3, bounds: [124.1, 43.3, 124.3, 43.5] } });
    await core.dispatch('settings.update', { basemap: { kind: 'offline', offlineFile: file } });
    const hit = await core.dispatch('basemap.tile', { z: 3, x: 6, y: 2 });
    expect(hit).toMatchObject({ ok: true, value: { dataBase64: PNG.toString('base64'), contentType: 'image/png' } });
    expect(await core.dispatch('basemap.tile', { z: 3, x: 6, y: 5 })).toMatchObject({ ok: true, value: { dataBase64: null } });
  });

  it('serves raster tiles from a PMTiles file', async () => {
    const core = await tempCore();
    const file = join(tempDir(), 'county.pmtiles');
    pmtiles(file, 12, 3461, 1510);
    expect(await core.dispatch('basemap.info', { file })).toMatchObject({ ok: true, value: { format: 'pmtiles', tileType: 'png', maxZoom: 14 } });
    await core.dispatch('settings.update', { basemap: { kind: 'offline', offlineFile: file } });
    expect(await core.dispatch('basemap.tile', { z: 12, x: 3461, y: 1510 })).toMatchObject({ ok: true, value: { dataBase64: PNG.toString('base64') } });
    expect(await core.dispatch('basemap.tile', { z: 12, x: 3460, y: 1510 })).toMatchObject({ ok: true, value: { dataBase64: null } });
  });

  it('refuses a missing file, a non-tile file and vector tiles with a message naming the file', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const text = join(dir, 'notes.mbtiles');
    writeFileSync(text, 'hello');
    const vector = join(dir, 'vector.mbtiles');
    mbtiles(vector, 'pbf');
    for (const [file, words] of [[join(dir, 'missing.mbtiles'), '文件不存在'], [text, '不是 MBTiles 或 PMTiles'], [vector, '只支持栅格瓦片']] as const) {
      const r = await core.dispatch('basemap.info', { file });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!r.ok) expect(r.error.message).toContain(words);
      if (!r.ok) expect(r.error.message).toContain(file);
    }
    expect(await core.dispatch('basemap.tile', { z: 1, x: 0, y: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
