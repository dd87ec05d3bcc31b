import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/contract/imports';
import { tempCore } from '../../helpers/tempDir';

/** A KML with many placemarks: seconds of parsing on one core. */
function bigKml(placemarks: number): Buffer {
  const pm = (i: number) => `<Placemark><name>${i}号堵点</name><description>${'说明'.repeat(20)}</description><Point><coordinates>${124.2 + (i % 1000) * 1e-5},${43.4 + Math.floor(i / 1000) * 1e-5}</coordinates></Point></Placemark>`;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${Array.from({ length: placemarks }, (_, i) => pm(i)).join('')}</Document></kml>`);
}

describe('import parsing in a worker thread', () => {
  it('keeps the host answering while a big file is parsed, and gives the same preview', { timeout: 60_000 }, async () => {
    const core = await tempCore({ parseInWorker: true });
    const bytes = bigKml(10_000);
    // Timer ticks that arrive while the parse runs: with the parse inline there are none until it ends.
    let ticks = 0;
    let longestGap = 0;
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 20);
    const started = Date.now();
    const r = await core.dispatch('import.preview', { fileName: 'big.kml', dataBase64: bytes.toString('base64') });
    const took = Date.now() - started;
    clearInterval(timer);
    expect(r.ok).toBe(true);
    expect((r as { value: ImportPreview }).value.counts.total).toBe(10_000);
    // The parse takes hundreds of milliseconds; the host's loop was never stuck for more than a fraction of it.
    expect(took).toBeGreaterThan(300);
    expect(ticks).toBeGreaterThan(3);
    expect(longestGap).toBeLessThan(took * 0.7);
  });

  it('carries refusals back as the same 4xx AppError, and keeps working after one', async () => {
    const core = await tempCore({ parseInWorker: true });
    const bad = await core.dispatch('import.preview', { fileName: 'x.kml', dataBase64: Buffer.from('不是 KML').toString('base64') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'import_invalid', details: { reason: 'not_xml' } } });
    const good = await core.dispatch('import.preview', { fileName: 'ovital.ovkml', dataBase64: readFileSync('tests/fixtures/network/ovital-field-team.ovkml').toString('base64') });
    expect(good).toMatchObject({ ok: true, value: { detectedCrs: 'gcj02' } });
  });
});
