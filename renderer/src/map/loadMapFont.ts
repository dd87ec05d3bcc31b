/**
 * Maplibre draws labels itself (no glyph server): it rasterises each character with the page's
 * fonts. The shipped Noto Sans SC is split into unicode-range files that the browser loads only
 * when asked, so ask for exactly the characters the labels use before the map draws them.
 */
export async function loadMapFont(texts: Iterable<string>): Promise<void> {
  const chars = new Set<string>('0123456789号沟河村涵堵');
  for (const t of texts) for (const c of t) chars.add(c);
  try {
    await document.fonts.load('16px "Noto Sans SC"', [...chars].join(''));
  } catch {
    // A font that cannot load leaves the system fallback; the map still works.
  }
}

/** The CSS family maplibre should draw CJK labels with. */
export const MAP_FONT_FAMILY = "'Noto Sans SC', sans-serif";
