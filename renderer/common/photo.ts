import { blobToBase64 } from './base64';

/** A photo made small before it is sent: the JPEG file name, its bytes as base64 and as a blob. */
export interface ShrunkPhoto {
  fileName: string;
  dataBase64: string;
  blob: Blob;
}

/**
 * A camera photo made small in the browser before it is sent: long side `maxSide` px, JPEG 0.8
 * (a 4 MB original becomes about 300 KB), upright as the camera's orientation tag says.
 * Throws when the browser cannot decode the file; the caller decides what to do then.
 */
export async function shrinkPhoto(file: File, maxSide = 1600): Promise<ShrunkPhoto> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', 0.8));
  if (!blob) throw new Error('照片处理失败 / could not re-encode the photo');
  const base = file.name.replace(/\.[^.]*$/, '').replace(/[^\w\u4e00-\u9fff-]/g, '_').slice(0, 60) || 'photo';
  return { fileName: `${base}.jpg`, dataBase64: await blobToBase64(blob), blob };
}
