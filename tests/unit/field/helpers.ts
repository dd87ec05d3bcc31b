import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { startFieldServer, type FieldServer } from '../../../electron/core/field/server';
import { stopField } from '../../../electron/core/field/registry';
import { tempCore, tempDir } from '../../helpers/tempDir';
import { ok, team, type Core } from '../blockages/helpers';
import type { IssuedToken } from '../../../shared/contract/field';

export interface FieldRig {
  core: Core;
  server: FieldServer;
  url: string;
  staticDir: string;
}

const servers: FieldServer[] = [];
const cores: Core[] = [];

/** Close the rigs' servers, and any field server a rig's core turned on through field.start. */
export async function closeServers(): Promise<void> {
  await Promise.all([...servers.splice(0).map((s) => s.close()), ...cores.splice(0).map((c) => stopField(c.ctx))]);
}

/** A core, a field server on 127.0.0.1 (tests never listen on the LAN), and a fake built page. */
export async function fieldRig(): Promise<FieldRig> {
  const core = await tempCore();
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'field.html'), '<!doctype html><title>现场</title>');
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>desk</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'field-abc.js'), 'console.log(1)');
  writeFileSync(join(staticDir, 'secret.txt'), 'not for phones');
  const server = await startFieldServer({ ctx: core.ctx, staticDir, port: 0, host: '127.0.0.1' });
  servers.push(server);
  cores.push(core);
  return { core, server, url: `http://127.0.0.1:${server.port}/`, staticDir };
}

/** A team with one phone token. */
export async function teamWithToken(core: Core, name: string): Promise<{ teamId: string; token: string; tokenId: string }> {
  const t = await team(core, name);
  const issued = await ok<IssuedToken>(core, 'field.issueToken', { teamId: t.id, label: `${name}手机` });
  return { teamId: t.id, token: issued.secret, tokenId: issued.token.id };
}

/** POST a phone call the way the field page does. */
export async function call(url: string, name: string, body: unknown, token: string | null, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extra };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${url}api/${name}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

/** A raw GET, so tests can send paths a browser would normalise away. */
export function rawGet(url: string, path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: 'GET', path }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A JPEG whose EXIF says where and when it was taken, the way phone cameras write it
 * (little-endian TIFF, GPS IFD with N/E refs and degree/minute/second rationals).
 */
export function jpegWithGps(lon: number, lat: number, taken = '2026:08:09 15:30:00'): Buffer {
  const rational = (values: number[]) => {
    const b = Buffer.alloc(values.length * 8);
    values.forEach((v, i) => {
      b.writeUInt32LE(Math.round(v * 10000), i * 8);
      b.writeUInt32LE(10000, i * 8 + 4);
    });
    return b;
  };
  const dms = (deg: number) => {
    const d = Math.floor(deg);
    const m = Math.floor((deg - d) * 60);
    const s = (deg - d - m / 60) * 3600;
    return [d, m, s];
  };
  const ascii = (s: string) => Buffer.from(`${s}\0`, 'latin1');
  // Layout: header(8) | IFD0 | GPS IFD | Exif IFD | data
  const gps = [
    { tag: 1, type: 2, count: 2, data: ascii('N') },
    { tag: 2, type: 5, count: 3, data: rational(dms(lat)) },
    { tag: 3, type: 2, count: 2, data: ascii('E') },
    { tag: 4, type: 5, count: 3, data: rational(dms(lon)) },
  ];
  const exif = [{ tag: 0x9003, type: 2, count: 20, data: ascii(taken) }];
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const ifd0At = 8;
  const gpsAt = ifd0At + ifdSize(2);
  const exifAt = gpsAt + ifdSize(gps.length);
  let dataAt = exifAt + ifdSize(exif.length);
  const parts: Buffer[] = [];
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]);
  const writeIfd = (list: { tag: number; type: number; count: number; data: Buffer }[], pointers: [number, number][] = []) => {
    const all = [...pointers.map(([tag, at]) => ({ tag, type: 4, count: 1, data: Buffer.from(Uint32Array.of(at).buffer) })), ...list];
    const b = Buffer.alloc(ifdSize(all.length));
    b.writeUInt16LE(all.length, 0);
    const extra: Buffer[] = [];
    all.forEach((e, i) => {
      const at = 2 + i * 12;
      b.writeUInt16LE(e.tag, at);
      b.writeUInt16LE(e.type, at + 2);
      b.writeUInt32LE(e.count, at + 4);
      if (e.data.length <= 4) e.data.copy(b, at + 8);
      else {
        b.writeUInt32LE(dataAt, at + 8);
        dataAt += e.data.length;
        extra.push(e.data);
      }
    });
    return { ifd: b, extra };
  };
  const i0 = writeIfd([], [[0x8825, gpsAt], [0x8769, exifAt]]);
  const ig = writeIfd(gps);
  const ie = writeIfd(exif);
  parts.push(header, i0.ifd, ig.ifd, ie.ifd, ...i0.extra, ...ig.extra, ...ie.extra);
  const tiff = Buffer.concat(parts);
  const app1Body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (app1Body.length + 2) >> 8, (app1Body.length + 2) & 0xff]), app1Body]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, Buffer.from([0xff, 0xda, 0x00, 0x02]), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);
}
