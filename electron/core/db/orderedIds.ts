import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The 16 bytes as a UUID's text (no closure per call: this runs once per imported row). */
function hex(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[b[i]!]!;
  }
  return out;
}

/**
 * UUIDs version 7 (RFC 9562): the creation millisecond first, then a counter, then random bits,
 * so ids made one after another sort in the order made. A bulk insert of 50,000 rows then appends
 * to the primary-key and feed indexes instead of writing all over them (random v4 ids). Still
 * UUIDs, unique across PCs (74 random bits per millisecond and counter start), as DESIGN.md asks.
 * Returns a generator: each call gives the next id, later than the one before.
 */
export function orderedUuids(): () => string {
  const pool = Buffer.alloc(16 * 512);
  let used = pool.length;
  let lastMs = -1;
  let counter = 0;
  const bytes = new Uint8Array(16);
  return () => {
    if (used === pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    for (let i = 0; i < 16; i++) bytes[i] = pool[used + i]!;
    used += 16;
    let ms = Date.now();
    if (ms > lastMs) {
      lastMs = ms;
      // A 26-bit counter (12 bits of rand_a, 14 of rand_b, RFC 9562 §6.2 method 1) starting at a random value below 2^25.
      counter = ((bytes[6]! & 0x0f) << 22) | (bytes[7]! << 14) | ((bytes[8]! & 0x3f) << 8) | bytes[9]!;
      counter &= 0x1ffffff;
    } else {
      counter++;
      if (counter > 0x3ffffff) {
        lastMs++;
        counter = 0;
      }
      ms = lastMs;
    }
    // 48-bit milliseconds, big-endian.
    const hi = Math.floor(ms / 2 ** 16);
    bytes[0] = (hi >>> 24) & 0xff;
    bytes[1] = (hi >>> 16) & 0xff;
    bytes[2] = (hi >>> 8) & 0xff;
    bytes[3] = hi & 0xff;
    bytes[4] = (ms >>> 8) & 0xff;
    bytes[5] = ms & 0xff;
    bytes[6] = 0x70 | ((counter >>> 22) & 0x0f);
    bytes[7] = (counter >>> 14) & 0xff;
    bytes[8] = 0x80 | ((counter >>> 8) & 0x3f);
    bytes[9] = counter & 0xff;
    return hex(bytes);
  };
}
