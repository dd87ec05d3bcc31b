import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseNetworkFile } from '../../../../electron/core/importers/network/parse';
import { fixture, importError, utf8 } from './helpers';

describe('files the importer must refuse, saying why', () => {
  it('an empty file', async () => {
    const e = await importError('bad-empty.geojson', fixture('bad-empty.geojson'));
    expect(e.details.reason).toBe('empty');
    expect(e.messageZh).toBe('“bad-empty.geojson”:文件是空的');
    expect(e.messageEn).toBe('"bad-empty.geojson": the file is empty');
    expect((await importError('blank.csv', utf8('\uFEFF  \r\n'))).details.reason).toBe('empty');
  });

  it('a file over the size limit, before parsing it', async () => {
    const e = await importError('ovital-field-team.ovkml', fixture('ovital-field-team.ovkml'), { maxBytes: 1000 });
    expect(e.details).toMatchObject({ reason: 'too_large', maxBytes: 1000 });
    expect(e.messageZh).toContain('超过上限');
    // Not parsed: garbage over the limit is refused as too large, not as garbage.
    expect((await importError('junk.kml', new Uint8Array(2000).fill(1), { maxBytes: 1000 })).details.reason).toBe('too_large');
  });

  it('a zip that unpacks to more than the limit', async () => {
    const big = zipSync({ 'doc.kml': new Uint8Array(200_000).fill(0x20) }, { level: 9 });
    expect(big.length).toBeLessThan(5000);
    const e = await importError('bomb.kmz', big, { maxBytes: 100_000 });
    expect(e.details.reason).toBe('too_large');
    expect(e.messageEn).toContain('unpacks to');
  });

  it('a .kml that is not XML', async () => {
    const e = await importError('bad-not-xml.kml', fixture('bad-not-xml.kml'));
    expect(e.details.reason).toBe('not_xml');
    expect(e.messageZh).toContain('这是微信里转发的文字');
  });

  it('truncated XML, with the line', async () => {
    const e = await importError('bad-truncated.kml', fixture('bad-truncated.kml'));
    expect(e.details.reason).toBe('bad_xml');
    expect(e.details.line).toBeGreaterThan(1);
    expect(e.messageZh).toContain('截断');
    expect(e.messageEn).toContain(`line ${e.details.line}`);
  });

  it('a KML placemark with unreadable coordinates, with placemark and line', async () => {
    const e = await importError('bad-coordinates.kml', fixture('bad-coordinates.kml'));
    expect(e.details).toMatchObject({ reason: 'bad_coordinates', feature: 1, line: 10 });
    expect(e.messageZh).toContain('第 1 个地标“3号堵点”');
    expect(e.messageZh).toContain('124.215,abc,0');
  });

  it('XML that is not KML', async () => {
    const e = await importError('track.kml', utf8('<?xml version="1.0"?><gpx version="1.1"><trk/></gpx>'));
    expect(e.details.reason).toBe('not_kml');
    expect(e.messageEn).toContain('<gpx>');
  });

  it('a KML with no placemark at all', async () => {
    const e = await importError('empty.kml', utf8('<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>空</name></Document></kml>'));
    expect(e.details.reason).toBe('no_features');
  });

  it('a .kmz or .zip that is not a zip, and a damaged zip', async () => {
    expect((await importError('a.kmz', utf8('<kml/>'))).details.reason).toBe('bad_zip');
    const zip = zipSync({ 'doc.kml': fixture('ovital-field-team.ovkml') });
    expect((await importError('cut.kmz', zip.subarray(0, zip.length - 30))).details.reason).toBe('bad_zip');
  });

  it('a KMZ without a .kml, and an Excel file', async () => {
    const e = await importError('photos.kmz', zipSync({ 'a.jpg': new Uint8Array([1, 2]) }));
    expect(e.details.reason).toBe('kmz_no_kml');
    const broken = await importError('台账.xlsx', zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'xl/workbook.xml': utf8('<w/>') }));
    expect(broken.messageZh).toContain('Excel 文件已损坏');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['名称', '长度']);
    const noPositions = await importError('台账.xlsx', new Uint8Array(await book.xlsx.writeBuffer()));
    expect(noPositions.messageZh).toContain('起点经度');
    expect(noPositions.messageZh).toContain('另存为 CSV');
  });

  it('a binary file', async () => {
    const e = await importError('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    expect(e.details.reason).toBe('unknown_format');
  });

  it('a .json that is not JSON', async () => {
    const e = await importError('x.geojson', utf8('name,lon,lat\n'));
    expect(e.details.reason).toBe('bad_json');
  });

  it('reads content over the name, with a warning, when the content is a known format', async () => {
    const p = await parseNetworkFile('points.kml', utf8(JSON.stringify({ type: 'Point', coordinates: [124.2, 43.4] })));
    expect(p.format).toBe('geojson');
    expect(p.warnings.map((w) => w.code)).toEqual(['name_mismatch']);
  });

  it('accepts a Node Buffer as well as a Uint8Array', async () => {
    const p = await parseNetworkFile('network.kmz', Buffer.from(fixture('network.kmz')));
    expect(p.counts.total).toBe(2);
  });
});
