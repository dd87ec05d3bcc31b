import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { sheetPlanRowSchema, type SheetDraft, type sheetDraftInputSchema } from '../../../../shared/contract/sheets';
import type { CoreContext } from '../../context';
import type { DraftRow } from '../../db/repositories/sheetRepository';
import { sheetRepo } from './numbering';
import { requireSeasonDay, seasonWindow } from '../totals/season';

function toDraft(row: DraftRow): SheetDraft {
  return {
    date: row.date,
    planText: row.plan_text,
    planRows: sheetPlanRowSchema.array().parse(JSON.parse(row.plan_rows_json)),
    signatures: { issuer: row.issuer, checker: row.checker, preparer: row.preparer },
    updatedAt: row.updated_at,
  };
}

function readRow(ctx: CoreContext, date: string): DraftRow | undefined {
  return sheetRepo(ctx).draft(date);
}

/**
 * The day's draft; a day never saved starts empty, with the signature names of the draft saved
 * last (the same people sign most days).
 */
export function getDraft(ctx: CoreContext, date: string): SheetDraft {
  const row = readRow(ctx, date);
  if (row) return toDraft(row);
  const last = sheetRepo(ctx).lastSignatures();
  return { date, planText: '', planRows: [], signatures: last ?? { issuer: '', checker: '', preparer: '' }, updatedAt: null };
}

/** Save the day's draft as a whole; the change feed keeps the previous version. */
export function saveDraft(ctx: CoreContext, input: z.output<typeof sheetDraftInputSchema>): SheetDraft {
  requireSeasonDay(input.date, seasonWindow(ctx));
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    sheetRepo(ctx).saveDraft(
      { date: input.date, plan_text: input.planText, plan_rows_json: JSON.stringify(input.planRows), ...input.signatures },
      { batchId: randomUUID(), source: ctx.source, at, action: 'save' },
    );
  })();
  return toDraft(readRow(ctx, input.date)!);
}
