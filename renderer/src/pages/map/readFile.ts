/** A picked or dropped file's bytes as base64, for the contract's JSON transport. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export { downloadText } from '../../components/download';

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
