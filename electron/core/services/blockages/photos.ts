import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../../shared/contract/errors';
import type { PhotoInput } from '../../../../shared/contract/blockages';
import type { CoreContext } from '../../context';

/** The image types we keep, recognised by their first bytes (never by name or declared type). */
export type ImageKind = { mime: 'image/jpeg' | 'image/png' | 'image/webp'; ext: 'jpg' | 'png' | 'webp' };

/** Stored names are ours: a UUID and the sniffed type's extension. Anything else is never read. */
const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png|webp)$/;

export function photosDir(ctx: Pick<CoreContext, 'dataDir'>): string {
  return join(ctx.dataDir, 'photos');
}

/** JPEG, PNG or WebP by magic bytes; null for anything else. */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return { mime: 'image/png', ext: 'png' };
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { mime: 'image/webp', ext: 'webp' };
  return null;
}

/** A photo decoded and checked: an image by its content, within the size limit. Throws a clear AppError. */
export function decodePhoto(input: PhotoInput, maxBytes: number): { bytes: Buffer; kind: ImageKind } {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length === 0) throw new AppError('invalid_input', { zh: `照片“${input.fileName}”是空的`, en: `Photo "${input.fileName}" is empty` });
  if (bytes.length > maxBytes) {
    throw new AppError('payload_too_large', {
      zh: `照片“${input.fileName}”有 ${(bytes.length / 1048576).toFixed(1)} MB，超过上限 ${(maxBytes / 1048576).toFixed(0)} MB`,
      en: `Photo "${input.fileName}" is ${(bytes.length / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit`,
    });
  }
  const kind = sniffImage(bytes);
  if (!kind) {
    throw new AppError('invalid_input', {
      zh: `“${input.fileName}”不是照片（只接受 JPEG、PNG、WebP 图片）`,
      en: `"${input.fileName}" is not a photo (only JPEG, PNG and WebP images are accepted)`,
    });
  }
  return { bytes, kind };
}

/**
 * Write a photo under DATA/photos with a name we make, atomically (temp file, then rename).
 * The caller removes it again if its database transaction fails.
 */
export function storePhoto(ctx: Pick<CoreContext, 'dataDir'>, photo: { bytes: Buffer; kind: ImageKind }): string {
  const dir = photosDir(ctx);
  mkdirSync(dir, { recursive: true });
  const name = `${randomUUID()}.${photo.kind.ext}`;
  const tmp = join(dir, `.${name}.tmp`);
  writeFileSync(tmp, photo.bytes);
  renameSync(tmp, join(dir, name));
  return name;
}

/** Remove a photo written for a change that did not happen. */
export function discardPhoto(ctx: Pick<CoreContext, 'dataDir'>, name: string | null): void {
  if (name && STORED_NAME.test(name)) rmSync(join(photosDir(ctx), name), { force: true });
}

/** Run a write with a photo stored first; if the write throws, the photo is removed again. */
export function withPhoto<T>(ctx: Pick<CoreContext, 'dataDir'>, photo: { bytes: Buffer; kind: ImageKind } | null, write: (name: string | null) => T): T {
  const name = photo ? storePhoto(ctx, photo) : null;
  try {
    return write(name);
  } catch (error) {
    discardPhoto(ctx, name);
    throw error;
  }
}

/** A stored photo as a data: URL for the desk (the app's CSP allows data: images). */
export function readPhoto(ctx: Pick<CoreContext, 'dataDir'>, name: string): { dataUrl: string; mime: string; bytes: number } {
  const file = join(photosDir(ctx), name);
  if (!STORED_NAME.test(name) || !existsSync(file)) {
    throw new AppError('not_found', { zh: '照片文件不见了（可能被移动或删除）', en: 'The photo file is missing (moved or deleted?)' });
  }
  const bytes = readFileSync(file);
  const kind = sniffImage(bytes);
  if (!kind) throw new AppError('not_found', { zh: '照片文件已损坏', en: 'The photo file is damaged' });
  return { dataUrl: `data:${kind.mime};base64,${bytes.toString('base64')}`, mime: kind.mime, bytes: bytes.length };
}
