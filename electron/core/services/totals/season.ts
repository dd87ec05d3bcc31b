import { AppError } from '../../../../shared/contract/errors';
import { townshipDay } from '../../../../shared/domain/dates';
import type { CoreContext } from '../../context';
import { getSettings } from '../settings/settingsService';

/** The season as the township sees it now: from the season-start setting to today (Asia/Shanghai). */
export interface SeasonWindow {
  seasonStart: string;
  today: string;
}

export function seasonWindow(ctx: CoreContext): SeasonWindow {
  return { seasonStart: getSettings(ctx).seasonStart, today: townshipDay(ctx.now()) };
}

/** Why a day cannot take data, or null when it is inside the season and not in the future. */
export function dayProblem(date: string, w: SeasonWindow): { zh: string; en: string } | null {
  if (date < w.seasonStart) {
    return {
      zh: `日期 ${date} 早于汛期起始日期 ${w.seasonStart}（可在“设置”中修改汛期起始日期）`,
      en: `the date ${date} is before the season start ${w.seasonStart} (the season start is in Settings)`,
    };
  }
  if (date > w.today) {
    return { zh: `日期 ${date} 晚于今天（${w.today}），不能录入未来的数据`, en: `the date ${date} is after today (${w.today}); future days cannot be entered` };
  }
  return null;
}

/** Throw invalid_input naming `path` when the day is outside the season or in the future. */
export function requireSeasonDay(date: string, w: SeasonWindow, path = 'date'): void {
  const problem = dayProblem(date, w);
  if (problem) {
    throw new AppError('invalid_input', problem, { issues: [{ path, code: 'out_of_season', message: problem.zh, messageEn: problem.en }] });
  }
}

