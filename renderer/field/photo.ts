import { readPhotoGps } from '../../shared/geo/exifGps';
import { shrinkPhoto } from '../common/photo';

/**
 * A camera photo made small on the phone before it is queued, so it goes through on a weak signal,
 * with a preview and the camera's own GPS tag (read before re-encoding drops it: a fallback where
 * the browser refuses location).
 */
export async function shrinkFieldPhoto(file: File): Promise<{ fileName: string; dataBase64: string; previewUrl: string; gps: [number, number] | null }> {
  const tag = readPhotoGps(new Uint8Array(await file.arrayBuffer()));
  const photo = await shrinkPhoto(file);
  return { fileName: photo.fileName, dataBase64: photo.dataBase64, previewUrl: URL.createObjectURL(photo.blob), gps: tag ? [tag.lon, tag.lat] : null };
}
