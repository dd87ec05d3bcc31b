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
