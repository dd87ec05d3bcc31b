/**
 * The print view's address in the built renderer, without the sheet schemas of `sheets.ts`: the
 * print view imports these and must not load zod (its first sheet starts faster; issue 15).
 */

/** The print view's page in the built renderer (a second entry, no app shell). */
export const SHEET_PRINT_PAGE = 'print.html';

/** The print view's query when its printer hands it the sheet data (`draindeskPrint.show`) instead of it asking the API. */
export const SHEET_PRINT_INLINE = 'inline=1';
