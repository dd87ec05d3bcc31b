import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BlockageDetail, BlockageImportPreview, BlockageList } from '../../../shared/contract/blockages';
import { readPhotoGps } from '../../../shared/geo/exifGps';
import { gcj02ToWgs84 } from '../../../shared/geo/gcj02';
import { tempCore } from '../../helpers/tempDir';
import { jpegWithGps } from '../field/helpers';
import { blockage, fails, ok, tinyJpeg } from './helpers';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** What Ovital 9.x exports: GCJ-02 coordinates, folders for the village, HTML in descriptions. */
const OVITAL_KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document><name>奥维互动地图 堵点</name>
<Folder><name>永安村</name>
  <Placemark><name>永安桥下堵点</name><description><![CDATA[<p>涵管被秸秆堵死</p>]]></description>
    <Point><coordinates>124.2104,43.4012,0</coordinates></Point></Placemark>
  <Placemark><name>东大沟</name><LineString><coordinates>124.21,43.40 124.22,43.41</coordinates></LineString></Placemark>
</Folder>
<Placemark><name>三合堡北</name><Point><coordinates>124.195,43.42</coordinates></Point></Placemark>
</Document></kml>`;

describe('reading a photo’s GPS tags', () => {
  it('reads position and time as a phone camera writes them', () => {
    const gps = readPhotoGps(jpegWithGps(124.2123, 43.4056));
    expect(gps!.lon).toBeCloseTo(124.2123, 5);
    expect(gps!.lat).toBeCloseTo(43.4056, 5);
    expect(gps!.takenAt).toBe('2026-08-09T07:30:00.000Z');
  });

  it('says nothing for a JPEG without EXIF, a truncated one, or not a JPEG', () => {
    expect(readPhotoGps(tinyJpeg())).toBeNull();
    expect(readPhotoGps(jpegWithGps(124.2, 43.4).subarray(0, 40))).toBeNull();
    expect(readPhotoGps(Buffer.from('hello'))).toBeNull();
  });
});

describe('importing reports from teams not on the LAN', () => {
  it('previews Ovital placemarks and photos, then writes the chosen ones as 上报, all together', async () => {
    const core = await tempCore();
    const existing = await blockage(core, '已有堵点', [124.19501, 43.42001], '三合堡村');
    const files = [
      { fileName: '堵点.ovkml', dataBase64: b64(OVITAL_KML) },
      { fileName: 'IMG_20260809_153000.jpg', dataBase64: b64(jpegWithGps(124.23, 43.39)) },
      { fileName: 'no-gps.jpg', dataBase64: b64(tinyJpeg()) },
    ];
    const preview = await ok<BlockageImportPreview>(core, 'blockages.importPreview', { files });
    expect(preview.crs).toBe('gcj02');
    expect(preview.candidates.map((c) => [c.kind, c.name])).toEqual([
      ['placemark', '永安桥下堵点'],
      ['placemark', '三合堡北'],
      ['photo', '照片上报 IMG_20260809_153000'],
    ]);
    const [yongan, north, photo] = preview.candidates;
    // GCJ-02 is converted to WGS84 (a few hundred metres in this part of China).
    const expected = gcj02ToWgs84(124.2104, 43.4012);
    expect(yongan!.position[0]).toBeCloseTo(expected[0], 7);
    expect(yongan).toMatchObject({ village: '永安村', note: '涵管被秸秆堵死' });
    expect(preview.warnings.map((w) => w.zh).join('\n')).toMatch(/线或面.*已跳过[\s\S]*没有 GPS/);
    // Nothing is written by a preview.
    expect((await ok<BlockageList>(core, 'blockages.list', {})).rows).toHaveLength(1);
    expect(north!.nearExisting).toBeNull();
    expect(photo).toMatchObject({ reportedAt: '2026-08-09T07:30:00.000Z' });

    const done = await ok<{ created: number; ids: string[] }>(core, 'blockages.importConfirm', { files, keys: [yongan!.key, photo!.key] });
    expect(done.created).toBe(2);
    const list = await ok<BlockageList>(core, 'blockages.list', {});
    expect(list.rows.map((r) => r.name).sort()).toEqual(['已有堵点', '永安桥下堵点', '照片上报 IMG_20260809_153000'].sort());
    const fromPhoto = await ok<BlockageDetail>(core, 'blockages.get', { id: done.ids[1]! });
    expect(fromPhoto.blockage).toMatchObject({ status: 'reported', source: 'import', reportedAt: '2026-08-09T07:30:00.000Z' });
    expect(fromPhoto.events).toMatchObject([{ kind: 'report', source: 'import', actor: 'IMG_20260809_153000.jpg', hasPhoto: true }]);
    expect(readdirSync(join(core.ctx.dataDir, 'photos'))).toHaveLength(1);
    // The map's undo takes the whole import back as one batch.
    await ok(core, 'network.undo', {});
    expect((await ok<BlockageList>(core, 'blockages.list', {})).rows.map((r) => r.id)).toEqual([existing]);
  });

  it('flags a point within 30 m of an open blockage as probably the same one', async () => {
    const core = await tempCore();
    const [lon, lat] = gcj02ToWgs84(124.195, 43.42);
    const near = await blockage(core, '北边老堵点', [lon + 0.0001, lat], '');
    const preview = await ok<BlockageImportPreview>(core, 'blockages.importPreview', { files: [{ fileName: 'a.kml', dataBase64: b64(OVITAL_KML.replace('奥维互动地图 ', '')) }], crs: 'gcj02' });
    const north = preview.candidates.find((c) => c.name === '三合堡北')!;
    expect(north.nearExisting).toMatchObject({ id: near, name: '北边老堵点' });
    expect(north.nearExisting!.distanceM).toBeLessThan(10);
  });

  it('refuses other files, unknown keys and broken KML, writing nothing', async () => {
    const core = await tempCore();
    const wrong = await fails(core, 'blockages.importPreview', { files: [{ fileName: 'list.xlsx', dataBase64: b64('PK\x03\x04') }] });
    expect(wrong.message).toContain('只能导入');
    const broken = await fails(core, 'blockages.importPreview', { files: [{ fileName: 'a.kml', dataBase64: b64('<kml><Placemark><Point><coordinates>abc</coordinates></Point></Placemark></kml>') }] });
    expect(broken.code).toBe('import_invalid');
    const files = [{ fileName: 'a.kml', dataBase64: b64(OVITAL_KML) }];
    expect((await fails(core, 'blockages.importConfirm', { files, keys: ['0:1', '9:9'] })).code).toBe('invalid_input');
    expect((await fails(core, 'blockages.importPreview', { files: [{ fileName: '../a.kml', dataBase64: b64(OVITAL_KML) }] })).message).toContain('路径');
    expect((await ok<BlockageList>(core, 'blockages.list', {})).rows).toEqual([]);
  });
});
