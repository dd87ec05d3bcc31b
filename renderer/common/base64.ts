/** Bytes as base64 for the contract's JSON transport (chunked: a spread of a whole photo overflows the stack). */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Base64 text (a file or tile the core returned) back to bytes. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  // The engine's own decoder where it has one (Chromium 140+, so Electron 45): a whole-township
  // tile set is megabytes of base64, and a per-character callback cost ~65 ms of the map's open.
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (native) return native(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
