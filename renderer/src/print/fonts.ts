/** The sheet's typeface (sheet.css); its faces are split by unicode range (@fontsource). */
const SHEET_FONT = '"Noto Sans SC"';

/**
 * Start fetching the sheet font's faces for every character of `text`, both weights, before the
 * sheet is drawn (issue 15): otherwise the browser asks for them only once React has drawn and
 * laid out the page, and the first sheet of a print view waits for the fetches after that.
 * Fetching only; the page's ready signal still waits for `document.fonts.ready`.
 */
export function preloadSheetFonts(text: string): void {
  const chars = [...new Set(text)].join('');
  for (const weight of [400, 700]) document.fonts.load(`${weight} 16px ${SHEET_FONT}`, chars).catch(() => undefined);
}
