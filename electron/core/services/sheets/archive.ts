import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../../../../shared/contract/errors';
import { sheetDataSchema, type SheetData, type SheetRecord, type SheetRef } from '../../../../shared/contract/sheets';
import type { CoreContext } from '../../context';
import { buildSheetData } from './assemble';
import { nextNumber, planIssue, prospective, sheetRepo, type SheetDbRow } from './numbering';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');


function getRow(ctx: CoreContext, id: string): SheetDbRow {
  const row = sheetRepo(ctx).sheet(id);
  if (!row) throw new AppError('not_found', { zh: '存档中没有这份日报', en: 'No such sheet in the archive' });
  return row;
}

function toRecord(ctx: CoreContext, row: SheetDbRow): SheetRecord {
  return {
    id: row.id,
    date: row.date,
    season: row.season,
    number: row.number,
    correction: row.correction,
    correctionReason: row.correction_reason,
    correctionOf: row.correction_of,
    superseded: sheetRepo(ctx).superseded(row),
    issuedAt: row.issued_at,
    signatures: { issuer: row.issuer, checker: row.checker, preparer: row.preparer },
    pdfSha256: row.pdf_sha256,
    pdfBytes: row.pdf_bytes,
    source: row.source,
  };
}

/** The live data of a day's draft, numbered as issuing it now would number it. */
export function draftData(ctx: CoreContext, date: string): SheetData {
  const plan = prospective(ctx, date);
  return buildSheetData(ctx, date, {
    state: 'draft',
    sheetId: null,
    number: plan.number,
    correction: plan.correction,
    correctionReason: '',
    correctsIssuedAt: plan.corrects?.issued_at ?? null,
    issuedAt: null,
  });
}

/** An issued sheet's frozen data, exactly as it was printed. */
export function issuedData(ctx: CoreContext, id: string): SheetData {
  return sheetDataSchema.parse(JSON.parse(getRow(ctx, id).snapshot_json));
}

/** What the print view draws for a reference: a live draft, an issued sheet, or one being issued. */
export function sheetData(ctx: CoreContext, ref: SheetRef): SheetData {
  if ('date' in ref) return draftData(ctx, ref.date);
  if ('id' in ref) return issuedData(ctx, ref.id);
  return ctx.state.pendingSheets.data(ref.token);
}

/** The folder issued PDFs live in, beside the database. */
export const sheetsDir = (ctx: Pick<CoreContext, 'dataDir'>) => join(ctx.dataDir, 'sheets');

function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 100 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

/**
 * 签发: number the sheet, take its data, print it to PDF with the core's sheet renderer, store the
 * PDF under DATA/sheets/<season>/ and the record (number, snapshot, hash) in one transaction. If
 * anything fails nothing is kept, and the number is not used up.
 */
export function issueSheet(ctx: CoreContext, input: { date: string; correction?: { of: string; reason: string } | undefined }): Promise<SheetRecord> {
  // Issues run one at a time per core, so two clicks cannot take the same number.
  return ctx.state.issues.run(async () => {
    // A cold printer starts while the data are assembled.
    ctx.sheetRenderer.prepare?.();
    const plan = planIssue(ctx, input.date, input.correction?.of ?? null);
    const id = randomUUID();
    const issuedAt = ctx.now().toISOString();
    const data = buildSheetData(ctx, input.date, {
      state: 'pending',
      sheetId: id,
      number: plan.number,
      correction: plan.correction,
      correctionReason: input.correction?.reason ?? '',
      correctsIssuedAt: plan.corrects?.issued_at ?? null,
      issuedAt,
    });
    const token = ctx.state.pendingSheets.hold(data);
    let pdf: Uint8Array;
    try {
      pdf = await ctx.sheetRenderer({ ref: { token }, data, ctx });
    } catch (error) {
      if (error instanceof AppError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new AppError('internal', { zh: `日报 PDF 生成失败，未签发：${message}`, en: `Making the sheet's PDF failed; nothing was issued: ${message}` });
    } finally {
      ctx.state.pendingSheets.release(token);
    }
    if (!isPdf(pdf)) throw new AppError('internal', { zh: '生成的日报 PDF 无效，未签发', en: 'The sheet PDF came out invalid; nothing was issued' });

    const snapshot: SheetData = { ...data, state: 'issued' };
    const name = `sheet-${plan.season}-${String(plan.number).padStart(3, '0')}${plan.correction > 0 ? `-c${plan.correction}` : ''}-${input.date}-${id.slice(0, 8)}.pdf`;
    const file = join(sheetsDir(ctx), plan.season, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.part`, pdf, { flag: 'wx' });
    renameSync(`${file}.part`, file);
    try {
      ctx.db.transaction(() => {
        // Another process (the CLI beside the open app) may have issued meanwhile: the number must still be free.
        const again = planIssue(ctx, input.date, input.correction?.of ?? null);
        if (again.number !== plan.number || again.correction !== plan.correction) {
          throw new AppError('conflict', { zh: '期号已被占用（另一处刚签发了日报），请重试', en: 'The number was just taken by another issue; try again' });
        }
        sheetRepo(ctx).insertSheet(
          {
            id,
            season: plan.season,
            number: plan.number,
            correction: plan.correction,
            date: input.date,
            correction_of: plan.corrects?.id ?? null,
            correction_reason: input.correction?.reason ?? '',
            issued_at: issuedAt,
            ...snapshot.signatures,
            snapshot_json: JSON.stringify(snapshot),
            pdf_file: relative(ctx.dataDir, file).split(sep).join('/'),
            pdf_sha256: sha256(pdf),
            pdf_bytes: pdf.length,
            source: ctx.source,
          },
          { batchId: randomUUID(), source: ctx.source, at: issuedAt, action: plan.correction > 0 ? 'correct' : 'issue' },
        );
      })();
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    }
    return toRecord(ctx, getRow(ctx, id));
  });
}

/** The archive of a season, newest first, and the number the next sheet takes. */
export function listSheets(ctx: CoreContext, season?: string): { season: string | null; seasons: string[]; records: SheetRecord[]; nextNumber: number } {
  const repo = sheetRepo(ctx);
  const seasons = repo.seasons();
  const chosen = season ?? seasons[0] ?? null;
  if (chosen === null) return { season: null, seasons, records: [], nextNumber: 1 };
  const rows = repo.season(chosen);
  return { season: chosen, seasons, records: rows.map((r) => toRecord(ctx, r)), nextNumber: nextNumber(ctx, chosen) };
}

/** A sheet's file name as users see it: 三合乡防汛排涝调度日报-第12期[更正1]-2026-08-10.pdf */
export function sheetFileStem(data: Pick<SheetData, 'title' | 'number' | 'correction' | 'date' | 'state'>): string {
  const fix = data.correction > 0 ? `更正${data.correction}` : '';
  const draft = data.state === 'draft' ? '-样稿' : '';
  return `${data.title}-第${data.number}期${fix}-${data.date}${draft}`.replace(/[\\/:*?"<>|]/g, '_');
}

/** The issued PDF exactly as stored, after checking it is the file that was issued. */
export function issuedPdf(ctx: CoreContext, id: string): { fileName: string; bytes: Uint8Array; sha256: string } {
  const row = getRow(ctx, id);
  const file = resolve(ctx.dataDir, row.pdf_file);
  if (!file.startsWith(resolve(sheetsDir(ctx)) + sep) || !existsSync(file)) {
    throw new AppError('not_found', {
      zh: `第${row.number}期日报的存档 PDF（${row.pdf_file}）不见了；可从备份中找回 sheets 文件夹`,
      en: `The archived PDF of sheet No. ${row.number} (${row.pdf_file}) is missing; restore the sheets folder from a backup`,
    });
  }
  const bytes = new Uint8Array(readFileSync(file));
  const hash = sha256(bytes);
  if (hash !== row.pdf_sha256) {
    throw new AppError('db_corrupt', {
      zh: `第${row.number}期日报的存档 PDF 已被改动（校验值不符），不能作为签发原件使用`,
      en: `The archived PDF of sheet No. ${row.number} was altered (checksum mismatch); it is not the issued original`,
    });
  }
  return { fileName: `${sheetFileStem(sheetDataSchema.pick({ title: true, number: true, correction: true, date: true, state: true }).parse(JSON.parse(row.snapshot_json)))}.pdf`, bytes, sha256: hash };
}

