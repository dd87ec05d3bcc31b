import { townshipDay } from '../../../../shared/domain/dates';
import type { CoreContext } from '../../context';
import { draftData } from './archive';

/**
 * At start-up (browser mode; issue 15): have the sheet renderer open its print view in the
 * background and draw today's draft there, so the first sheet the office asks for finds Chromium
 * up, the page loaded and the fonts in. The data are assembled only once the page is open, and
 * not at all if a real sheet is already waiting. Resolves when done (never fails: a cold sheet is
 * only slower).
 */
export function warmSheetPrinting(ctx: CoreContext): Promise<void> {
  return ctx.sheetRenderer.warm?.(() => draftData(ctx, townshipDay(ctx.now()))) ?? Promise.resolve();
}
