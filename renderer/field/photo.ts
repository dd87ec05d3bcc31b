import { readPhotoGps } from '../../shared/geo/exifGps';

/** Bytes as base64 for the JSON body. */
async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A camera photo made small on the phone before it is queued: long side 1600 px, JPEG 0.8
 * (a 4 MB original becomes about 300 KB), so it goes through on a weak signal.
 */
export async function shrinkPhoto(file: File, maxSide = 1600): Promise<{ fileName: string; dataBase64: string; previewUrl: string; gps: [number, number] | null }> {
  // The camera's own GPS tag, read before re-encoding drops it: a fallback where the browser refuses location.
  const tag = readPhotoGps(new Uint8Array(await file.arrayBuffer()));
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', 0.8));
  if (!blob) throw new Error('照片处理失败');
  const base = file.name.replace(/\.[^.]*$/, '').replace(/[^\w\u4e00-\u9fff-]/g, '_').slice(0, 60) || 'photo';
  return { fileName: `${base}.jpg`, dataBase64: await toBase64(blob), previewUrl: URL.createObjectURL(blob), gps: tag ? [tag.lon, tag.lat] : null };
}
