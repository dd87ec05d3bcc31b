/**
 * Online basemap hosts the map may fetch tiles from (only when the user picks them in settings).
 * Everything else the app needs is its own.
 */
export const TILE_HOSTS = ['https://*.tianditu.gov.cn', 'https://tile.openstreetmap.org'];

/** The Content-Security-Policy of the app window, used by the desktop protocol and browser mode alike. */
export function appCsp(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${TILE_HOSTS.join(' ')}`,
    "font-src 'self' data:",
    `connect-src 'self' ${TILE_HOSTS.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
