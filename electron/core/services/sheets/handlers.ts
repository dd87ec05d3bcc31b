import { AppError } from '../../../../shared/contract/errors';
import { sheetTitle } from '../../../../shared/contract/sheets';
import type { HandlersFor } from '../../api/handlerTypes';
import { draftData, issuedData, issuedPdf, issueSheet, listSheets, sheetData, sheetFileStem } from './archive';
import { getSettings } from '../settings/settingsService';
import { getDraft, saveDraft } from './draft';
import { prospective } from './numbering';
import { sheetXlsx } from './xlsx';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export const sheetHandlers: HandlersFor<
  'sheets.draft' | 'sheets.saveDraft' | 'sheets.data' | 'sheets.issue' | 'sheets.list' | 'sheets.pdf' | 'sheets.renderPdf' | 'sheets.exportXlsx' | 'sheets.print'
> = {
  'sheets.draft': (input, ctx) => getDraft(ctx, input.date),
  'sheets.saveDraft': (input, ctx) => saveDraft(ctx, input),
  'sheets.data': (input, ctx) => sheetData(ctx, input),
  'sheets.issue': (input, ctx) => issueSheet(ctx, input),
  'sheets.list': (input, ctx) => listSheets(ctx, input.season),
  'sheets.pdf': (input, ctx) => {
    const pdf = issuedPdf(ctx, input.id);
    return { fileName: pdf.fileName, mimeType: PDF, contentBase64: b64(pdf.bytes), sha256: pdf.sha256 };
  },
  'sheets.renderPdf': async (input, ctx) => {
    ctx.sheetRenderer.prepare?.();
    const data = draftData(ctx, input.date);
    const bytes = await ctx.sheetRenderer({ ref: { date: input.date }, data, ctx });
    const plan = prospective(ctx, input.date);
    const title = sheetTitle(getSettings(ctx).townshipName);
    return { fileName: `${sheetFileStem({ title, number: plan.number, correction: plan.correction, date: input.date, state: 'draft' })}.pdf`, mimeType: PDF, contentBase64: b64(bytes) };
  },
  'sheets.exportXlsx': async (input, ctx) => {
    const data = 'id' in input ? issuedData(ctx, input.id) : draftData(ctx, input.date);
    return { fileName: `${sheetFileStem(data)}.xlsx`, mimeType: XLSX, contentBase64: b64(await sheetXlsx(data)) };
  },
  'sheets.print': () => {
    throw new AppError('conflict', {
      zh: '打印对话框只在桌面程序中可用；在浏览器中请点“打印”，用浏览器自带的打印',
      en: "The print dialog is only in the desktop app; in a browser use Print, which opens the browser's own print",
    });
  },
};
