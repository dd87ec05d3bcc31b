import { describe, expect, it } from 'vitest';
import { base64ToBytes, blobToBase64 } from '../../../renderer/common/base64';

describe('bytes through the contract’s base64', () => {
  it('gives back every byte value a tile or photo can hold, in order', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const text = await blobToBase64(new Blob([bytes]));
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(text)).toEqual(bytes);
    expect(base64ToBytes('')).toEqual(new Uint8Array(0));
  });
});
