/**
 * A seeded fuzz run over the import procedures: a few hundred files mutated from our fixtures
 * (truncation, byte flips, NaN and huge numbers, deep nesting, XML entities, zip bombs and `../`
 * entries, wrong encodings) go through import.preview → import.commit and
 * rainfall.previewImport → rainfall.import. Every answer must be a success or a 4xx AppError
 * (never `internal`, never a thrown crash), and every refusal must leave every table's row count
 * as it was. Same seed, same files: a failure names its case and reproduces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../electron/core/demo/random';
import { HTTP_STATUS } from '../../../shared/contract/errors';
import { tempCore } from '../../helpers/tempDir';

const SEED = 0x14_16;
const CASES = 320;
const TABLES = ['import_batch', 'ditch', 'culvert', 'blockage', 'blockage_event', 'area', 'geo_feature', 'change_feed', 'rain_station', 'rain_reading', 'rain_baseline', 'rain_import'];

function seeds(): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const dir of ['tests/fixtures/network', 'tests/fixtures/rainfall']) {
    for (const name of readdirSync(dir)) {
      if (/\.(kml|ovkml|kmz|zip|geojson|csv)$/.test(name)) out.push({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) });
    }
  }
  out.push({ name: 'gdal.gpkg', bytes: new Uint8Array(readFileSync('tests/fixtures/network/external/ogr2ogr-gk-zone41.gpkg')) });
  return out;
}

const utf8 = (t: string) => strToU8(t);

/** Hand-made hostile files, one per kind of attack. */
function hostile(): { name: string; bytes: Uint8Array }[] {
  const folders = (n: number) => `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${'<Folder>'.repeat(n)}<Placemark><Point><coordinates>124.2,43.4</coordinates></Point></Placemark>${'</Folder>'.repeat(n)}</Document></kml>`;
  const laughs = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "hahahahahahahahahaha">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&j;</name><Point><coordinates>124.2,43.4</coordinates></Point></Placemark></Document></kml>`;
  const bombZip = (() => {
    const zip = zipSync({ 'doc.kml': utf8(folders(1)) }, { level: 0 });
    const view = new DataView(zip.buffer);
    for (let i = 0; i + 4 < zip.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 0xfffffff0, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
    }
    return zip;
  })();
  return [
    { name: 'deep-folders.kml', bytes: utf8(folders(10_000)) },
    { name: 'deep.geojson', bytes: utf8(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) },
    { name: 'deep-props.geojson', bytes: utf8(`{"type":"Feature","geometry":{"type":"Point","coordinates":[124.2,43.4]},"properties":{"a":${'{"b":'.repeat(5000)}1${'}'.repeat(5000)}}}`) },
    { name: 'laughs.kml', bytes: utf8(laughs) },
    { name: 'bomb.kmz', bytes: bombZip },
    { name: 'slip.kmz', bytes: zipSync({ '../../evil.kml': utf8(folders(1)), 'doc.kml': utf8(folders(1)) }) },
    { name: 'slip.zip', bytes: zipSync({ '../x.shp': new Uint8Array(120), '../x.dbf': new Uint8Array(40) }) },
    { name: 'nan.geojson', bytes: utf8('{"type":"Point","coordinates":[NaN,Infinity]}') },
    { name: 'huge.geojson', bytes: utf8('{"type":"Point","coordinates":[1e309,43.4]}') },
    { name: 'huge-numbers.csv', bytes: utf8(`name,lon,lat\na,${'9'.repeat(400)},43.4\n`) },
    { name: 'utf16.kml', bytes: new Uint8Array([0xff, 0xfe, ...iconv.encode(folders(1), 'utf16le')]) },
    { name: 'rain-huge.csv', bytes: utf8('日期,站点,雨量\n2026-07-01,东风村,1e400\n2026-07-02,东风村,NaN\n') },
    { name: 'zero.geojson', bytes: utf8('{"type":"Point","coordinates":[0,0]}') },
  ];
}

function mutate(bytes: Uint8Array, r: () => number): { how: string; bytes: Uint8Array } {
  const pick = Math.floor(r() * 6);
  const copy = new Uint8Array(bytes);
  switch (pick) {
    case 0: {
      const at = Math.floor(r() * bytes.length);
      return { how: `truncate@${at}`, bytes: bytes.subarray(0, at) };
    }
    case 1: {
      const n = 1 + Math.floor(r() * 12);
      for (let i = 0; i < n; i++) copy[Math.floor(r() * copy.length)] = Math.floor(r() * 256);
      return { how: `flip×${n}`, bytes: copy };
    }
    case 2: {
      const text = new TextDecoder('latin1').decode(bytes);
      const words = ['NaN', '-Infinity', '1e309', '9'.repeat(40), '-0', '""', 'null', '1e-400'];
      const word = words[Math.floor(r() * words.length)] as string;
      let n = 0;
      const out = text.replace(/\d+\.\d+/g, (m) => (r() < 0.2 && n++ < 20 ? word : m));
      return { how: `numbers→${word}`, bytes: Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff) };
    }
    case 3:
      return { how: 'gbk-recode', bytes: new Uint8Array(iconv.encode(new TextDecoder('utf-8').decode(bytes), 'gbk')) };
    case 4: {
      const at = Math.floor(r() * bytes.length);
      return { how: `splice-garbage@${at}`, bytes: new Uint8Array([...bytes.subarray(0, at), ...Array.from({ length: 64 }, () => Math.floor(r() * 256)), ...bytes.subarray(at)]) };
    }
    default:
      return { how: 'duplicate-half', bytes: new Uint8Array([...bytes, ...bytes.subarray(0, bytes.length >> 1)]) };
  }
}

describe('import fuzz', () => {
  it(`${CASES} mutated files: a clear 4xx or success, never a crash, nothing written on refusal`, { timeout: 50_000 }, async () => {
    const core = await tempCore();
    const counts = () => TABLES.map((t) => (core.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n).join(',');
    const r = seededRandom(SEED);
    const base = seeds();
    const files = [...hostile(), ...Array.from({ length: CASES }, (_, i) => {
      const seed = base[Math.floor(r() * base.length)]!;
      const m = mutate(seed.bytes, r);
      return { name: seed.name, bytes: m.bytes, how: `${i}:${seed.name}:${m.how}` };
    })];
    const started = Date.now();
    let accepted = 0;
    for (const f of files) {
      const label = 'how' in f ? String(f.how) : f.name;
      const before = counts();
      const base64 = Buffer.from(f.bytes).toString('base64');
      const preview = await core.dispatch('import.preview', { fileName: f.name, dataBase64: base64 });
      if (preview.ok) {
        const p = preview.value as { previewId: string; detectedCrs: string | null };
        const commit = await core.dispatch('import.commit', { previewId: p.previewId, crs: p.detectedCrs ?? 'wgs84' });
        if (commit.ok) accepted++;
        else {
          expect(HTTP_STATUS[commit.error.code], `${label}: ${commit.error.code} ${commit.error.messageEn ?? commit.error.message}`).toBeLessThan(500);
          expect(counts(), `${label}: refused commit wrote rows`).toBe(before);
        }
      } else {
        expect(HTTP_STATUS[preview.error.code], `${label}: ${preview.error.code} ${preview.error.messageEn ?? preview.error.message}`).toBeLessThan(500);
        expect(counts(), label).toBe(before);
      }
      const rain = await core.dispatch('rainfall.previewImport', { kind: 'readings', fileName: f.name, contentBase64: base64 });
      if (!rain.ok) expect(HTTP_STATUS[rain.error.code], `${label} (rainfall): ${rain.error.code} ${rain.error.messageEn ?? rain.error.message}`).toBeLessThan(500);
      const beforeRain = counts();
      const rainImport = await core.dispatch('rainfall.import', { kind: 'readings', fileName: f.name, contentBase64: base64 });
      if (!rainImport.ok) {
        expect(HTTP_STATUS[rainImport.error.code], `${label} (rainfall import): ${rainImport.error.code} ${rainImport.error.messageEn ?? rainImport.error.message}`).toBeLessThan(500);
        expect(counts(), `${label}: refused rainfall import wrote rows`).toBe(beforeRain);
      }
    }
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Some mutations leave a file valid (a flip inside a name): the run must exercise both paths.
    expect(accepted).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(45_000);
  });
});
