/**
 * Online basemap hosts the map may fetch tiles from (only when the user picks them in settings).
 * Everything else the app needs is its own.
 */
export const TILE_HOSTS = ['https://*.tianditu.gov.cn', 'https://tile.openstreetmap.org'];

/**
 * The one Content-Security-Policy: everything from the page's own origin, images also from
 * data:/blob: (photo previews), plus the given online hosts for tiles. No plugins, no framing,
 * no form posts, no <base>.
 */
function csp(extraHosts: readonly string[]): string {
  const extra = extraHosts.length ? ` ${extraHosts.join(' ')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${extra}`,
    "font-src 'self' data:",
    `connect-src 'self'${extra}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The Content-Security-Policy of the app window, used by the desktop protocol and browser mode alike. */
export function appCsp(): string {
  return csp(TILE_HOSTS);
}

/** The phone page's policy: the same, without online tile hosts (the phone's map draws only its ditch). */
export function fieldCsp(): string {
  return csp([]);
}
