import { networkInterfaces } from 'node:os';

/** Private LAN ranges first (192.168 is what township offices' routers hand out), then the rest. */
function rank(address: string): number {
  if (address.startsWith('192.168.')) return 0;
  if (address.startsWith('10.')) return 1;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(address)) return 2;
  if (address.startsWith('169.254.')) return 9;
  return 5;
}

/** This computer's IPv4 addresses a phone on the same network could reach, best first. */
export function lanAddresses(): string[] {
  const found: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv4' && !a.internal) found.push(a.address);
    }
  }
  const unique = [...new Set(found)].sort((a, b) => rank(a) - rank(b));
  return unique.length > 0 ? unique : ['127.0.0.1'];
}

/** The field page's address on each LAN interface: HTTPS (when served) first, then plain HTTP. */
export function fieldUrls(port: number, securePort: number | null = null): { address: string; url: string }[] {
  return lanAddresses().flatMap((address) => [
    ...(securePort ? [{ address, url: `https://${address}:${securePort}/` }] : []),
    { address, url: `http://${address}:${port}/` },
  ]);
}
