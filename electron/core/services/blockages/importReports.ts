/**
 * Reports from field teams who are not on the LAN: Ovital KML/KMZ placemarks shared over WeChat,
 * or photos whose EXIF carries a GPS position. Preview first (nothing written), then the desk
 * confirms the ones to keep and they become new 上报 blockages together, or none do.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError, type Bilingual } from '../../../../shared/contract/errors';
import { IMPORT_PHOTO_MAX_BYTES, type BlockageImportCandidate, type BlockageImportPreview, type blockageImportFileSchema } from '../../../../shared/contract/blockages';
import { convertPosition, CRS_LABELS, isCrs, type Crs } from '../../../../shared/geo/crs';
import type { CoreContext } from '../../context';
import { NetworkRepository } from '../../db/repositories/networkRepository';
import { parseNetworkFile } from '../../importers/network';
import { createReport } from './create';
import { readPhotoGps } from '../../../../shared/geo/exifGps';
import { deskActor } from './lifecycle';
import { nearMetres } from './locate';
import { discardPhoto, sniffImage, storePhoto, type ImageKind } from './photos';
import { blockageRepo } from './views';

type ImportFile = z.infer<typeof blockageImportFileSchema>;
interface ImportInput {
  files: ImportFile[];
  crs?: Crs | undefined;
}

/** A candidate plus what confirming it needs (the photo's bytes). */
interface Candidate extends BlockageImportCandidate {
  photo: { bytes: Buffer; kind: ImageKind } | null;
}

const SAME_POINT_M = 30;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** Ovital descriptions are often HTML (togeojson hands them over as {"@type":"html","value"}); keep the words. */
function plain(value: unknown, max: number): string {
  let raw = text(value);
  if (raw.startsWith('{')) {
    try {
      const parsed = JSON.parse(raw) as { value?: unknown };
      if (typeof parsed.value === 'string') raw = parsed.value;
    } catch {
      // plain text that happens to start with a brace
    }
  }
  return raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

function isoOrNull(value: unknown): string | null {
  const t = Date.parse(text(value));
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').slice(0, 60);
}

async function readCandidates(ctx: CoreContext, input: ImportInput): Promise<{ candidates: Candidate[]; crs: Crs; crsReason: Bilingual; warnings: Bilingual[] }> {
  const candidates: Candidate[] = [];
  const warnings: Bilingual[] = [];
  let crsUsed: Crs | null = null;
  let crsReason: Bilingual = { zh: '照片的 GPS 位置为 WGS84', en: 'photo GPS positions are WGS84' };
  for (const [fileIndex, file] of input.files.entries()) {
    const bytes = Buffer.from(file.dataBase64, 'base64');
    if (bytes.length === 0) throw new AppError('import_invalid', { zh: `“${file.fileName}”是空文件`, en: `"${file.fileName}" is empty` });
    const image = sniffImage(bytes);
    if (image) {
      if (bytes.length > IMPORT_PHOTO_MAX_BYTES) {
        throw new AppError('payload_too_large', { zh: `照片“${file.fileName}”超过 20 MB`, en: `Photo "${file.fileName}" is over 20 MB` });
      }
      const gps = image.mime === 'image/jpeg' ? readPhotoGps(bytes) : null;
      if (!gps) {
        warnings.push({ zh: `照片“${file.fileName}”没有 GPS 位置信息，已跳过（拍照时请打开手机定位）`, en: `Photo "${file.fileName}" has no GPS position; skipped (turn on location when taking photos)` });
        continue;
      }
      candidates.push({
        key: `${fileIndex}:photo`,
        fileName: file.fileName,
        kind: 'photo',
        name: `照片上报 ${baseName(file.fileName)}`,
        village: '',
        note: '',
        position: [gps.lon, gps.lat],
        reportedAt: gps.takenAt,
        nearExisting: null,
        photo: { bytes, kind: image },
      });
      continue;
    }
    if (!/\.(kml|kmz|ovkml|ovkmz)$/i.test(file.fileName)) {
      throw new AppError('import_invalid', {
        zh: `“${file.fileName}”不是奥维 KML/KMZ 文件，也不是照片。只能导入奥维导出的 KML/KMZ 或带 GPS 的 JPEG 照片`,
        en: `"${file.fileName}" is neither an Ovital KML/KMZ nor a photo. Import Ovital KML/KMZ exports or JPEG photos with GPS tags`,
      });
    }
    const preview = await parseNetworkFile(file.fileName, bytes);
    // KML is always geographic; a projected system cannot come out of it.
    const crs: Crs = input.crs ?? (isCrs(preview.detectedCrs) ? preview.detectedCrs : 'wgs84');
    if (crsUsed === null) {
      crsUsed = crs;
      crsReason = input.crs ? { zh: `按所选：${CRS_LABELS[crs].zh}`, en: `as chosen: ${CRS_LABELS[crs].en}` } : preview.crsReason;
    }
    let skipped = 0;
    for (const f of preview.features) {
      if (f.geometry.type !== 'Point') {
        skipped++;
        continue;
      }
      const [lon, lat] = convertPosition(f.geometry.coordinates, crs, 'wgs84') as [number, number];
      const village = [...f.folderPath].reverse().find((p) => /^[\u4e00-\u9fff]{1,10}村$/.test(p.trim()))?.trim() ?? text(f.properties.village ?? f.properties['村']);
      candidates.push({
        key: `${fileIndex}:${f.index}`,
        fileName: file.fileName,
        kind: 'placemark',
        name: (text(f.properties.name) || `${baseName(file.fileName)} 第 ${f.index} 点`).slice(0, 60),
        village: village.slice(0, 40),
        note: plain(f.properties.description, 500),
        position: [lon, lat],
        reportedAt: isoOrNull(f.properties.timestamp ?? f.properties.when),
        nearExisting: null,
        photo: null,
      });
    }
    if (skipped > 0) {
      warnings.push({ zh: `“${file.fileName}”中有 ${skipped} 条线或面，堵点只导入点，已跳过`, en: `"${file.fileName}" has ${skipped} line(s)/area(s); only points become blockages, skipped` });
    }
    for (const w of preview.warnings) warnings.push(w.message);
  }
  // Probably already known: an open blockage within 30 m.
  const repo = blockageRepo(ctx);
  for (const c of candidates) {
    const near = repo
      .openNear(c.position[0], c.position[1], 0.0005)
      .map((b) => ({ id: b.id, name: b.name || '未命名堵点', distanceM: Math.round(nearMetres(c.position, JSON.parse(b.geometry).coordinates as [number, number]) * 10) / 10 }))
      .filter((b) => b.distanceM <= SAME_POINT_M)
      .sort((a, b) => a.distanceM - b.distanceM)[0];
    c.nearExisting = near ?? null;
  }
  return { candidates, crs: crsUsed ?? 'wgs84', crsReason, warnings };
}

/** What the files hold, as candidate reports; nothing is written. */
export async function previewImport(ctx: CoreContext, input: ImportInput): Promise<BlockageImportPreview> {
  const read = await readCandidates(ctx, input);
  if (read.candidates.length === 0) {
    throw new AppError('import_invalid', {
      zh: `文件里没有可以导入的点。${read.warnings.map((w) => w.zh).join('；')}`,
      en: `No points to import. ${read.warnings.map((w) => w.en).join('; ')}`,
    });
  }
  return { candidates: read.candidates.map(({ photo: _photo, ...c }) => c), crs: read.crs, crsReason: read.crsReason, warnings: read.warnings };
}

/** Write the chosen candidates as new reported blockages, in one transaction: all or none. */
export async function confirmImport(ctx: CoreContext, input: ImportInput & { keys: string[] }): Promise<{ created: number; ids: string[] }> {
  const { candidates, crs } = await readCandidates(ctx, input);
  const byKey = new Map(candidates.map((c) => [c.key, c]));
  const unknown = input.keys.filter((k) => !byKey.has(k));
  if (unknown.length > 0) {
    throw new AppError('invalid_input', { zh: `所选的点在文件中找不到（${unknown.slice(0, 5).join('、')}），请重新预览`, en: `Chosen points are not in the files (${unknown.slice(0, 5).join(', ')}); preview again` });
  }
  const chosen = [...new Set(input.keys)].map((k) => byKey.get(k)!);
  const stored: string[] = [];
  try {
    const photoNames = chosen.map((c) => {
      if (!c.photo) return null;
      const name = storePhoto(ctx, c.photo);
      stored.push(name);
      return name;
    });
    const ids = ctx.db.transaction(() => {
      const at = ctx.now().toISOString();
      const batchId = randomUUID();
      const importBatchId = randomUUID();
      const names = [...new Set(chosen.map((c) => c.fileName))];
      new NetworkRepository(ctx.db, ctx.townshipId).insertImportBatch(
        { id: importBatchId, fileName: names.join('、').slice(0, 500), format: chosen.some((c) => c.kind === 'placemark') ? 'kml' : 'jpeg', crs, counts: { blockage: chosen.length }, at },
        { batchId, source: 'import', at, action: 'import' },
      );
      const who = { ...deskActor(ctx), source: 'import' as const };
      return chosen.map((c, i) => {
        const note = c.note || (c.kind === 'photo' ? `导入照片 ${c.fileName}` : `导入自 ${c.fileName}`);
        return createReport(ctx, { ...who, actor: c.fileName }, { position: c.position, name: c.name, village: c.village, note, at: c.reportedAt ?? at, photo: photoNames[i] ?? null }, batchId, importBatchId).id;
      });
    })();
    return { created: ids.length, ids };
  } catch (error) {
    for (const name of stored) discardPhoto(ctx, name);
    throw error;
  }
}
