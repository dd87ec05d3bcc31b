import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { sheetPlanRowSchema, type SheetDraft, type sheetDraftInputSchema } from '../../../../shared/contract/sheets';
import type { CoreContext } from '../../context';
import { requireSeasonDay, seasonWindow } from '../totals/season';

interface DraftRow {
  date: string;
  plan_text: string;
  plan_rows_json: string;
  issuer: string;
  checker: string;
  preparer: string;
  updated_at: string;
}

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
  return ctx.db
    .prepare('SELECT date, plan_text, plan_rows_json, issuer, checker, preparer, updated_at FROM sheet_draft WHERE township_id = ? AND date = ?')
    .get(ctx.townshipId, date) as DraftRow | undefined;
}

/**
 * The day's draft; a day never saved starts empty, with the signature names of the draft saved
 * last (the same people sign most days).
 */
export function getDraft(ctx: CoreContext, date: string): SheetDraft {
  const row = readRow(ctx, date);
  if (row) return toDraft(row);
  const last = ctx.db
    .prepare('SELECT issuer, checker, preparer FROM sheet_draft WHERE township_id = ? ORDER BY updated_at DESC, date DESC LIMIT 1')
    .get(ctx.townshipId) as Pick<DraftRow, 'issuer' | 'checker' | 'preparer'> | undefined;
  return { date, planText: '', planRows: [], signatures: last ?? { issuer: '', checker: '', preparer: '' }, updatedAt: null };
}

/** Save the day's draft as a whole, keeping the previous version in sheet_draft_change. */
export function saveDraft(ctx: CoreContext, input: z.output<typeof sheetDraftInputSchema>): SheetDraft {
  requireSeasonDay(input.date, seasonWindow(ctx));
  const at = ctx.now().toISOString();
  const before = readRow(ctx, input.date);
  const after = { planText: input.planText, planRows: input.planRows, signatures: input.signatures };
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `INSERT INTO sheet_draft (township_id, date, plan_text, plan_rows_json, issuer, checker, preparer, created_at, updated_at)
         VALUES (@t, @date, @text, @rows, @issuer, @checker, @preparer, @at, @at)
         ON CONFLICT (township_id, date) DO UPDATE SET plan_text = @text, plan_rows_json = @rows, issuer = @issuer,
           checker = @checker, preparer = @preparer, updated_at = @at`,
      )
      .run({ t: ctx.townshipId, date: input.date, text: input.planText, rows: JSON.stringify(input.planRows), ...input.signatures, at });
    ctx.db
      .prepare(
        `INSERT INTO sheet_draft_change (id, township_id, date, before_json, after_json, source, at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(randomUUID(), ctx.townshipId, input.date, before ? JSON.stringify(toDraft(before)) : null, JSON.stringify(after), ctx.source, at, at, at);
  })();
  return toDraft(readRow(ctx, input.date)!);
}
