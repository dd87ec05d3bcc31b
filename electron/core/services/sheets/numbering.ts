import { AppError } from '../../../../shared/contract/errors';
import type { CoreContext } from '../../context';
import { SheetRepository, type SheetDbRow } from '../../db/repositories/sheetRepository';

export type { SheetDbRow };

export function sheetRepo(ctx: Pick<CoreContext, 'db' | 'townshipId'>): SheetRepository {
  return new SheetRepository(ctx.db, ctx.townshipId);
}

/** The season a day's sheet is numbered in: its year (the flood season never spans a new year). */
export const seasonOf = (date: string): string => date.slice(0, 4);

/** The latest issue (original or correction) for a day, or undefined. */
export function latestForDay(ctx: CoreContext, date: string): SheetDbRow | undefined {
  return sheetRepo(ctx).latestForDay(date);
}

/** The number the season's next original sheet takes: one more than the last, so there are no gaps. */
export function nextNumber(ctx: CoreContext, season: string): number {
  return sheetRepo(ctx).lastNumber(season) + 1;
}

/** Where a sheet issued now would sit: its number, correction index and what it corrects. */
export interface IssuePlan {
  season: string;
  number: number;
  correction: number;
  corrects: SheetDbRow | null;
}

const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * The number and correction index for issuing `date`: the season's next number for a day never
 * issued; for a day already issued only a correction of its latest issue, keeping its number.
 */
export function planIssue(ctx: CoreContext, date: string, correctionOf: string | null): IssuePlan {
  const season = seasonOf(date);
  const latest = latestForDay(ctx, date);
  if (correctionOf === null) {
    if (latest) {
      throw new AppError('conflict', {
        zh: `${zhDate(date)}的日报已签发（第${latest.number}期${latest.correction > 0 ? ' 更正' : ''}）；如需修改，请用“更正重发”并写明原因`,
        en: `The sheet for ${date} was already issued (No. ${latest.number}${latest.correction > 0 ? ', corrected' : ''}); re-issue it as a correction, with the reason`,
      });
    }
    return { season, number: nextNumber(ctx, season), correction: 0, corrects: null };
  }
  if (!latest) {
    throw new AppError('conflict', { zh: `${zhDate(date)}的日报尚未签发，不能更正`, en: `The sheet for ${date} has not been issued; there is nothing to correct` });
  }
  if (latest.id !== correctionOf) {
    throw new AppError('conflict', {
      zh: `只能更正第${latest.number}期最新的一版（${latest.correction > 0 ? `更正${latest.correction}` : '原版'}），请刷新后重试`,
      en: `Only the latest issue of No. ${latest.number} can be corrected; reload and try again`,
    });
  }
  return { season, number: latest.number, correction: latest.correction + 1, corrects: latest };
}

/** What a draft for the day would be issued as (shown on the preview). */
export function prospective(ctx: CoreContext, date: string): IssuePlan {
  const latest = latestForDay(ctx, date);
  return latest
    ? { season: seasonOf(date), number: latest.number, correction: latest.correction + 1, corrects: latest }
    : { season: seasonOf(date), number: nextNumber(ctx, seasonOf(date)), correction: 0, corrects: null };
}
