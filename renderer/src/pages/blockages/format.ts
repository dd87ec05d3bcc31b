import type { Locale } from '../../../../shared/contract/settings';

/** How long ago, as the office says it: "3 小时", "2 天 5 小时". */
export function formatAge(hours: number, locale: Locale): string {
  if (hours < 1) return locale === 'zh' ? '不到 1 小时' : '< 1 h';
  if (hours < 48) return locale === 'zh' ? `${Math.floor(hours)} 小时` : `${Math.floor(hours)} h`;
  const d = Math.floor(hours / 24);
  const h = Math.floor(hours - d * 24);
  return locale === 'zh' ? `${d} 天${h ? ` ${h} 小时` : ''}` : `${d} d${h ? ` ${h} h` : ''}`;
}

/** A UTC timestamp as township time (Asia/Shanghai), e.g. "08-10 14:05". */
export function formatTime(iso: string, withYear = false): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${withYear ? `${t.slice(0, 4)}-` : ''}${t.slice(5, 10)} ${t.slice(11, 16)}`;
}

/** A picked file's bytes as base64 for the contract's JSON transport. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Shrink a photo before sending it (long side 1600 px, JPEG): a camera original can be 10 MB. */
export async function resizedPhoto(file: File, maxSide = 1600): Promise<{ fileName: string; dataBase64: string }> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', 0.82));
    if (blob) return { fileName: file.name.replace(/\.[^.]*$/, '') + '.jpg', dataBase64: await fileToBase64(blob) };
  } catch {
    // not decodable here: send as is and let the core say what it is
  }
  return { fileName: file.name, dataBase64: await fileToBase64(file) };
}
