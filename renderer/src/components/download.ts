import { base64ToBytes } from '../../common/base64';
/** Offer bytes as a file download through a Blob link (works in browser mode and the desktop app). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A text file (exports) as a download. */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: `${mimeType};charset=utf-8` }));
}

/** A file the core returned as base64 (xlsx, PDF) as a download. */
export function downloadBase64(fileName: string, mimeType: string, base64: string): void {
  downloadBlob(fileName, new Blob([base64ToBytes(base64)], { type: mimeType }));
}
