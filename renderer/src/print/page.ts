/** The sheet's A4 page (mm). The print CSS and the page-count estimate both use these. */
export const PAGE = { widthMm: 210, heightMm: 297, top: 22, bottom: 22, left: 24, right: 22 } as const;

const PX_PER_MM = 96 / 25.4;

/** The printable width in CSS px (what the chart is drawn at). */
export const CONTENT_WIDTH_PX = Math.floor((PAGE.widthMm - PAGE.left - PAGE.right) * PX_PER_MM);

/** The printable height of one page in CSS px. */
export const CONTENT_HEIGHT_PX = (PAGE.heightMm - PAGE.top - PAGE.bottom) * PX_PER_MM;

/** The @page rule: A4 portrait, the sheet's margins, and "第 x 页 共 y 页" when `numbered`. */
export function pageCss(numbered: boolean): string {
  const box = numbered
    ? `@bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-family: 'Noto Sans SC', sans-serif; font-size: 9pt; color: #333; }`
    : '';
  return `@page { size: A4 portrait; margin: ${PAGE.top}mm ${PAGE.right}mm ${PAGE.bottom}mm ${PAGE.left}mm; ${box} }`;
}
