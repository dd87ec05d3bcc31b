/**
 * The LAN field server's own certificate (issue 12): phones give GPS and keep the page offline only
 * on HTTPS pages, and an office without a county server has no certificate authority. So the desk
 * makes a self-signed certificate for its own LAN addresses, kept in DATA/tls and made again when
 * the PC's addresses change or it nears its end. A phone shows a warning the first time (the
 * certificate is not from a known authority); after the team taps through it, the page is HTTPS.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { lanAddresses } from './lan';

export interface FieldCertificate {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, for the QR dialog: the office can read it to a team on the phone. */
  fingerprint: string;
  addresses: string[];
}

const DAY_MS = 86_400_000;

function sameAddresses(cert: X509Certificate, addresses: readonly string[]): boolean {
  const san = cert.subjectAltName ?? '';
  return addresses.every((a) => san.includes(`IP Address:${a}`));
}

/** The certificate in `dataDir`/tls, made (or made again) when missing, stale or for other addresses. */
export async function fieldCertificate(dataDir: string, addresses: readonly string[] = lanAddresses(), now = new Date()): Promise<FieldCertificate> {
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'field-cert.pem');
  const keyFile = join(dir, 'field-key.pem');
  const all = [...new Set([...addresses, '127.0.0.1'])];
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    const x509 = new X509Certificate(cert);
    if (sameAddresses(x509, all) && Date.parse(x509.validTo) - now.getTime() > 30 * DAY_MS) {
      return { cert, key: readFileSync(keyFile, 'utf8'), fingerprint: x509.fingerprint256, addresses: all };
    }
  }
  const notAfter = new Date(now.getTime() + 2 * 365 * DAY_MS);
  const pems = await generate([{ name: 'commonName', value: 'DrainDesk 现场服务' }, { name: 'organizationName', value: 'DrainDesk' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2 as const, value: 'localhost' }, ...all.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert);
  return { cert: pems.cert, key: pems.private, fingerprint: new X509Certificate(pems.cert).fingerprint256, addresses: all };
}
