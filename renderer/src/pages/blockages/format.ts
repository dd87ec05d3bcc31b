import type { Locale } from '../../../../shared/contract/settings';
import { blobToBase64 } from '../../../common/base64';
import { shrinkPhoto } from '../../../common/photo';

/** How long ago, as the office says it: "3 小时", "2 天 5 小时". */
export function formatAge(hours: number, locale: Locale): string {
  if (hours < 1) return locale === 'zh' ? '不到 1 小时' : '< 1 h';
  if (hours < 48) return locale === 'zh' ? `${Math.floor(hours)} 小时` : `${Math.floor(hours)} h`;
  const d = Math.floor(hours / 24);
  const h = Math.floor(hours - d * 24);
  return locale === 'zh' ? `${d} 天${h ? ` ${h} 小时` : ''}` : `${d} d${h ? ` ${h} h` : ''}`;
}


/** Shrink a photo before sending it (a camera original can be 10 MB); one the browser cannot decode goes as is and the core says what it is. */
export async function resizedPhoto(file: File): Promise<{ fileName: string; dataBase64: string }> {
  try {
    const { fileName, dataBase64 } = await shrinkPhoto(file);
    return { fileName, dataBase64 };
  } catch {
    return { fileName: file.name, dataBase64: await blobToBase64(file) };
  }
}
