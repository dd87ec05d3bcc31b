// Draws the app icon (resources/icons/icon.png, 512×512): three water waves over a ditch bank.
// Kept as code so the icon can be regenerated without an image editor.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const N = 512;
const px = Buffer.alloc(N * N * 4);
const set = (x, y, [r, g, b, a]) => { const i = (y * N + x) * 4; px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a; };
for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) {
  const dx = Math.max(0, Math.abs(x - N / 2) - 180), dy = Math.max(0, Math.abs(y - N / 2) - 180);
  const inside = Math.hypot(dx, dy) < 76;
  if (!inside) { set(x, y, [0, 0, 0, 0]); continue; }
  let c = [10, 68, 104, 255];
  for (const [k, base] of [[0, 190], [1, 270], [2, 350]]) {
    const wave = base + 22 * Math.sin((x / N) * Math.PI * 4 + k);
    if (Math.abs(y - wave) < 16) c = k === 1 ? [240, 164, 0, 255] : [214, 235, 248, 255];
  }
  set(x, y, c);
}
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) { raw[y * (N * 4 + 1)] = 0; px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4); }
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
mkdirSync('resources/icons', { recursive: true });
writeFileSync('resources/icons/icon.png', Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
console.log('resources/icons/icon.png');
