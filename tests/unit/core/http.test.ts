import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../electron/core/host/http';
import { tempCore, tempDir } from '../../helpers/tempDir';

let host: HttpHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start() {
  const core = await tempCore();
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tempDir(), 'secret.txt'), 'secret');
  host = await startHttpHost({ dispatch: core.dispatch, staticDir, port: 0 });
  return { core, url: host.url };
}

/** A raw request, so tests can send what a browser would not (bad Host, no content type). */
function raw(url: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  const u = new URL(url);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const post = (url: string, procedure: string, body: string) =>
  fetch(`${url}api/${procedure}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('browser-mode HTTP host', () => {
  it('answers health and runs a procedure end to end', async () => {
    const { url } = await start();
    expect(await (await fetch(`${url}api/health`)).json()).toMatchObject({ ok: true });
    const saved = await post(url, 'settings.update', JSON.stringify({ townshipName: '三合乡' }));
    expect(saved.status).toBe(200);
    expect(await (await post(url, 'settings.get', '{}')).json()).toMatchObject({ townshipName: '三合乡' });
  });

  it('answers invalid input with 400 and { error: { code, message } }, and writes nothing', async () => {
    const { url } = await start();
    const res = await post(url, 'settings.update', JSON.stringify({ townshipName: '三合乡', extra: true }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain('extra');
    expect(await (await post(url, 'settings.get', '{}')).json()).toMatchObject({ townshipName: '未命名乡镇' });
    expect(await (await post(url, 'settings.history', '{}')).json()).toEqual([]);
  });

  it('answers malformed JSON with 400 bad_json and an unknown procedure with 404', async () => {
    const { url } = await start();
    const bad = await post(url, 'settings.update', '{"townshipName":');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_json');
    const unknown = await post(url, 'settings.drop', '{}');
    expect(unknown.status).toBe(404);
  });

  it('refuses cross-site requests, foreign Host headers and non-JSON bodies', async () => {
    const { url } = await start();
    const port = new URL(url).port;
    const crossSite = await raw(url, { method: 'POST', path: '/api/settings.update', headers: { Host: `127.0.0.1:${port}`, Origin: 'http://evil.example', 'Content-Type': 'application/json' }, body: '{"townshipName":"x"}' });
    expect(crossSite.status).toBe(403);
    const rebinding = await raw(url, { path: '/api/health', headers: { Host: `evil.example:${port}` } });
    expect(rebinding.status).toBe(403);
    const textPlain = await raw(url, { method: 'POST', path: '/api/settings.update', headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'text/plain' }, body: '{"townshipName":"x"}' });
    expect(textPlain.status).toBe(400);
    expect(await (await post(url, 'settings.get', '{}')).json()).toMatchObject({ townshipName: '未命名乡镇' });
  });

  it('serves the app with a CSP and never a file outside its folder', async () => {
    const { url } = await start();
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${url}assets/app.js`)).status).toBe(200);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await raw(url, { path, headers: { Host: new URL(url).host } });
      expect(res.body).not.toContain('secret');
    }
    expect((await fetch(`${url}missing.js`)).status).toBe(404);
  });
});

describe('browser-mode HTTP host: big bodies and bytes', () => {
  it('answers a body over the limit with a JSON 413, declared or chunked, and keeps answering', async () => {
    const core = await tempCore();
    host = await startHttpHost({ dispatch: core.dispatch, staticDir: null, port: 0, maxBodyBytes: 256 * 1024 });
    const url = host.url;
    // 40 MB declared and sent: refused from its length, the connection closed after the answer.
    const big = await post(url, 'settings.update', JSON.stringify({ townshipName: 'x'.repeat(40 * 1048576) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('256 KB') });
    // A chunked body that says nothing of its length is cut off once it passes the limit.
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 64; i++) c.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        c.close();
      },
    });
    const chunked = await fetch(`${url}api/settings.update`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: chunks, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await post(url, 'settings.get', '{}')).status).toBe(200);
  });

  it('takes an import file as bytes (octet-stream, input in X-DrainDesk-Input), the same as base64 in JSON', async () => {
    const core = await tempCore();
    host = await startHttpHost({ dispatch: core.dispatch, staticDir: null, port: 0 });
    const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '一号沟' }, geometry: { type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.41]] } }] });
    const asBytes = await fetch(`${host.url}api/import.preview`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-DrainDesk-Input': encodeURIComponent(JSON.stringify({ fileName: '沟渠.geojson' })) },
      body: Buffer.from(geojson),
    });
    expect(asBytes.status).toBe(200);
    const bytesPreview = (await asBytes.json()) as { fileName: string; counts: { total: number } };
    const asJson = (await (await post(host.url, 'import.preview', JSON.stringify({ fileName: '沟渠.geojson', dataBase64: Buffer.from(geojson).toString('base64') }))).json()) as typeof bytesPreview;
    expect(bytesPreview).toMatchObject({ fileName: '沟渠.geojson', counts: { total: 1 } });
    expect(bytesPreview.counts).toEqual(asJson.counts);
    // A procedure that takes no file refuses bytes; a broken input header is a 400 too.
    const noFile = await fetch(`${host.url}api/settings.update`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: 'x' });
    expect(noFile.status).toBe(400);
    const badHeader = await fetch(`${host.url}api/import.preview`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-DrainDesk-Input': '%7B%zz' }, body: 'x' });
    expect(badHeader.status).toBe(400);
    expect(((await badHeader.json()) as { error: { code: string } }).error.code).toBe('bad_json');
  });
});

describe('the one host', () => {
  it('answers a fault inside a request with a vague JSON 500 and stays up', async () => {
    const { startHost, loopbackAccess } = await import('../../../electron/core/host/http/index');
    let port = 0;
    const faulty = await startHost<null>({
      name: 'test',
      host: '127.0.0.1',
      port: 0,
      api: { has: () => true, call: () => Promise.reject(new Error('secret internals')), uploadField: () => null },
      access: loopbackAccess(() => port),
      site: () => {
        throw new Error('disk gone');
      },
      maxBodyBytes: 1024,
    });
    port = faulty.port;
    try {
      const api = await post(faulty.url, 'anything', '{}');
      expect(api.status).toBe(500);
      const body = (await api.json()) as { error: { code: string; message: string; messageEn: string } };
      expect(body.error).toMatchObject({ code: 'internal', message: expect.any(String), messageEn: expect.any(String) });
      expect(JSON.stringify(body)).not.toContain('secret internals');
      expect((await fetch(`${faulty.url}page`)).status).toBe(500);
      expect((await fetch(`${faulty.url}api/health`)).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });
});
