/**
 * Reading a zipped shapefile: every .shp in the zip with its .dbf (attributes), .prj (coordinate
 * system: projected ones are refused) and .cpg (text encoding; GBK assumed for non-UTF-8 bytes).
 */
import { openShp } from 'shapefile';
import { DbfError, dbfEncoding, readDbf, type DbfRecord } from './dbf';
import { importInvalid } from './errors';
import { normalizeFeatures, type RawFeature } from './normalize';
import type { ReadResult } from './preview';
import { readPrj } from './prj';
import { settleCrs, type CrsFinding } from './settleCrs';
import { decodeWith, isValidUtf8 } from './text';
import type { Warnings } from './warnings';
import { baseNameOf, extensionOf, extractZip, type ZipEntry } from './zip';

interface Parts {
  shp: ZipEntry;
  shx?: ZipEntry;
  dbf?: ZipEntry;
  prj?: ZipEntry;
  cpg?: ZipEntry;
}

/** Groups the zip's files by shapefile: same folder and base name, extension case ignored. */
function groupParts(entries: readonly ZipEntry[]): Parts[] {
  const key = (e: ZipEntry) => e.name.slice(0, e.name.length - extensionOf(e.name).length - 1).toLowerCase();
  const byKey = new Map<string, Partial<Parts>>();
  for (const e of entries) {
    const ext = extensionOf(e.name);
    if (ext !== 'shp' && ext !== 'shx' && ext !== 'dbf' && ext !== 'prj' && ext !== 'cpg') continue;
    const group = byKey.get(key(e)) ?? {};
    group[ext] = e;
    byKey.set(key(e), group);
  }
  return [...byKey.values()].filter((g): g is Parts => g.shp !== undefined);
}

function text(bytes: Uint8Array): string {
  return decodeWith(bytes, isValidUtf8(bytes) ? 'utf-8' : 'gb18030');
}

/** The shapes the reader got through, and why it stopped early when it did. */
async function readShapes(fileName: string, label: string, data: Uint8Array): Promise<{ shapes: unknown[]; stopped: string | null }> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length < 100 || view.getInt32(0, false) !== 9994) {
    throw importInvalid(fileName, 'bad_shapefile', { zh: `${label} 不是有效的 .shp 文件(文件头不对)`, en: `${label} is not a valid .shp file (bad header)` });
  }
  const shapes: unknown[] = [];
  try {
    const source = await openShp(data);
    for (let r = await source.read(); !r.done; r = await source.read()) shapes.push(r.value);
    return { shapes, stopped: null };
  } catch (error) {
    return { shapes, stopped: error instanceof Error ? error.message : String(error) };
  }
}

function attributes(fileName: string, label: string, data: Uint8Array, cpg: string | null, warnings: Warnings): { records: DbfRecord[]; encoding: string } {
  try {
    const { encoding, source } = dbfEncoding(data, cpg);
    if (encoding === null) {
      throw importInvalid(
        fileName,
        'unknown_encoding',
        { zh: `${label} 的 .cpg 写的编码“${(cpg ?? '').trim()}”无法识别;请改为 UTF-8 或 GBK`, en: `the .cpg of ${label} names the encoding "${(cpg ?? '').trim()}", which is not known; change it to UTF-8 or GBK` },
        { encoding: cpg },
      );
    }
    if (source === 'cpg_wrong') {
      warnings.note('cpg_utf8_is_gbk', { zh: `${label} 的 .cpg 写的是 UTF-8,但属性文字不是有效的 UTF-8,已按 GBK 读取;请检查名称是否正确`, en: `the .cpg of ${label} says UTF-8 but the attribute text is not valid UTF-8; read as GBK — check that the names look right` });
    }
    if (source === 'sniffed' && encoding === 'gbk') {
      warnings.note('dbf_gbk_assumed', { zh: `${label} 没有 .cpg,属性文字按 GBK 读取`, en: `${label} has no .cpg; its text was read as GBK` });
    }
    return { records: readDbf(data, encoding).records, encoding };
  } catch (error) {
    if (!(error instanceof DbfError)) throw error;
    throw importInvalid(fileName, 'bad_shapefile', { zh: `${label} 的属性表(.dbf)已损坏:${error.message}`, en: `the attribute table (.dbf) of ${label} is damaged: ${error.message}` });
  }
}

/** A record's name for messages: its first text value that looks like a name, else its number. */
function recordName(record: DbfRecord | undefined, n: number): string {
  const name = record ? Object.entries(record).find(([k, v]) => typeof v === 'string' && /name|名称|mc/i.test(k))?.[1] : undefined;
  return typeof name === 'string' ? `${n}“${name}”` : String(n);
}

/**
 * A cut or damaged .shp reads as fewer shapes than its .dbf (or .shx) has records; the shapefile
 * reader stops without a word. Refuse, naming every lost record, rather than import a part.
 */
function checkComplete(fileName: string, label: string, shp: Uint8Array, shapeCount: number, shx: Uint8Array | undefined, records: readonly DbfRecord[], stopped: string | null): void {
  const declaredBytes = shp.length >= 28 ? new DataView(shp.buffer, shp.byteOffset, 28).getInt32(24, false) * 2 : 0;
  const indexCount = shx && shx.length >= 100 ? Math.floor((shx.length - 100) / 8) : 0;
  const expected = Math.max(records.length, indexCount);
  const cut = declaredBytes > shp.length;
  if (shapeCount >= expected && !cut && stopped === null) return;
  if (stopped !== null && expected <= shapeCount) {
    throw importInvalid(fileName, 'bad_shapefile', { zh: `${label} 已损坏或不完整:${stopped}`, en: `${label} is damaged or incomplete: ${stopped}` }, { cause: stopped });
  }
  const lost = Array.from({ length: Math.max(0, expected - shapeCount) }, (_, i) => recordName(records[shapeCount + i] ?? undefined, shapeCount + i + 1));
  const shown = lost.slice(0, 10).join('、') + (lost.length > 10 ? '…' : '');
  throw importInvalid(
    fileName,
    'bad_shapefile',
    {
      zh: `${label} 已损坏或不完整:只能读出 ${shapeCount} 个图形${expected > 0 ? `,属性表有 ${expected} 条记录` : ''}${cut ? `,文件头说有 ${declaredBytes} 字节、实际只有 ${shp.length} 字节` : ''}。${lost.length > 0 ? `读不出的记录:第 ${shown} 条。` : ''}未导入任何内容;请重新导出或重新压缩后再试`,
      en: `${label} is damaged or incomplete: only ${shapeCount} shape(s) can be read${expected > 0 ? ` while the table has ${expected} record(s)` : ''}${cut ? `; the header says ${declaredBytes} bytes but the file has ${shp.length}` : ''}. ${lost.length > 0 ? `Records that cannot be read: ${lost.slice(0, 10).join(', ')}${lost.length > 10 ? '…' : ''}. ` : ''}Nothing was imported; export or zip it again and retry`,
    },
    { shapes: shapeCount, records: expected, lost: lost.slice(0, 100) },
  );
}

/** Parses a zipped shapefile whose listing detectFormat already read. */
export async function readShapefileZip(fileName: string, bytes: Uint8Array, entries: readonly ZipEntry[], maxBytes: number, warnings: Warnings): Promise<ReadResult> {
  const groups = groupParts(entries);
  const wanted = groups.flatMap((g) => [g.shp, g.shx, g.dbf, g.prj, g.cpg].filter((e): e is ZipEntry => e !== undefined));
  const files = extractZip(bytes, fileName, wanted, maxBytes);
  const raw: RawFeature[] = [];
  let detected: CrsFinding | null = null;
  let encoding: string | null = null;
  for (const g of groups) {
    const label = g.shp.name.slice(g.shp.name.lastIndexOf('/') + 1);
    const layer = baseNameOf(g.shp.name);
    const prjText = g.prj ? text(files.get(g.prj.name) ?? new Uint8Array()) : null;
    if (prjText !== null) {
      const prj = readPrj(prjText);
      if (prj.kind === 'projected') {
        detected ??= { crs: prj.crs, reason: { zh: `${label} 的 .prj:${prj.reason.zh}`, en: `the .prj of ${label}: ${prj.reason.en}` }, declared: true };
      } else if (prj.kind === 'geographic') {
        detected ??= { crs: prj.crs, reason: prj.reason, declared: true };
        if (prj.warning) warnings.note('old_datum', prj.warning);
      } else {
        warnings.note('unknown_prj', { zh: `${label} 的 .prj 无法识别,请确认坐标系`, en: `the .prj of ${label} is not recognised; check the system` });
      }
    }
    let records: DbfRecord[] = [];
    if (g.dbf) {
      const cpg = g.cpg ? text(files.get(g.cpg.name) ?? new Uint8Array()) : null;
      const table = attributes(fileName, label, files.get(g.dbf.name) ?? new Uint8Array(), cpg, warnings);
      records = table.records;
      encoding ??= table.encoding;
    } else {
      warnings.note('no_dbf', { zh: `${label} 没有 .dbf,要素没有属性`, en: `${label} has no .dbf, so its features have no attributes` });
    }
    const shpBytes = files.get(g.shp.name) ?? new Uint8Array();
    const { shapes, stopped } = await readShapes(fileName, label, shpBytes);
    checkComplete(fileName, label, shpBytes, shapes.length, g.shx ? files.get(g.shx.name) : undefined, records, stopped);
    shapes.forEach((geometry, i) => {
      const record = records[i];
      if (g.dbf && record === null) {
        warnings.add('deleted_record', (n) => ({ zh: `${n} 条已删除的记录已跳过`, en: `${n} deleted record(s) skipped` }));
        return;
      }
      raw.push({ geometry, properties: record ?? {}, where: { zh: `${label} 第 ${i + 1} 条记录`, en: `${label} record ${i + 1}` }, sourceLayer: layer });
    });
  }
  const found: CrsFinding = detected ?? {
    crs: null,
    reason: { zh: '没有 .prj 文件,不知道坐标系;坐标看起来是经纬度,请选择坐标系', en: 'there is no .prj, so the coordinate system is unknown; the coordinates look like lon/lat — choose the system' },
  };
  const crs = settleCrs(found, raw.map((r) => r.geometry));
  const features = normalizeFeatures(raw, fileName, warnings, { ranges: crs.ranges });
  return { format: 'shapefile', encoding, detectedCrs: crs.crs, crsReason: crs.reason, features };
}
