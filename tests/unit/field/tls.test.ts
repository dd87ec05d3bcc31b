import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:https';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldCertificate } from '../../../electron/core/field/tls';
import { startFieldServer, type FieldServer } from '../../../electron/core/field/server';
import { tempCore, tempDir } from '../../helpers/tempDir';

const servers: FieldServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));

describe('the LAN field server over HTTPS with the desk’s own certificate', () => {
  it('makes a certificate for the PC’s addresses once, keeps it, and makes a new one when the addresses change', async () => {
    const dir = tempDir();
    const first = await fieldCertificate(dir, ['192.168.1.20']);
    const x509 = new X509Certificate(first.cert);
    expect(x509.subjectAltName).toContain('IP Address:192.168.1.20');
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(Date.parse(x509.validTo) - Date.now()).toBeGreaterThan(365 * 86_400_000);
    expect(readFileSync(join(dir, 'tls', 'field-cert.pem'), 'utf8')).toBe(first.cert);
    expect((await fieldCertificate(dir, ['192.168.1.20'])).fingerprint).toBe(first.fingerprint);
    const moved = await fieldCertificate(dir, ['192.168.3.7']);
    expect(moved.fingerprint).not.toBe(first.fingerprint);
    expect(new X509Certificate(moved.cert).subjectAltName).toContain('IP Address:192.168.3.7');
  });

  it('answers the same API over HTTPS, and a phone that refuses the certificate only loses its own connection', async () => {
    const core = await tempCore();
    const tls = await fieldCertificate(core.ctx.dataDir, ['127.0.0.1']);
    const server = await startFieldServer({ ctx: core.ctx, staticDir: null, port: 0, host: '127.0.0.1', tls });
    servers.push(server);
    expect(server.securePort).toBeGreaterThan(0);
    const get = (ca: string | undefined) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.securePort!, path: '/api/health', method: 'GET', ...(ca ? { ca } : { rejectUnauthorized: true }) }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    await expect(get(undefined)).rejects.toThrow(/self[- ]signed|certificate/i);
    const ok = await get(tls.cert);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
    // Plain HTTP on the other port goes on working.
    expect((await fetch(`http://127.0.0.1:${server.port}/api/health`)).status).toBe(200);
  });
});
